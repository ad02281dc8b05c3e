package org.earshot.speech.prosody;

import java.util.Arrays;
import java.util.List;
import org.earshot.speech.vad.Spurt;

/**
 * Vowel nuclei after de Jong &amp; Wempe (2009, "Praat script to detect syllable nuclei and measure
 * speech rate automatically", Behavior Research Methods 41(2)): peaks of the intensity contour that
 * are above a threshold 25 dB under the speaker's 99th-percentile intensity, are followed by a dip
 * of at least 2 dB before the next peak, and lie on a voiced frame (or look like a vowel, see
 * {@link #VOWEL_BAND_SHARE}). Counting them needs no recogniser.
 */
final class SyllableNuclei {

    /** de Jong &amp; Wempe's "silence threshold" (−25 dB) and "minimum dip between peaks" (2 dB). */
    static final double BELOW_TOP_DB = 25.0;
    static final double MIN_DIP_DB = 2.0;
    /**
     * Smoothing of the band energy before peak picking: a Hann window over ±{@value} frames (50 ms),
     * close to the effective length of Praat's intensity window for a 50 Hz floor (3.2 / 50 Hz,
     * Kaiser-shaped, about 32 ms effective); ±3 frames merged syllables of fast speech.
     */
    static final int SMOOTH_HALF_WIDTH = 2;
    /** Voicing is looked up this many frames either side of the peak: the intensity peak and the
     * detector's first voiced frame need not coincide. */
    static final int VOICING_REACH = 2;

    private SyllableNuclei() {
    }

    /** Frames of the nuclei, in time order. */
    static int[] find(double[] bandEnergy, double[] energy, float[] pitchHz, List<Spurt> spurts) {
        float[] intensity = intensityDb(bandEnergy);
        double threshold = top(intensity, spurts) - BELOW_TOP_DB;
        return spurts.stream()
                .flatMapToInt(s -> Arrays.stream(inSpurt(intensity, bandEnergy, energy, pitchHz, s, threshold)))
                .toArray();
    }

    private static int[] inSpurt(float[] db, double[] bandEnergy, double[] energy, float[] pitchHz, Spurt s,
                                 double threshold) {
        int from = s.startFrame();
        int to = Math.min(s.endFrame(), db.length);
        int[] peaks = new int[Math.max(0, to - from)];
        int n = 0;
        for (int f = from + 1; f < to - 1; f++) {
            if (db[f] > db[f - 1] && db[f] >= db[f + 1] && db[f] > threshold) {
                peaks[n++] = f;
            }
        }
        int[] nuclei = new int[n];
        int kept = 0;
        for (int k = 0; k < n; k++) {
            int next = k + 1 < n ? peaks[k + 1] : to;
            if (db[peaks[k]] - min(db, peaks[k], next) >= MIN_DIP_DB && (voiced(pitchHz, peaks[k], from, to) || vowelLike(bandEnergy, energy, peaks[k]))) {
                nuclei[kept++] = peaks[k];
            }
        }
        return Arrays.copyOf(nuclei, kept);
    }

    private static float[] intensityDb(double[] energy) {
        float[] out = new float[energy.length];
        double[] weights = new double[2 * SMOOTH_HALF_WIDTH + 1];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (k + 1) / (weights.length + 1));
        }
        for (int f = 0; f < energy.length; f++) {
            double sum = 0;
            double norm = 0;
            for (int k = 0; k < weights.length; k++) {
                int i = f + k - SMOOTH_HALF_WIDTH;
                if (i >= 0 && i < energy.length) {
                    sum += weights[k] * energy[i];
                    norm += weights[k];
                }
            }
            out[f] = LevelMeter.db(sum / norm);
        }
        return out;
    }

    private static double top(float[] db, List<Spurt> spurts) {
        int n = spurts.stream().mapToInt(s -> Math.max(0, Math.min(s.endFrame(), db.length) - s.startFrame())).sum();
        double[] levels = new double[n];
        int k = 0;
        for (Spurt s : spurts) {
            for (int f = s.startFrame(); f < Math.min(s.endFrame(), db.length); f++) {
                levels[k++] = db[f];
            }
        }
        Arrays.sort(levels);
        return n == 0 ? 0 : PitchStats.percentile(levels, 0.99);
    }

    private static double min(float[] db, int from, int to) {
        double m = Double.MAX_VALUE;
        for (int f = from; f < to; f++) {
            m = Math.min(m, db[f]);
        }
        return m;
    }

    /**
     * A peak the pitch tracker left unvoiced still counts when 60 % or more of its energy lies in the
     * vowel band: the strict YIN threshold (chosen for pitch accuracy, see PitchTracker) calls many
     * frames of low male voices unvoiced, and without this fallback their rate read 3.5–18.7 % low on
     * the generated calls (speech README); a fricative or burst has most of its energy above the band.
     */
    static final double VOWEL_BAND_SHARE = 0.6;

    private static boolean vowelLike(double[] bandEnergy, double[] energy, int f) {
        return bandEnergy[f] >= VOWEL_BAND_SHARE * energy[f];
    }

    private static boolean voiced(float[] pitchHz, int f, int from, int to) {
        for (int k = Math.max(from, f - VOICING_REACH); k <= Math.min(to - 1, f + VOICING_REACH); k++) {
            if (pitchHz[k] > 0) {
                return true;
            }
        }
        return false;
    }
}
