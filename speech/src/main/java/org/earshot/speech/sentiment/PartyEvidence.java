package org.earshot.speech.sentiment;

import java.util.List;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.prosody.PartyProsody;
import org.earshot.speech.vad.Spurt;

/** What one party did in the call: when they spoke, how, what they said, and whom they cut off. */
public record PartyEvidence(String party, List<Spurt> spurts, PartyProsody prosody, List<Word> words,
                            List<Overlap> interruptionsMade) {

    public PartyEvidence {
        spurts = List.copyOf(spurts);
        words = List.copyOf(words);
        interruptionsMade = List.copyOf(interruptionsMade);
    }

    double talkSeconds() {
        return spurts.stream().mapToDouble(Spurt::seconds).sum();
    }
}
