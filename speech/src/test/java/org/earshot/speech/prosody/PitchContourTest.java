package org.earshot.speech.prosody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.earshot.speech.vad.Spurt;
import org.junit.jupiter.api.Test;

/**
 * Pitch measures on synthetic voices whose frequency is known at every sample: harmonic tones
 * (the first five harmonics at 1/k amplitude, like a glottal source) that hold, step or glide.
 * Expected values come from the synthesis parameters.
 */
class PitchContourTest {

    static final int RATE = 8000;

    /** A piece of contour: from {@code startHz} to {@code endHz} (log-linear) over {@code seconds}. */
    record Piece(double startHz, double endHz, double seconds) {
        static Piece hold(double hz, double seconds) {
            return new Piece(hz, hz, seconds);
        }
    }

    @Test
    void stepsOfFiveSemitonesUpAndDownCountOneShiftEach() {
        double up = 200 * Math.pow(2, 5 / 12.0);
        PartyProsody p = measure(Piece.hold(200, 1.0), Piece.hold(up, 0.5), Piece.hold(200, 1.0), Piece.hold(up, 0.5),
                Piece.hold(200, 1.0));

        assertThat(p.intonationShiftsPerMinute() * 4.0 / 60).isCloseTo(4.0, within(1e-9));
        assertThat(p.pitchMedianHz()).isCloseTo(200.0, within(200 * 0.02));
    }

    @Test
    void stepsOfTwoSemitonesAreNoIntonationShift() {
        double up = 150 * Math.pow(2, 2 / 12.0);
        PartyProsody p = measure(Piece.hold(150, 1.0), Piece.hold(up, 1.0), Piece.hold(150, 1.0));

        assertThat(p.intonationShiftsPerMinute()).isZero();
        assertThat(p.pitchMedianHz()).isCloseTo(150.0, within(150 * 0.02));
    }

    @Test
    void aSlowGlideOfFourSemitonesOverTwoSecondsIsNoShift() {
        PartyProsody p = measure(new Piece(180, 180 * Math.pow(2, 4 / 12.0), 2.0));

        assertThat(p.intonationShiftsPerMinute()).isZero();
    }

    @Test
    void aFastTenSemitoneGlideCountsOneShiftPerWholeFourSemitones() {
        PartyProsody p = measure(Piece.hold(150, 0.5), new Piece(150, 150 * Math.pow(2, 10 / 12.0), 0.5), Piece.hold(150 * Math.pow(2, 10 / 12.0), 0.5));

        assertThat(p.intonationShiftsPerMinute() * 1.5 / 60).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void medianSpreadAndRangeFollowTheSynthesisedNotes() {
        // 40 % at 220 Hz, 30 % at +3 st, 30 % at -3 st: median 220, 5th/95th percentiles at -3/+3 st
        PartyProsody p = measure(Piece.hold(220 * Math.pow(2, -3 / 12.0), 0.9), Piece.hold(220, 1.2),
                Piece.hold(220 * Math.pow(2, 3 / 12.0), 0.9));

        assertThat(p.pitchMedianHz()).isCloseTo(220.0, within(220 * 0.02));
        assertThat(p.pitchRangeSemitones()).isCloseTo(6.0, within(0.3));
        assertThat(p.pitchSdSemitones()).isCloseTo(Math.sqrt(0.6 * 9), within(0.3));
    }

    @Test
    void lowMaleAndHighFemaleVoicesAreBothTracked() {
        assertThat(measure(Piece.hold(85, 1.0)).pitchMedianHz()).isCloseTo(85.0, within(85 * 0.02));
        assertThat(measure(Piece.hold(380, 1.0)).pitchMedianHz()).isCloseTo(380.0, within(380 * 0.02));
    }

    @Test
    void silenceHasNoPitchRateOrLoudness() {
        short[] silence = new short[RATE * 2];
        PartyProsody p = Prosody.measure(silence, RATE, List.of());

        assertThat(p.pitchMedianHz()).isNull();
        assertThat(p.intonationShiftsPerMinute()).isNull();
        assertThat(p.syllablesPerSecond()).isNull();
        assertThat(p.loudnessDb()).isNull();
    }

    @Test
    void loudnessIsTheRmsLevelOfTheTalkFrames() {
        short[] tone = new short[RATE];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) Math.round(16384 * Math.sin(2 * Math.PI * 250 * i / RATE)); // -6 dBFS peak, -9 dBFS RMS
        }
        PartyProsody p = Prosody.measure(tone, RATE, List.of(new Spurt(0, 100)));

        assertThat(p.loudnessDb()).isCloseTo(20 * Math.log10(0.5 / Math.sqrt(2)), within(0.1));
    }

    private static PartyProsody measure(Piece... pieces) {
        short[] samples = synthesise(pieces);
        return Prosody.measure(samples, RATE, List.of(new Spurt(0, samples.length / (RATE / 100))));
    }

    static short[] synthesise(Piece... pieces) {
        int total = 0;
        for (Piece p : pieces) {
            total += (int) Math.round(p.seconds() * RATE);
        }
        short[] out = new short[total];
        double phase = 0;
        int n = 0;
        for (Piece p : pieces) {
            int len = (int) Math.round(p.seconds() * RATE);
            for (int i = 0; i < len; i++, n++) {
                double hz = p.startHz() * Math.pow(p.endHz() / p.startHz(), (double) i / len);
                phase += 2 * Math.PI * hz / RATE;
                double x = 0;
                for (int k = 1; k <= 5; k++) {
                    x += Math.sin(k * phase) / k;
                }
                out[n] = (short) Math.round(6000 * x);
            }
        }
        return out;
    }
}
