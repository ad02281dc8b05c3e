package org.earshot.speech.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.earshot.speech.audio.Resampler;
import org.junit.jupiter.api.Test;

/** What the recogniser is fed for one talk spurt: the recogniser itself is {@code CallAnalyzerIT}'s. */
class TranscriberFeedTest {

    private static final int RATE = 8000;

    @Test
    void aSpurtIsFedAtTheModelRateClippedAndDitheredInWholeChunks() throws IOException {
        short[] samples = speechLike(3 * RATE + 123);
        Resampler resampler = new Resampler(RATE, Transcriber.MODEL_RATE);
        List<float[]> chunks = new ArrayList<>();

        long fed = Transcriber.feed(resampler, samples, 100, samples.length, new SplittableRandom(7),
                (chunk, n) -> chunks.add(java.util.Arrays.copyOf(chunk, n)));

        float[] whole = resampler.resample(samples, 100, samples.length);
        assertThat(fed).isEqualTo(whole.length);
        SplittableRandom noise = new SplittableRandom(7);
        int i = 0;
        for (float[] chunk : chunks) {
            assertThat(chunk.length).as("chunk %d", i / Transcriber.CHUNK)
                    .isEqualTo(Math.min(Transcriber.CHUNK, whole.length - i));
            for (float sample : chunk) {
                float clipped = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, whole[i++]));
                assertThat(sample).isEqualTo(clipped + (float) (Transcriber.DITHER * noise.nextGaussian()));
            }
        }
        assertThat(i).isEqualTo(whole.length);
    }

    @Test
    void anHourLongSpurtIsFedWithoutEverHoldingItWhole() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM does not count allocated bytes");
        // speech with no pause the VAD would cut at is one spurt, however long
        short[] hour = speechLike(3600 * RATE);
        Resampler resampler = new Resampler(RATE, Transcriber.MODEL_RATE);
        long[] fed = {0};

        long before = threads.getCurrentThreadAllocatedBytes();
        Transcriber.feed(resampler, hour, 0, hour.length, new SplittableRandom(1), (chunk, n) -> fed[0] += n);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(fed[0]).isEqualTo(3600L * Transcriber.MODEL_RATE);
        // resampled whole, as it was, the hour cost 460 MB of floats (8 kHz copy and 16 kHz output)
        assertThat(allocated).as("bytes allocated feeding one hour").isLessThan(4L << 20);
    }

    /** A 150 Hz voice with harmonics, loud enough to clip now and then. */
    private static short[] speechLike(int length) {
        short[] s = new short[length];
        for (int i = 0; i < length; i++) {
            double t = (double) i / RATE;
            double x = Math.sin(2 * Math.PI * 150 * t) + 0.6 * Math.sin(2 * Math.PI * 450 * t) + 0.4 * Math.sin(2 * Math.PI * 750 * t);
            s[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, x * 16000));
        }
        return s;
    }
}
