package org.earshot.speech.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    @Test
    void upsamplingKeepsAToneItsFrequencyAndLevel() {
        float[] out = new Resampler(8000, 16000).resample(tone(1000, 8000, 8000, 10000), 0, 8000);

        assertThat(out).hasSize(16000);
        // middle second-half only: the ends see the zero padding outside the segment
        assertThat(levelDb(out, 16000, 1000)).isCloseTo(levelDb(tone(1000, 16000, 16000, 10000), 16000, 1000), within(0.1));
    }

    @Test
    void upsamplingLeavesNoImageAboveTheOldNyquist() {
        // naive sample repetition would put the image of 1 kHz at 7 kHz only ~17 dB down
        float[] out = new Resampler(8000, 16000).resample(tone(1000, 8000, 8000, 10000), 0, 8000);

        double tone = levelDb(out, 16000, 1000);
        double image = levelDb(out, 16000, 7000);
        assertThat(tone - image).isGreaterThan(60);
    }

    @Test
    void sameRateIsAnIdentity() {
        Resampler same = new Resampler(16000, 16000);
        short[] in = tone(440, 16000, 1600, 5000);

        assertThat(same.isIdentity()).isTrue();
        float[] out = same.resample(in, 0, in.length);
        for (int i = 40; i < in.length - 40; i++) {
            assertThat((double) out[i]).isCloseTo(in[i], within(2.0));
        }
    }

    @Test
    void decimatingKeepsWhatLiesAboveTheNewNyquistFromFoldingBack() {
        // at 16 kHz a 10 kHz tone would alias to 6 kHz; the low-pass at 0.95 x 8 kHz must remove it first
        Resampler down = new Resampler(48000, 16000);
        float[] speechBand = down.resample(tone(1000, 48000, 48000, 10000), 0, 48000);
        float[] aboveNyquist = down.resample(tone(10000, 48000, 48000, 10000), 0, 48000);

        assertThat(speechBand).hasSize(16000);
        assertThat(levelDb(speechBand, 16000, 1000) - levelDb(aboveNyquist, 16000, 6000)).isGreaterThan(60);
    }

    /** The reader resamples a file block by block as it reads: the blocks' edges must not show in the output. */
    @ParameterizedTest
    @CsvSource({"44100, 16000", "48000, 16000", "32000, 16000", "22050, 16000", "11025, 16000", "8000, 16000"})
    void resamplingALongSineInBlocksEqualsResamplingItWhole(int from, int to) {
        short[] sine = tone(997, from, 10 * from + 123, 12000); // 10 s, a frequency no block size divides
        Resampler resampler = new Resampler(from, to);

        float[] whole = resampler.resample(sine, 0, sine.length);
        float[] blockwise = inBlocks(resampler, sine, new int[] {1, 7, 4096, 2, 333, 10_007, 64});

        assertThat(blockwise).hasSameSizeAs(whole);
        for (int i = 0; i < whole.length; i++) {
            assertThat((double) blockwise[i]).as("sample %d", i).isCloseTo(whole[i], within(1e-3));
        }
    }

    /** The transcriber pulls a spurt in chunks: any chunk size, any segment start, the same samples as whole. */
    @ParameterizedTest
    @CsvSource({"1, 0", "8000, 0", "8000, 5", "4096, 1234", "100000, 17"})
    void aSegmentPulledInBlocksGivesTheSameSamplesAsResampledWhole(int blockLength, int start) {
        short[] sine = tone(997, 8000, 3 * 8000 + 77, 12000);
        Resampler resampler = new Resampler(8000, 16000);

        float[] whole = resampler.resample(sine, start, sine.length);
        Resampler.Blocks blocks = resampler.blocks(sine, start, sine.length);
        float[] block = new float[blockLength];
        float[] pulled = new float[whole.length + blockLength];
        int length = 0;
        for (int n = blocks.next(block); n > 0; n = blocks.next(block)) {
            assertThat(n == blockLength || length + n == whole.length).as("only the last block is short").isTrue();
            System.arraycopy(block, 0, pulled, length, n);
            length += n;
        }

        assertThat(length).isEqualTo(whole.length);
        assertThat(java.util.Arrays.copyOf(pulled, length)).containsExactly(whole);
    }

    /** {@code signal} through a stream, in blocks of the given sizes, in turn. */
    private static float[] inBlocks(Resampler resampler, short[] signal, int[] sizes) {
        float[] out = new float[(int) resampler.outputLength(signal.length)];
        int[] written = {0};
        ResamplingStream.Sink sink = sample -> out[written[0]++] = sample;
        ResamplingStream stream = resampler.stream();
        for (int from = 0, b = 0; from < signal.length; b++) {
            int n = Math.min(sizes[b % sizes.length], signal.length - from);
            float[] block = new float[n];
            for (int i = 0; i < n; i++) {
                block[i] = signal[from + i];
            }
            stream.push(block, n, sink);
            from += n;
        }
        stream.finish(sink);
        assertThat(written[0]).as("outputs").isEqualTo(out.length);
        return out;
    }

    private static short[] tone(double hz, int rate, int n, double amp) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(amp * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    private static double levelDb(short[] x, int rate, double hz) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = x[i];
        }
        return levelDb(f, rate, hz);
    }

    /** Goertzel power at {@code hz} over the middle half of the signal, Hann-windowed, in dB. */
    private static double levelDb(float[] x, int rate, double hz) {
        int from = x.length / 4;
        int n = x.length / 2;
        double coeff = 2 * Math.cos(2 * Math.PI * hz / rate);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
            double s0 = x[from + i] * w + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 10 * Math.log10(power + 1e-20);
    }
}
