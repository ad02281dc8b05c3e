package org.earshot.speech.sentiment;

import java.util.List;
import java.util.Locale;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.sentiment.Arousal.SpurtArousal;
import org.earshot.speech.vad.Spurt;

/**
 * One party's sentiment over a stretch of the call:
 * {@code lexical − 0.35 × arousal⁺ − 0.25 × interruption pressure}, clamped to [-1, 1].
 *
 * <p>Lexical valence is VADER's normalised sum over the words said in the stretch. Arousal above
 * the speaker's own baseline counts against the score, not for it: in call-centre speech raised
 * pitch, volume and tempo mostly mark anger and frustration (Devillers &amp; Vidrascu 2006,
 * "Real-life emotions detection with lexical and paralinguistic cues on human-human call center
 * dialogs", Interspeech). Interruption pressure is interruptions made per minute over the
 * configured "frequent" rate, capped at 1. The weights keep words dominant: prosody alone moves a
 * neutral speaker to at most -0.6.
 */
final class PartyScore {

    static final double AROUSAL_WEIGHT = 0.35;
    static final double INTERRUPTION_WEIGHT = 0.25;

    private final Lexicon lexicon;
    private final PartyEvidence party;
    private final List<String> tokens;
    private final List<SpurtArousal> arousal;
    private final double frequentPerMinute;

    PartyScore(Lexicon lexicon, PartyEvidence party, double frequentPerMinute) {
        this(lexicon, party, Arousal.of(party.prosody(), party.spurts()), frequentPerMinute);
    }

    private PartyScore(Lexicon lexicon, PartyEvidence party, List<SpurtArousal> arousal, double frequentPerMinute) {
        this.lexicon = lexicon;
        this.party = party;
        this.tokens = party.words().stream().map(w -> w.word().toLowerCase(Locale.ROOT)).toList();
        this.arousal = arousal;
        this.frequentPerMinute = frequentPerMinute;
    }

    /**
     * The lexical valence of the words alone, for the one channel of a mono recording. Its pitch and
     * loudness change with who is speaking, not only with how: against the channel's own baseline
     * (its calmest spurts, mostly the lower, quieter voice) every turn of the other voice would read
     * as raised. Nobody can be told to have interrupted either.
     */
    static PartyScore wordsOnly(Lexicon lexicon, PartyEvidence mixed) {
        if (!mixed.interruptionsMade().isEmpty()) {
            throw new IllegalArgumentException("a mixed channel cannot interrupt itself: " + mixed.interruptionsMade());
        }
        return new PartyScore(lexicon, mixed, List.of(), 1.0); // the rate is never read: no interruptions
    }

    List<SpurtArousal> arousal() {
        return arousal;
    }

    List<String> tokens() {
        return tokens;
    }

    double valence(int wordIndex) {
        return lexicon.valence(tokens, wordIndex);
    }

    /** The score over {@code [from, to)} seconds, or null when the party did not speak in it. */
    Double over(double from, double to) {
        double talk = talk(from, to);
        if (talk <= 0) {
            return null;
        }
        double score = lexical(from, to) - AROUSAL_WEIGHT * arousalUp(from, to, talk)
                - INTERRUPTION_WEIGHT * interruptionPressure(from, to);
        return Math.max(-1, Math.min(1, score));
    }

    private double talk(double from, double to) {
        return party.spurts().stream().mapToDouble(s -> overlap(s, from, to)).sum();
    }

    private double lexical(double from, double to) {
        double sum = 0;
        List<Word> words = party.words();
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).start() >= from && words.get(i).start() < to) {
                sum += valence(i);
            }
        }
        return Lexicon.normalise(sum);
    }

    /** Talk-weighted mean of the positive arousal of the spurts in the stretch. */
    private double arousalUp(double from, double to, double talk) {
        double sum = 0;
        for (SpurtArousal a : arousal) {
            sum += Math.max(0, a.arousal()) * overlap(a.spurt(), from, to);
        }
        return sum / talk;
    }

    private double interruptionPressure(double from, double to) {
        long made = party.interruptionsMade().stream().filter(o -> o.start() >= from && o.start() < to).count();
        double minutes = (to - from) / 60;
        return Math.min(1, made / minutes / frequentPerMinute);
    }

    static double overlap(Spurt s, double from, double to) {
        return Math.max(0, Math.min(s.end(), to) - Math.max(s.start(), from));
    }
}
