package org.earshot.speech.prosody;

import java.util.Arrays;
import java.util.List;
import org.earshot.speech.vad.Spurt;

/**
 * The pitch contour smoothed by a 5-frame (50 ms) running median over voiced frames of one spurt:
 * it removes the isolated octave jumps every frame-wise estimator makes, without blurring a real
 * step. Unvoiced frames stay 0.
 */
final class Contour {

    static final int MEDIAN_HALF_WIDTH = 2;

    private Contour() {
    }

    static float[] smooth(float[] pitchHz, List<Spurt> spurts) {
        float[] out = new float[pitchHz.length];
        float[] neighbours = new float[2 * MEDIAN_HALF_WIDTH + 1];
        for (Spurt s : spurts) {
            int end = Math.min(s.endFrame(), pitchHz.length);
            for (int f = s.startFrame(); f < end; f++) {
                if (pitchHz[f] <= 0) {
                    continue;
                }
                int n = 0;
                for (int k = Math.max(s.startFrame(), f - MEDIAN_HALF_WIDTH); k <= Math.min(end - 1, f + MEDIAN_HALF_WIDTH); k++) {
                    if (pitchHz[k] > 0) {
                        neighbours[n++] = pitchHz[k];
                    }
                }
                Arrays.sort(neighbours, 0, n);
                out[f] = n % 2 == 1 ? neighbours[n / 2] : (neighbours[n / 2 - 1] + neighbours[n / 2]) / 2;
            }
        }
        return out;
    }

    static double semitones(double hz, double referenceHz) {
        return 12 * Math.log(hz / referenceHz) / Math.log(2);
    }
}
