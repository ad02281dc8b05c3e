package org.earshot.speech.vad;

/**
 * Estimates the background level under each frame as a low percentile of the frame levels around it.
 *
 * <p>A local window follows a line whose noise changes during the call (a headset swap, a fan); a
 * cap at the channel's global low percentile keeps a long monologue (few pauses inside the window)
 * from lifting the floor into the speech itself. Levels are counted in 1 dB bins, so sliding the
 * window is O(bins) per frame.
 */
final class NoiseFloor {

    /**
     * ±3 s: longer than a typical phrase, short enough to follow a change of line noise. The price
     * is lag: after the noise steps up, the 10th percentile needs 80 % of the window (2.4 s) to
     * move, and that louder noise may count as speech meanwhile.
     */
    static final int HALF_WINDOW_FRAMES = 300;
    /** In conversation each channel is quiet well over 10 % of the time; speech dips are above it. */
    static final double PERCENTILE = 0.10;
    /** How far above the channel's global floor the local floor may rise (room for a noisier stretch). */
    static final double MAX_RISE_DB = 20.0;

    private static final int BINS = (int) -FrameEnergy.SILENCE_DB + 1;

    private NoiseFloor() {
    }

    static double[] estimate(double[] levels) {
        int n = levels.length;
        double[] floor = new double[n];
        if (n == 0) {
            return floor;
        }
        int[] global = new int[BINS];
        for (double level : levels) {
            global[bin(level)]++;
        }
        double cap = percentile(global, n) + MAX_RISE_DB;

        int[] window = new int[BINS];
        int lo = 0;
        int hi = 0; // window is levels[lo, hi)
        for (int f = 0; f < n; f++) {
            int wantHi = Math.min(n, f + HALF_WINDOW_FRAMES + 1);
            int wantLo = Math.max(0, f - HALF_WINDOW_FRAMES);
            while (hi < wantHi) {
                window[bin(levels[hi++])]++;
            }
            while (lo < wantLo) {
                window[bin(levels[lo++])]--;
            }
            floor[f] = Math.min(cap, percentile(window, hi - lo));
        }
        return floor;
    }

    private static int bin(double level) {
        return Math.min(BINS - 1, (int) Math.floor(level - FrameEnergy.SILENCE_DB));
    }

    private static double percentile(int[] histogram, int count) {
        int target = (int) Math.ceil(count * PERCENTILE);
        int seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen >= target) {
                return b + FrameEnergy.SILENCE_DB;
            }
        }
        return 0;
    }
}
