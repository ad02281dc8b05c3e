package org.earshot.speech.prosody;

import java.util.Arrays;
import java.util.List;
import org.earshot.speech.vad.Spurt;

/**
 * SPEC pitch measures over the smoothed contour's voiced frames inside spurts: median in Hz, spread in
 * semitones around it (SD, and 95th − 5th percentile), and intonation shifts: changes of at least
 * 4 semitones within 300 ms inside one spurt. Per stretch of frames, the median and a robust spread
 * that sentiment compares with the speaker's own baseline.
 */
record PitchStats(double medianHz, double sdSemitones, double rangeSemitones, int shifts) {

    /** Under 0.2 s of voicing a median says little; report "not measured" instead. */
    static final int MIN_VOICED_FRAMES = 20;
    static final double SHIFT_SEMITONES = 4.0;
    static final int SHIFT_WITHIN_FRAMES = 30;

    /** 1 / Φ⁻¹(3/4): the median absolute deviation of a normal distribution is 0.6745 SD. */
    static final double MAD_TO_SD = 1.4826;

    /** Null when the spurts hold fewer than {@link #MIN_VOICED_FRAMES} voiced frames. */
    static PitchStats of(float[] smoothedHz, List<Spurt> spurts) {
        double[] voiced = voiced(smoothedHz, spurts);
        if (voiced.length < MIN_VOICED_FRAMES) {
            return null;
        }
        Arrays.sort(voiced);
        double median = percentile(voiced, 0.5);
        double[] st = Arrays.stream(voiced).map(hz -> Contour.semitones(hz, median)).toArray();
        double mean = Arrays.stream(st).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(st).map(x -> (x - mean) * (x - mean)).sum() / st.length);
        double range = percentile(st, 0.95) - percentile(st, 0.05);
        int shifts = spurts.stream().mapToInt(s -> shifts(smoothedHz, s.startFrame(), s.endFrame())).sum();
        return new PitchStats(median, sd, range, shifts);
    }

    /** Median Hz of the voiced frames in {@code [from, to)}, or NaN when fewer than 5 are voiced. */
    static double median(float[] smoothedHz, int from, int to) {
        double[] v = voiced(smoothedHz, List.of(new Spurt(from, Math.max(from + 1, to))));
        if (v.length < 5) {
            return Double.NaN;
        }
        Arrays.sort(v);
        return percentile(v, 0.5);
    }

    /**
     * Spread of the voiced pitch in {@code [from, to)} in semitones around its own median, or NaN when
     * fewer than {@link #MIN_VOICED_FRAMES} are voiced. A robust SD, 1.4826 × the median absolute
     * deviation (equal to the SD for a normal spread), not the plain SD: octave errors lasting 3 or
     * more frames survive the 5-frame median, and one spurt holds few frames to dilute them. In
     * agitated-call's first customer spurt 10 of 83 voiced frames sit an octave up; its plain SD is
     * 5.2 st, this spread 2.4 st.
     */
    static double spreadSemitones(float[] smoothedHz, int from, int to) {
        double[] v = voiced(smoothedHz, List.of(new Spurt(from, Math.max(from + 1, to))));
        if (v.length < MIN_VOICED_FRAMES) {
            return Double.NaN;
        }
        Arrays.sort(v);
        double median = percentile(v, 0.5);
        double[] deviations = Arrays.stream(v).map(hz -> Math.abs(Contour.semitones(hz, median))).sorted().toArray();
        return MAD_TO_SD * percentile(deviations, 0.5);
    }

    /**
     * Scans the voiced frames in order; a shift is counted when some frame within the next 300 ms
     * lies 4 st or more away, and the scan restarts from that frame, so a step counts once and a
     * fast 12 st glide counts three times.
     */
    static int shifts(float[] hz, int from, int to) {
        int end = Math.min(to, hz.length);
        int count = 0;
        int i = nextVoiced(hz, from, end);
        while (i < end) {
            int j = shiftFrom(hz, i, end);
            if (j >= 0) {
                count++;
                i = j;
            } else {
                i = nextVoiced(hz, i + 1, end);
            }
        }
        return count;
    }

    private static int shiftFrom(float[] hz, int i, int end) {
        for (int j = i + 1; j < Math.min(end, i + SHIFT_WITHIN_FRAMES + 1); j++) {
            if (hz[j] > 0 && Math.abs(Contour.semitones(hz[j], hz[i])) >= SHIFT_SEMITONES) {
                return j;
            }
        }
        return -1;
    }

    private static int nextVoiced(float[] hz, int from, int end) {
        int f = from;
        while (f < end && hz[f] <= 0) {
            f++;
        }
        return f;
    }

    private static double[] voiced(float[] hz, List<Spurt> spurts) {
        int n = 0;
        for (Spurt s : spurts) {
            for (int f = s.startFrame(); f < Math.min(s.endFrame(), hz.length); f++) {
                n += hz[f] > 0 ? 1 : 0;
            }
        }
        double[] out = new double[n];
        int k = 0;
        for (Spurt s : spurts) {
            for (int f = s.startFrame(); f < Math.min(s.endFrame(), hz.length); f++) {
                if (hz[f] > 0) {
                    out[k++] = hz[f];
                }
            }
        }
        return out;
    }

    /** Linear interpolation between order statistics of a sorted array. */
    static double percentile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
