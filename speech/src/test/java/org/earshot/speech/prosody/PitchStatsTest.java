package org.earshot.speech.prosody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The per-spurt pitch spread on smoothed contours written frame by frame (Hz, 0 = unvoiced). */
class PitchStatsTest {

    @Test
    void spreadLeavesUnvoicedFramesOut() {
        float[] voiced = glide(200, 2, 60);
        float[] withGaps = new float[2 * voiced.length];
        for (int f = 0; f < voiced.length; f++) {
            withGaps[2 * f] = voiced[f]; // every other frame unvoiced
        }

        double spread = PitchStats.spreadSemitones(voiced, 0, voiced.length);

        assertThat(spread).isPositive();
        assertThat(PitchStats.spreadSemitones(withGaps, 0, withGaps.length)).isEqualTo(spread);
    }

    @Test
    void spreadIsNotMeasuredOnFewerVoicedFramesThanTheMinimum() {
        float[] contour = new float[100];
        System.arraycopy(notes(200, 4, PitchStats.MIN_VOICED_FRAMES - 1), 0, contour, 40, PitchStats.MIN_VOICED_FRAMES - 1);

        assertThat(PitchStats.spreadSemitones(contour, 0, contour.length)).isNaN();
        contour[90] = 200;
        assertThat(PitchStats.spreadSemitones(contour, 0, contour.length)).isNotNaN();
    }

    @Test
    void spreadOfTwoNotesIsScaledToAnSdOfTheirDistanceFromTheMedian() {
        // half the frames 3 st under 200 Hz, half 3 st over: every frame lies 3 st from the median
        float[] contour = notes(200, 3, 40);

        assertThat(PitchStats.spreadSemitones(contour, 0, contour.length)).isCloseTo(PitchStats.MAD_TO_SD * 3, within(0.05));
    }

    @Test
    void anOctaveErrorInOneTenthOfTheFramesBarelyMovesTheSpread() {
        float[] clean = glide(200, 2, 100);
        float[] withOctaveRun = Arrays.copyOf(clean, clean.length);
        for (int f = 45; f < 55; f++) {
            withOctaveRun[f] = 2 * clean[f]; // a 100 ms run, which the 5-frame median keeps
        }

        // the plain SD of the same frames grows from 1.2 to 3.8 st
        assertThat(PitchStats.spreadSemitones(withOctaveRun, 0, withOctaveRun.length))
                .isCloseTo(PitchStats.spreadSemitones(clean, 0, clean.length), within(0.3));
    }

    /** {@code frames} voiced frames rising evenly from {@code centreHz} − {@code semitones} to + {@code semitones}. */
    private static float[] glide(double centreHz, double semitones, int frames) {
        float[] hz = new float[frames];
        for (int f = 0; f < frames; f++) {
            hz[f] = (float) (centreHz * Math.pow(2, semitones * (2.0 * f / (frames - 1) - 1) / 12));
        }
        return hz;
    }

    /** {@code frames} voiced frames alternating between {@code centreHz} ∓ {@code semitones}. */
    private static float[] notes(double centreHz, double semitones, int frames) {
        float[] hz = new float[frames];
        for (int f = 0; f < frames; f++) {
            hz[f] = (float) (centreHz * Math.pow(2, (f % 2 == 0 ? -semitones : semitones) / 12));
        }
        return hz;
    }
}
