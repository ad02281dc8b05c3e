package org.earshot.speech.transcribe;

/**
 * Rational-ratio polyphase resampler with a Kaiser-windowed sinc low-pass.
 *
 * <p>Upsampling 8 kHz telephone audio to 16 kHz by repeating or linearly interpolating samples
 * leaves spectral images above 4 kHz that the recogniser's filterbank reads as fricatives; the
 * low-pass at 0.95 of the lower Nyquist frequency removes them (stop band below -70 dB).
 */
final class Resampler {

    private static final int ZERO_CROSSINGS = 16;
    private static final double KAISER_BETA = 8.0;
    private static final double CUTOFF = 0.95;

    private final int up;
    private final int down;
    private final int halfTaps;
    /** filters[phase][k]: weight of input sample (base - halfTaps + 1 + k) for output phase. */
    private final float[][] filters;

    Resampler(int fromRate, int toRate) {
        int g = gcd(fromRate, toRate);
        this.up = toRate / g;
        this.down = fromRate / g;
        // cutoff relative to the input rate's Nyquist; when decimating, the output's Nyquist is lower
        double fc = CUTOFF * Math.min(1.0, (double) up / down);
        this.halfTaps = (int) Math.ceil(ZERO_CROSSINGS / fc);
        this.filters = new float[up][2 * halfTaps];
        for (int phase = 0; phase < up; phase++) {
            double frac = (double) phase / up; // output instant lies frac input samples after base
            for (int k = 0; k < 2 * halfTaps; k++) {
                double t = (k - halfTaps + 1) - frac; // input sample position relative to the output instant
                filters[phase][k] = (float) (fc * sinc(fc * t) * kaiser(t / (halfTaps + 1)));
            }
        }
    }

    boolean isIdentity() {
        return up == down;
    }

    /** Resamples {@code in[from, to)}, treating samples outside that range as silence. */
    float[] resample(short[] in, int from, int to) {
        int length = to - from;
        int outLength = (int) ((long) length * up / down);
        float[] out = new float[outLength];
        for (int n = 0; n < outLength; n++) {
            long position = (long) n * down; // in units of 1/up input samples
            int base = (int) (position / up);
            float[] h = filters[(int) (position % up)];
            double acc = 0;
            int first = base - halfTaps + 1;
            for (int k = 0; k < h.length; k++) {
                int i = first + k;
                if (i >= 0 && i < length) {
                    acc += h[k] * in[from + i];
                }
            }
            out[n] = (float) acc;
        }
        return out;
    }

    private static double sinc(double x) {
        return x == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    private static double kaiser(double x) {
        if (Math.abs(x) >= 1) {
            return 0;
        }
        return bessel0(KAISER_BETA * Math.sqrt(1 - x * x)) / bessel0(KAISER_BETA);
    }

    private static double bessel0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 30; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
