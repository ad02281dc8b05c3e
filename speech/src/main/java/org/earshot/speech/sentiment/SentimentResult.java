package org.earshot.speech.sentiment;

import java.util.List;
import java.util.Map;
import org.earshot.speech.AnalysisReport.CallSentiment;
import org.earshot.speech.AnalysisReport.Cue;
import org.earshot.speech.AnalysisReport.TimelineWindow;

/** Scores per party (absent = no speech to judge), the call's label and flags, the timeline and the cues. */
public record SentimentResult(Map<String, Double> parties, CallSentiment call, List<TimelineWindow> timeline,
                              List<Cue> cues) {

    public SentimentResult {
        parties = Map.copyOf(parties);
        timeline = List.copyOf(timeline);
        cues = List.copyOf(cues);
    }
}
