package org.earshot.speech.sentiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.earshot.speech.AnalysisReport.Cue;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.SpeechSettings;
import org.earshot.speech.sentiment.Arousal.SpurtArousal;

/**
 * The evidence a reviewer sees beside a score, one human sentence each, e.g. "customer pitch +5.0 st,
 * spread +1.2 st above own baseline 12.0–18.5 s" or "'cancel' at 16.9 s". An aroused spurt's cue names each
 * measure that lies at least half of its unit (see {@link Arousal}) above the speaker's baseline.
 */
final class Cues {

    /** A word moves the score visibly from |valence| 1.5 ("sorry" -0.3 and "help" 1.7 differ in kind). */
    static final double WORD_MIN_VALENCE = 1.5;
    /** Spurts at least this aroused (in units, see {@link Arousal}) are named. */
    static final double AROUSED = 0.4;
    static final double PITCH_CUE_ST = 2.0;
    static final double SPREAD_CUE_ST = 1.0;
    static final double LOUDNESS_CUE_DB = 3.0;
    static final double RATE_CUE = 0.15;

    private final SpeechSettings.Sentiment rules;
    private final List<Cue> cues = new ArrayList<>();

    Cues(SpeechSettings.Sentiment rules) {
        this.rules = rules;
    }

    void addParty(PartyEvidence p, PartyScore score) {
        addWords(p, score);
        addArousal(p, score);
        for (Overlap o : p.interruptionsMade()) {
            cues.add(new Cue(p.party(), "interruption", o.start(), o.end(), -PartyScore.INTERRUPTION_WEIGHT,
                    String.format(Locale.ROOT, "%s interrupted at %.1f s", p.party(), o.start())));
        }
    }

    private void addWords(PartyEvidence p, PartyScore score) {
        List<Word> words = p.words();
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            String token = score.tokens().get(i);
            if (rules.escalationKeywords().contains(token)) {
                cues.add(new Cue(p.party(), "escalation", w.start(), w.end(), 0,
                        String.format(Locale.ROOT, "'%s' at %.1f s (escalation keyword)", token, w.start())));
            }
            double v = score.valence(i);
            if (Math.abs(v) >= WORD_MIN_VALENCE) {
                cues.add(new Cue(p.party(), "word", w.start(), w.end(), round(Lexicon.normalise(v)),
                        String.format(Locale.ROOT, "'%s' at %.1f s", token, w.start())));
            }
        }
    }

    private void addArousal(PartyEvidence p, PartyScore score) {
        double talk = Math.max(1e-9, p.talkSeconds());
        for (SpurtArousal a : score.arousal()) {
            if (a.arousal() < AROUSED) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            if (a.pitchSt() >= PITCH_CUE_ST) {
                parts.add(String.format(Locale.ROOT, "pitch %+.1f st", a.pitchSt()));
            }
            if (a.spreadSt() >= SPREAD_CUE_ST) {
                parts.add(String.format(Locale.ROOT, "spread %+.1f st", a.spreadSt()));
            }
            if (a.loudnessDb() >= LOUDNESS_CUE_DB) {
                parts.add(String.format(Locale.ROOT, "loudness %+.1f dB", a.loudnessDb()));
            }
            if (a.rateChange() >= RATE_CUE) {
                parts.add(String.format(Locale.ROOT, "rate %+.0f %%", 100 * a.rateChange()));
            }
            if (!parts.isEmpty()) {
                double effect = -PartyScore.AROUSAL_WEIGHT * a.arousal() * a.spurt().seconds() / talk;
                cues.add(new Cue(p.party(), "prosody", a.spurt().start(), a.spurt().end(), round(effect),
                        String.format(Locale.ROOT, "%s %s above own baseline %.1f–%.1f s", p.party(),
                                String.join(", ", parts), a.spurt().start(), a.spurt().end())));
            }
        }
    }

    void addDeadAir(List<Span> deadAir) {
        for (Span d : deadAir) {
            if (d.end() - d.start() >= rules.longDeadAirSeconds()) {
                cues.add(new Cue(null, "dead-air", d.start(), d.end(), 0, String.format(Locale.ROOT,
                        "%.1f s of dead air %.1f–%.1f s", d.end() - d.start(), d.start(), d.end())));
            }
        }
    }

    List<Cue> sorted() {
        cues.sort(Comparator.comparingDouble(Cue::start));
        return List.copyOf(cues);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
