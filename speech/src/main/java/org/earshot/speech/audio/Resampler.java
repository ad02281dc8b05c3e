package org.earshot.speech.audio;

/**
 * Rational-ratio polyphase resampler with a Kaiser-windowed sinc low-pass: the one sample-rate
 * converter of the module, used by the reader (a file's rate to the analysis rate, block by block
 * through {@link ResamplingStream}) and by the transcriber (a talk spurt to the model's 16 kHz).
 *
 * <p>Upsampling 8 kHz telephone audio to 16 kHz by repeating or linearly interpolating samples
 * leaves spectral images above 4 kHz that the recogniser's filterbank reads as fricatives; the
 * low-pass at 0.95 of the lower Nyquist frequency removes them (stop band below -70 dB), and when
 * decimating (48 kHz to 16 kHz) it keeps what lies above the new Nyquist frequency from folding back.
 *
 * <p>Immutable once built, so one instance may serve several streams and threads.
 */
public final class Resampler {

    private static final int ZERO_CROSSINGS = 16;
    private static final double KAISER_BETA = 8.0;
    private static final double CUTOFF = 0.95;

    private final int up;
    private final int down;
    private final int halfTaps;
    /** filters[phase][k]: weight of input sample (base - halfTaps + 1 + k) for output phase. */
    private final float[][] filters;

    public Resampler(int fromRate, int toRate) {
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

    public boolean isIdentity() {
        return up == down;
    }

    /** Resamples {@code in[from, to)}, treating samples outside that range as silence. */
    public float[] resample(short[] in, int from, int to) {
        float[] segment = new float[to - from];
        for (int i = 0; i < segment.length; i++) {
            segment[i] = in[from + i];
        }
        Collected out = new Collected((int) outputLength(segment.length));
        // a whole segment is a stream of one block: one code path, whatever the block size
        ResamplingStream stream = stream();
        stream.push(segment, segment.length, out);
        stream.finish(out);
        return out.samples;
    }

    /**
     * {@code in[from, to)} resampled, handed out {@code block.length} samples at a time by
     * {@link Blocks#next}: the same samples as {@link #resample}, but only a block and the filter's
     * reach are ever held, whatever the length of the segment (a talk spurt can last an hour).
     */
    public Blocks blocks(short[] in, int from, int to) {
        return new Blocks(in, from, to);
    }

    /** One segment's output, pulled block by block. Used by one thread. */
    public final class Blocks {

        /** Inputs converted per push: 0.5 s at 8 kHz. */
        private static final int PIECE = 4096;

        private final short[] in;
        private final int to;
        private final ResamplingStream stream = stream();
        private final float[] piece = new float[PIECE];
        private final ResamplingStream.Sink append = this::append;
        private int position;
        private boolean finished;
        /** Outputs computed but not yet handed out. */
        private float[] pending = new float[0];
        private int pendingLength;

        private Blocks(short[] in, int from, int to) {
            this.in = in;
            this.position = from;
            this.to = to;
        }

        /** Fills {@code block} with the next output samples; returns how many: {@code block.length} but at the end, then 0. */
        public int next(float[] block) {
            while (pendingLength < block.length && !finished) {
                if (position < to) {
                    int n = Math.min(PIECE, to - position);
                    for (int i = 0; i < n; i++) {
                        piece[i] = in[position + i];
                    }
                    position += n;
                    stream.push(piece, n, append);
                } else {
                    stream.finish(append);
                    finished = true;
                }
            }
            int n = Math.min(block.length, pendingLength);
            System.arraycopy(pending, 0, block, 0, n);
            System.arraycopy(pending, n, pending, 0, pendingLength - n);
            pendingLength -= n;
            return n;
        }

        private void append(float sample) {
            if (pendingLength == pending.length) {
                // grows to a block plus one piece's output, then stays
                pending = java.util.Arrays.copyOf(pending, Math.max(2 * pending.length, 1024));
            }
            pending[pendingLength++] = sample;
        }
    }

    /** A stream over one signal, fed block by block (live transcription feeds a talk spurt as it arrives). */
    public ResamplingStream stream() {
        return new ResamplingStream(this);
    }

    /** Output samples for {@code inputs} input samples: the whole signal, end to end. */
    long outputLength(long inputs) {
        return inputs * up / down;
    }

    /** Input samples weighed for each output sample. */
    int taps() {
        return 2 * halfTaps;
    }

    /** The input sample that output {@code n}'s filter starts at (negative near the start: silence). */
    long firstInput(long n) {
        return n * down / up - halfTaps + 1;
    }

    /** The filter weights for output {@code n}, for inputs {@code firstInput(n)} onwards. */
    float[] filter(long n) {
        return filters[(int) (n * down % up)];
    }

    /** Output samples in the order they come, into an array of the known length. */
    private static final class Collected implements ResamplingStream.Sink {
        final float[] samples;
        int length;

        Collected(int capacity) {
            samples = new float[capacity];
        }

        @Override
        public void accept(float sample) {
            samples[length++] = sample;
        }
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
