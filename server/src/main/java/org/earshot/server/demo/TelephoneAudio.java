package org.earshot.server.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.earshot.speech.audio.PcmWavHeader;

/**
 * What a telephone line does to a synthesised voice, done here rather than with sox: the demo then
 * needs espeak-ng only, and one pass in Java over a few seconds of audio costs milliseconds. Steps:
 * trim the synthesiser's leading and trailing silence (so a clip's length is its talk span), resample
 * to 8 kHz through a windowed-sinc low-pass at 3.4 kHz, high-pass at 300 Hz (the telephone band
 * that speech/src/test/scripts/make-test-call.sh gets from sox's {@code sinc 300-3400}), and set the
 * peak level. The speech module's own resampler is internal to it, and goes the other way (8 → 16 kHz).
 */
final class TelephoneAudio {

    static final int RATE = 8000;
    private static final double LOW_PASS_HZ = 3400;
    private static final double HIGH_PASS_HZ = 300;
    /** sox's {@code silence 1 0.02 0.5%}: the clip starts where the level first passes 0.5 % of full scale. */
    private static final double SILENCE = 0.005;
    /** Taps of the low-pass on each side, in input samples: about 2 ms at 22 kHz, enough for a 3.4 kHz edge. */
    private static final int HALF_TAPS = 48;

    private TelephoneAudio() {
    }

    /** A synthesised clip as it sounds on the line: trimmed, 8 kHz, telephone band, peak at {@code peakDb} dBFS. */
    static double[] toLine(Synthesizer.Speech speech, double peakDb) {
        double[] trimmed = trim(speech.samples());
        double[] line = highPass(resample(trimmed, speech.sampleRate(), RATE));
        double peak = 0;
        for (double v : line) {
            peak = Math.max(peak, Math.abs(v));
        }
        double gain = peak == 0 ? 0 : Math.pow(10, peakDb / 20) / peak;
        for (int i = 0; i < line.length; i++) {
            line[i] *= gain;
        }
        return line;
    }

    static double[] trim(double[] x) {
        int first = 0;
        while (first < x.length && Math.abs(x[first]) < SILENCE) {
            first++;
        }
        int last = x.length - 1;
        while (last > first && Math.abs(x[last]) < SILENCE) {
            last--;
        }
        return first > last ? new double[0] : java.util.Arrays.copyOfRange(x, first, last + 1);
    }

    /**
     * Band-limited resampling: each output sample is the input under a Blackman-windowed sinc centred
     * at its position. Output positions fall on {@code outRate / gcd} distinct fractions of an input
     * sample (160 for espeak's 22,050 Hz to 8 kHz), so the kernel is computed once per fraction.
     */
    static double[] resample(double[] in, int inRate, int outRate) {
        int n = (int) ((long) in.length * outRate / inRate);
        int gcd = java.math.BigInteger.valueOf(inRate).gcd(java.math.BigInteger.valueOf(outRate)).intValue();
        int phases = outRate / gcd;
        int inStep = inRate / gcd; // output i sits at input position i * inStep / phases
        double[][] kernels = kernels(phases, Math.min(LOW_PASS_HZ, outRate / 2.0) / inRate);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            long pos = (long) i * inStep;
            int centre = (int) (pos / phases);
            double[] kernel = kernels[(int) (pos % phases)];
            double acc = 0;
            int first = centre - HALF_TAPS + 1;
            for (int j = Math.max(0, -first); j < kernel.length && first + j < in.length; j++) {
                acc += in[first + j] * kernel[j];
            }
            out[i] = acc;
        }
        return out;
    }

    /** Taps for each fractional offset: kernel[phase][j] weighs input sample centre - HALF_TAPS + 1 + j. */
    private static double[][] kernels(int phases, double fc) {
        double[][] kernels = new double[phases][2 * HALF_TAPS];
        for (int phase = 0; phase < phases; phase++) {
            double frac = (double) phase / phases;
            for (int j = 0; j < 2 * HALF_TAPS; j++) {
                double t = frac + HALF_TAPS - 1 - j; // distance from the output position to the tap
                double w = 0.42 + 0.5 * Math.cos(Math.PI * t / HALF_TAPS) + 0.08 * Math.cos(2 * Math.PI * t / HALF_TAPS);
                double arg = 2 * fc * t;
                double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
                kernels[phase][j] = 2 * fc * sinc * w;
            }
        }
        return kernels;
    }

    /** Second-order Butterworth high-pass (RBJ audio-EQ cookbook) at {@link #HIGH_PASS_HZ}, 8 kHz. */
    static double[] highPass(double[] x) {
        double w0 = 2 * Math.PI * HIGH_PASS_HZ / RATE;
        double alpha = Math.sin(w0) / (2 * Math.sqrt(0.5));
        double cos = Math.cos(w0);
        double a0 = 1 + alpha;
        double b0 = (1 + cos) / 2 / a0;
        double b1 = -(1 + cos) / a0;
        double b2 = b0;
        double a1 = -2 * cos / a0;
        double a2 = (1 - alpha) / a0;
        double[] y = new double[x.length];
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double v = b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = v;
            y[i] = v;
        }
        return y;
    }

    /**
     * Reads a PCM 16-bit WAV (its first channel). espeak-ng's {@code --stdout} cannot seek back to
     * fill in the sizes, so it writes 0x7ffff000-ish placeholders: the data chunk runs to the end of
     * the bytes, whatever its header says.
     */
    static Synthesizer.Speech readWav(byte[] wav, String what) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || !"RIFF".equals(ascii(wav, 0)) || !"WAVE".equals(ascii(wav, 8))) {
            throw new IOException(what + " is not a WAV file");
        }
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int pos = 12;
        while (pos + 8 <= wav.length) {
            String id = ascii(wav, pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            if (id.equals("fmt ")) {
                channels = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
                bits = b.getShort(pos + 22);
            } else if (id.equals("data")) {
                if (bits != 16 || channels < 1) {
                    throw new IOException(what + " is " + bits + "-bit with " + channels + " channel(s); 16-bit PCM expected");
                }
                int start = pos + 8;
                int frames = (int) (Math.min(size, wav.length - start) / (2L * channels));
                double[] samples = new double[frames];
                for (int i = 0; i < frames; i++) {
                    samples[i] = b.getShort(start + i * 2 * channels) / 32768.0;
                }
                return new Synthesizer.Speech(samples, rate);
            }
            pos += 8 + (int) Math.min(size + (size & 1), wav.length);
        }
        throw new IOException(what + " has no data chunk");
    }

    /** Writes left and right as an 8 kHz 16-bit PCM stereo WAV, clipping at full scale. */
    static void writeStereoWav(Path file, double[] left, double[] right) throws IOException {
        int frames = Math.max(left.length, right.length);
        ByteBuffer b = ByteBuffer.allocate(PcmWavHeader.LENGTH + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(PcmWavHeader.bytes(RATE, 2, 16, frames * 4L));
        for (int i = 0; i < frames; i++) {
            b.putShort(pcm(i < left.length ? left[i] : 0));
            b.putShort(pcm(i < right.length ? right[i] : 0));
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(b.array());
        }
        // Written whole, then renamed: a worker never sees half a recording.
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static short pcm(double v) {
        return (short) Math.round(Math.max(-1, Math.min(32767 / 32768.0, v)) * 32768);
    }

    private static String ascii(byte[] bytes, int at) {
        return new String(bytes, at, 4, StandardCharsets.US_ASCII);
    }
}
