package org.earshot.speech.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.prosody.Prosody;
import org.earshot.speech.sentiment.PartyEvidence;
import org.earshot.speech.sentiment.SentimentScorer;
import org.earshot.speech.turns.Overlaps;
import org.earshot.speech.vad.Spurt;

/**
 * Each party's sentiment over the last {@value #WINDOW_SECONDS} s, scored by the post-call
 * {@link SentimentScorer} on that stretch alone (words, prosody and interruptions made in it), so the
 * live bar and the report share one scale. Arousal is judged against the speaker's calmest spurts of the
 * window, not of the whole call.
 */
final class RollingSentiment {

    static final int WINDOW_SECONDS = 30;

    private final SentimentScorer scorer;
    private final int rate;

    RollingSentiment(SentimentScorer scorer, int rate) {
        this.scorer = scorer;
        this.rate = rate;
    }

    /** Scores as of {@code nowFrame}; a party that did not speak in the window has no score. */
    Map<String, Double> score(List<PartyTrack> tracks, List<Overlap> interruptions, int nowFrame) {
        int fromFrame = Math.max(0, nowFrame - WINDOW_SECONDS * 100);
        int frameLength = rate / 100;
        List<PartyEvidence> evidence = new ArrayList<>();
        for (PartyTrack t : tracks) {
            short[] samples = t.samples((long) fromFrame * frameLength, (long) nowFrame * frameLength);
            int frames = samples.length / frameLength;
            int shift = nowFrame - frames; // the ring may hold less than the window at the very start
            List<Spurt> spurts = new ArrayList<>();
            for (Spurt s : t.spurtsSoFar()) {
                int a = Math.max(s.startFrame(), shift) - shift;
                int b = Math.min(s.endFrame(), nowFrame) - shift;
                if (b > a) {
                    spurts.add(new Spurt(a, b));
                }
            }
            double offset = shift / 100.0;
            List<Word> words = t.words().stream().filter(w -> w.start() >= offset)
                    .map(w -> new Word(w.word(), w.start() - offset, w.end() - offset, w.confidence())).toList();
            List<Overlap> made = interruptions.stream().filter(o -> o.by().equals(t.party) && o.start() >= offset)
                    .map(o -> new Overlap(o.start() - offset, o.end() - offset, o.by(), Overlaps.INTERRUPTION)).toList();
            evidence.add(new PartyEvidence(t.party, spurts, Prosody.measure(samples, rate, spurts), words, made));
        }
        double duration = (nowFrame - fromFrame) / 100.0;
        return scorer.score(evidence, List.of(), List.of(), Math.max(duration, 0.01)).parties();
    }
}
