package org.earshot.speech.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import org.earshot.speech.AudioFormatException;
import org.earshot.speech.Prerequisites;
import org.earshot.speech.Sox;
import org.earshot.speech.TestWavs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files at rates other than 8 and 16 kHz reach the analysis at 16 kHz, converted while they are read,
 * and say so; times stay the file's seconds.
 */
class SampleRateConversionTest {

    static final Path GENERATED_CALL = Path.of("src/test/resources/calls/generated-call.wav");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {11025, 12000, 22050, 24000, 32000, 44100, 48000})
    void anyRateFrom8To48kHzIsAnalysedAt16kHzForTheSameSecondsAndSaysSo(int rate) throws IOException {
        Path file = TestWavs.write(tmp.resolve(rate + ".wav"), 2, rate, 3 * rate / 2, (c, i) -> tone(c == 0 ? 1000 : 300, rate, i));

        Recording rec = RecordingReader.read(file);

        assertThat(rec.sampleRate()).isEqualTo(16000);
        assertThat(rec.durationSeconds()).isCloseTo(1.5, within(1.0 / 16000));
        assertThat(rec.notes()).containsExactly("resampled from " + rate + " Hz to 16000 Hz for analysis");
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void telephoneAndWidebandRatesAreKeptSampleForSampleWithoutANote(int rate) throws IOException {
        Path file = TestWavs.write(tmp.resolve(rate + ".wav"), 1, rate, rate, (c, i) -> tone(1000, rate, i));

        Recording rec = RecordingReader.read(file);

        assertThat(rec.sampleRate()).isEqualTo(rate);
        assertThat(rec.notes()).isEmpty();
        for (int i = 0; i < rate; i++) {
            assertThat(rec.channel(0)[i]).isEqualTo(tone(1000, rate, i));
        }
    }

    @Test
    void aResampledToneKeepsItsLevelAndEachChannelItsOwnSignal() throws IOException {
        Path file = TestWavs.write(tmp.resolve("cd.wav"), 2, 44100, 44100, (c, i) -> c == 0 ? tone(1000, 44100, i) : 0);

        Recording rec = RecordingReader.read(file);

        short[] left = Arrays.copyOfRange(rec.channel(0), 4000, 12000); // away from the edges' zero padding
        assertThat(peak(left)).isCloseTo(AMPLITUDE, within(AMPLITUDE / 100));
        assertThat(peak(rec.channel(1))).isZero();
    }

    @Test
    void aFileCutShortSaysHowMuchIsMissingInTheFilesOwnSeconds() throws IOException {
        short[] oneSecond = new short[44100];
        Arrays.fill(oneSecond, (short) 1000);
        Path file = WavBytes.riff().fmt(1, 1, 44100, 16).chunk("data", 2L * 2 * 44100, WavBytes.pcm(oneSecond))
                .write(tmp.resolve("cut.wav"));

        Recording rec = RecordingReader.read(file);

        assertThat(rec.frames()).isEqualTo(16000);
        assertThat(rec.notes()).containsExactly("resampled from 44100 Hz to 16000 Hz for analysis",
                "truncated: the header declares 2.00 s of audio, the file holds 1.00 s; analysed what is there");
    }

    @Test
    void aFileTooShortToLeaveOneSampleAt16kHzHasNoAudio() throws IOException {
        Path file = WavBytes.riff().fmt(1, 1, 48000, 16).data((short) 100, (short) 200).write(tmp.resolve("blip.wav"));

        assertThatThrownBy(() -> RecordingReader.read(file))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("blip.wav")
                .hasMessageContaining("no audio samples (2 at 48000 Hz, less than one at the 16000 Hz of the analysis)");
    }

    @ParameterizedTest
    @CsvSource({"7999, 7999", "4000, 4000", "0, 0", "88200, 88200", "96000, 96000", "-1, 4294967295"})
    void ratesOutside8To48kHzAreRefusedNamingTheRate(int rate, String named) throws IOException {
        Path file = WavBytes.riff().fmt(1, 1, rate, 16).data((short) 0, (short) 0).write(tmp.resolve("rate.wav"));

        assertThatThrownBy(() -> RecordingReader.read(file))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("rate.wav")
                .hasMessageContaining("sample rate " + named + " Hz is not supported (8000 to 48000 Hz)");
    }

    /**
     * The memory bound, by design: {@link AnalysisChannel} resamples each block as it is read, so the
     * only array that grows with the file is the 16-bit one at 16 kHz. Checked by what this thread
     * allocates reading 60 s and 120 s of 48 kHz stereo: the extra minute costs its 16 kHz samples
     * (3.84 MB), not the 11.5 MB it would hold at 48 kHz. A 1-hour 48 kHz stereo call thus needs
     * 230 MB of samples, not 690 MB.
     */
    @Test
    void aLongerFileAt48kHzCostsOnlyIts16kHzSamplesMore() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM does not count allocated bytes");
        Path minute = TestWavs.write(tmp.resolve("60s.wav"), 2, 48000, 60 * 48000, (c, i) -> tone(440, 48000, i));
        Path twoMinutes = TestWavs.write(tmp.resolve("120s.wav"), 2, 48000, 120 * 48000, (c, i) -> tone(440, 48000, i));
        RecordingReader.read(minute); // classes loaded, code compiled: not part of what a read costs

        long extra = allocatedReading(twoMinutes, threads) - allocatedReading(minute, threads);

        long at16kHz = 60L * 16000 * 2 * Short.BYTES;
        long at48kHz = 60L * 48000 * 2 * Short.BYTES;
        assertThat(extra).isBetween(at16kHz * 9 / 10, at16kHz * 11 / 10).isLessThan(at48kHz / 2);
    }

    /**
     * A real call as other tools write it: sox's copies at other rates and depths read back as the
     * same signal as the 8 kHz µ-law original (brought to 16 kHz by our resampler), within what the
     * copies' own quantisation allows. Speech at about -20 dBFS over 8-bit's -48 dBFS (dithered)
     * noise floor leaves under 30 dB; 24-bit and float copies differ only by the two resamplers'
     * filters (both pass 0-3.6 kHz, where a telephone call's speech is).
     */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "-r 44100 -b 24 -e signed-integer; 40",
            "-r 48000 -b 32 -e floating-point; 40",
            "-r 22050 -b 8 -e unsigned-integer; 20"})
    void soxCopiesOfARealCallReadBackAsTheSameSignal(String options, double minSnrDb) throws IOException {
        Prerequisites.require(Prerequisites.Need.SOX);
        Recording original = RecordingReader.read(GENERATED_CALL);
        Path copy = Sox.convert(GENERATED_CALL, tmp.resolve("copy.wav"), options.split(" "));

        Recording rec = RecordingReader.read(copy);

        assertThat(rec.sampleRate()).isEqualTo(16000);
        assertThat(rec.durationSeconds()).isCloseTo(original.durationSeconds(), within(1.0 / 16000));
        Resampler telephoneTo16kHz = new Resampler(8000, 16000);
        for (int c = 0; c < 2; c++) {
            float[] expected = telephoneTo16kHz.resample(original.channel(c), 0, original.frames());
            assertThat(snrDb(expected, rec.channel(c))).as("channel %d of %s", c, options).isGreaterThan(minSnrDb);
        }
    }

    private static final int AMPLITUDE = 10000;

    private static short tone(double hz, int rate, long i) {
        return (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * hz * i / rate));
    }

    private static int peak(short[] samples) {
        int peak = 0;
        for (short s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }

    private static long allocatedReading(Path file, com.sun.management.ThreadMXBean threads) throws IOException {
        long before = threads.getCurrentThreadAllocatedBytes();
        Recording rec = RecordingReader.read(file);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(rec.sampleRate()).isEqualTo(16000);
        return allocated;
    }

    /** Signal to difference, in dB, over the length both have. */
    private static double snrDb(float[] expected, short[] actual) {
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < Math.min(expected.length, actual.length); i++) {
            signal += (double) expected[i] * expected[i];
            noise += (actual[i] - expected[i]) * (double) (actual[i] - expected[i]);
        }
        return 10 * Math.log10(signal / noise);
    }
}
