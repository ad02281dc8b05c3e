package org.earshot.speech.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.earshot.speech.AnalysisReport.Cue;
import org.earshot.speech.SpeechSettings;
import org.earshot.speech.prosody.PartyProsody;
import org.earshot.speech.prosody.Prosody;
import org.earshot.speech.sentiment.Arousal.SpurtArousal;
import org.earshot.speech.vad.Spurt;
import org.junit.jupiter.api.Test;

class ArousalTest {

    static final int RATE = 8000;

    @Test
    void oneUnitOfEachMeasureIsFullArousal() {
        assertThat(Arousal.combine(Arousal.PITCH_UNIT_ST, Arousal.SPREAD_UNIT_ST, Arousal.LOUDNESS_UNIT_DB,
                Arousal.RATE_UNIT)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void unmeasuredComponentsAreLeftOutOfTheMean() {
        assertThat(Arousal.combine(2.0, Double.NaN, Double.NaN, Double.NaN)).isCloseTo(0.5, within(1e-9));
        assertThat(Arousal.combine(Double.NaN, Double.NaN, Double.NaN, Double.NaN)).isZero();
    }

    @Test
    void arousalIsClampedToMinusOneToOne() {
        assertThat(Arousal.combine(40, 20, 60, 3)).isEqualTo(1.0);
        assertThat(Arousal.combine(-40, -20, -60, -3)).isEqualTo(-1.0);
    }

    @Test
    void aUnitOfPitchSpreadMovesArousalHalfAsMuchAsAUnitOfPitchLevel() {
        double spreadOnly = Arousal.combine(0, Arousal.SPREAD_UNIT_ST, 0, 0);
        double levelOnly = Arousal.combine(Arousal.PITCH_UNIT_ST, 0, 0, 0);

        assertThat(spreadOnly).isPositive().isCloseTo(levelOnly / 2, within(1e-9));
    }

    /**
     * One speaker, every spurt a 200 Hz harmonic voice at the same level whose pitch glides up and down
     * by the given number of semitones: three ordinary spurts (±1.5 st), one wide (±6 st), one monotone.
     */
    static final class OneSpeaker {
        static final List<Spurt> SPURTS = List.of(spurt(0), spurt(1), spurt(2), spurt(3), spurt(4), spurt(5));
        static final double[] GLIDE_ST = {1.5, 1.5, 1.5, 6, 0, 6};
        static final double[] LEVEL = {1, 1, 1, 1, 1, 2}; // the last spurt is 6 dB louder as well as wide
        static final int WIDE = 3;
        static final int MONOTONE = 4;
        static final int WIDE_AND_LOUD = 5;
        static final PartyProsody PROSODY = prosody();

        private static Spurt spurt(int i) {
            return Spurt.ofSeconds(0.5 + 1.5 * i, 1.5 + 1.5 * i);
        }

        private static PartyProsody prosody() {
            short[] samples = new short[(int) Math.round((SPURTS.get(SPURTS.size() - 1).end() + 0.5) * RATE)];
            for (int i = 0; i < SPURTS.size(); i++) {
                glide(samples, SPURTS.get(i), GLIDE_ST[i], 6000 * LEVEL[i]);
            }
            return Prosody.measure(samples, RATE, SPURTS);
        }

        /** Pitch 200 Hz × 2^(±glideSt/12) in a triangle, two up-and-downs a second: uniform over ±glideSt. */
        private static void glide(short[] out, Spurt s, double glideSt, double amplitude) {
            double phase = 0;
            int from = (int) Math.round(s.start() * RATE);
            int to = (int) Math.round(s.end() * RATE);
            for (int n = from; n < to; n++) {
                double cycle = ((n - from) / (RATE * 0.5)) % 1.0;
                double st = glideSt * (4 * Math.abs(cycle - 0.5) - 1);
                phase += 2 * Math.PI * 200 * Math.pow(2, st / 12) / RATE;
                double x = 0;
                for (int k = 1; k <= 5; k++) {
                    x += Math.sin(k * phase) / k;
                }
                out[n] = (short) Math.round(amplitude * x);
            }
        }
    }

    @Test
    void aSpurtWithAWiderPitchSpreadThanTheSpeakersBaselineIsMoreAroused() {
        List<SpurtArousal> a = Arousal.of(OneSpeaker.PROSODY, OneSpeaker.SPURTS);
        SpurtArousal wide = a.get(OneSpeaker.WIDE);

        // same median pitch and level as the ordinary spurts: only the spread differs
        assertThat(wide.pitchSt()).isCloseTo(0, within(0.5));
        assertThat(wide.loudnessDb()).isCloseTo(0, within(0.5));
        // a glide uniform over ±g st has a median absolute deviation of g/2, scaled by 1.4826 to an SD
        assertThat(wide.spreadSt()).isCloseTo(1.4826 * (6 - 1.5) / 2, within(0.5));
        assertThat(wide.arousal()).isPositive();
        for (int ordinary = 0; ordinary < 3; ordinary++) {
            assertThat(wide.arousal()).isGreaterThan(a.get(ordinary).arousal());
        }
    }

    @Test
    void aMonotoneSpurtIsNotRaised() {
        SpurtArousal monotone = Arousal.of(OneSpeaker.PROSODY, OneSpeaker.SPURTS).get(OneSpeaker.MONOTONE);

        assertThat(monotone.pitchSt()).isCloseTo(0, within(0.5));
        assertThat(monotone.spreadSt()).isNegative();
        assertThat(monotone.arousal()).isNegative();
    }

    @Test
    void theProsodyCueNamesAWiderSpreadBeforeLoudness() {
        PartyEvidence speaker = new PartyEvidence("customer", OneSpeaker.SPURTS, OneSpeaker.PROSODY, List.of(), List.of());
        Spurt wideAndLoud = OneSpeaker.SPURTS.get(OneSpeaker.WIDE_AND_LOUD);

        List<Cue> prosody = new SentimentScorer(Lexicon.load(), SpeechSettings.Sentiment.DEFAULTS)
                .score(List.of(speaker), List.of(), List.of(), 10.0).cues().stream()
                .filter(c -> c.kind().equals("prosody")).toList();

        assertThat(prosody).singleElement().satisfies(c -> {
            assertThat(c.start()).isEqualTo(wideAndLoud.start());
            assertThat(c.text()).matches("customer spread \\+\\d\\.\\d st, loudness \\+\\d\\.\\d dB above own baseline "
                    + "8\\.0–9\\.0 s");
        });
    }
}
