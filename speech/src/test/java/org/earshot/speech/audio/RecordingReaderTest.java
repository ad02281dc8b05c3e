package org.earshot.speech.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.earshot.speech.AudioFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingReaderTest {

    /** Call S6 of the Asterisk capture (see /work/shared/fixtures/asterisk/README.md, "Recordings"). */
    static final Path S6 = Path.of("src/test/resources/asterisk");
    static final String S6_BASE = "20261123-002015-5550107-earshot-lab-1795393215.23";

    @TempDir
    Path tmp;

    @Test
    void rawRecordingLongerThanTheDefaultLimitIsRefusedFromItsSizeNamingItsLengthTheLimitAndTheSetting() throws IOException {
        // 5 h of MixMonitor audio (8 kHz, 2 x 16-bit): a sparse file, no disk used
        Path big = sparse(tmp.resolve("big.raw"), 5L * 3600 * 8000 * 4);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(() -> RecordingReader.read(big))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("big.raw")
                .hasMessageContaining("recording too long: 5.00 h of audio (18000 s), the limit is 4 h")
                .hasMessageContaining("raise max-recording-hours");
        if (threads.isThreadAllocatedMemorySupported()) {
            // refused from the size alone: 5 h held as samples would be 576 MB
            assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(4L << 20);
        }
    }

    @Test
    void muLawWavLongerThanTheGivenLimitIsRefusedFromItsHeader() throws IOException {
        // 1 byte per sample: 2 h of 8 kHz mono µ-law declared in the data chunk and present (sparse)
        long dataBytes = 2L * 3600 * 8000;
        Path file = WavBytes.riff().fmt(7, 1, 8000, 8).chunk("data", dataBytes, new byte[0]).write(tmp.resolve("long.wav"));
        sparse(file, Files.size(file) + dataBytes);

        assertThatThrownBy(() -> RecordingReader.read(file, Duration.ofMinutes(90)))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("long.wav")
                .hasMessageContaining("2.00 h of audio (7200 s), the limit is 1.50 h");
    }

    @Test
    void recordingAsLongAsTheLimitIsRead() throws IOException {
        Path file = WavBytes.riff().fmt(1, 1, 8000, 16).data(new short[8000]).write(tmp.resolve("one-second.wav"));

        assertThat(RecordingReader.read(file, Duration.ofSeconds(1)).durationSeconds()).isEqualTo(1.0);
    }

    private static Path sparse(Path file, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return file;
    }

    @Test
    void mixMonitorRawIsTwoChannels8kHzOf6_02Seconds() throws IOException {
        Recording rec = RecordingReader.read(S6.resolve(S6_BASE + "-stereo.raw"));

        assertThat(rec.channelCount()).isEqualTo(2);
        assertThat(rec.sampleRate()).isEqualTo(8000);
        assertThat(rec.frames()).isEqualTo(48_160); // README: 48,160 frames = 6.02 s
        assertThat(rec.durationSeconds()).isEqualTo(6.02);
    }

    @Test
    void mixMonitorRawLeftIsTheCallerAndRightIsTheAgentSampleForSample() throws IOException {
        Recording stereo = RecordingReader.read(S6.resolve(S6_BASE + "-stereo.raw"));
        Recording caller = RecordingReader.read(S6.resolve(S6_BASE + "-caller.wav"));
        Recording agent = RecordingReader.read(S6.resolve(S6_BASE + "-agent.wav"));

        assertThat(caller.channelCount()).isEqualTo(1);
        assertThat(Arrays.equals(stereo.channel(0), caller.channel(0))).as("left = caller").isTrue();
        assertThat(Arrays.equals(stereo.channel(1), agent.channel(0))).as("right = agent").isTrue();
    }

    @Test
    void muLawWavWithFactChunkDecodesToItsStatedLength() throws IOException {
        // written by sox (fmt 7 with cbSize, then a "fact" chunk); 157,064 frames per soxi
        Recording rec = RecordingReader.read(Path.of("src/test/resources/calls/generated-call.wav"));

        assertThat(rec.channelCount()).isEqualTo(2);
        assertThat(rec.sampleRate()).isEqualTo(8000);
        assertThat(rec.frames()).isEqualTo(157_064);
    }

    @Test
    void extensibleHeaderWithPcmSubformatAndUnknownChunksIsRead() throws IOException {
        Path file = WavBytes.riff().chunk("LIST", "INFOISFTtest!".getBytes(StandardCharsets.US_ASCII))
                .fmtExtensible(1, 2, 16000, 16).chunk("junk", new byte[3]).data((short) 1, (short) -1, (short) 300, (short) -300)
                .write(tmp.resolve("ext.wav"));

        Recording rec = RecordingReader.read(file);

        assertThat(rec.sampleRate()).isEqualTo(16000);
        assertThat(rec.channel(0)).containsExactly(1, 300);
        assertThat(rec.channel(1)).containsExactly(-1, -300);
    }

    @Test
    void aLawMonoIsExpanded() throws IOException {
        Path file = WavBytes.riff().fmt(6, 1, 8000, 8).chunk("data", new byte[] {(byte) 0xD5, 0x55, (byte) 0xAA})
                .write(tmp.resolve("alaw.wav"));

        assertThat(RecordingReader.read(file).channel(0)).containsExactly(8, -8, 32256);
    }

    @Test
    void extensibleMuLawIsExpanded() throws IOException {
        Path file = WavBytes.riff().fmtExtensible(7, 1, 8000, 8).chunk("data", new byte[] {(byte) 0xFF, (byte) 0x80})
                .write(tmp.resolve("ulaw.wav"));

        assertThat(RecordingReader.read(file).channel(0)).containsExactly(0, 32124);
    }

    @Test
    void dataSizeOfUnknownOrBeyondTheFileMeansToTheEndOfTheFile() throws IOException {
        byte[] samples = WavBytes.pcm((short) 5, (short) 6, (short) 7);
        Path unknown = WavBytes.riff().fmt(1, 1, 8000, 16).chunk("data", 0xFFFFFFFFL, samples).write(tmp.resolve("u.wav"));
        Path oversized = WavBytes.riff().fmt(1, 1, 8000, 16).chunk("data", 1_000_000, samples).write(tmp.resolve("o.wav"));

        assertThat(RecordingReader.read(unknown).channel(0)).containsExactly(5, 6, 7);
        assertThat(RecordingReader.read(unknown).notes()).as("no length declared, none missing").isEmpty();
        assertThat(RecordingReader.read(oversized).channel(0)).containsExactly(5, 6, 7);
    }

    @Test
    void aLawWavCutInsideItsAudioIsReadAsFarAsItGoesAndSaysHowMuchTheHeaderDeclared() throws IOException {
        byte[] oneSecond = new byte[8000];
        Arrays.fill(oneSecond, (byte) 0xD5);
        Path file = WavBytes.riff().fmt(6, 1, 8000, 8).chunk("data", 2 * 8000, oneSecond).write(tmp.resolve("cut.wav"));

        Recording rec = RecordingReader.read(file);

        assertThat(rec.frames()).isEqualTo(8000);
        assertThat(rec.notes()).containsExactly(
                "truncated: the header declares 2.00 s of audio, the file holds 1.00 s; analysed what is there");
    }

    @Test
    void pcmWavCutInsideASampleKeepsTheWholeFramesBeforeIt() throws IOException {
        short[] samples = new short[2 * 4000]; // 0.5 s of 8 kHz stereo, then one byte of the next sample
        Arrays.fill(samples, (short) 1234);
        byte[] cut = Arrays.copyOf(WavBytes.pcm(samples), 2 * samples.length + 1);
        Path file = WavBytes.riff().fmt(1, 2, 8000, 16).chunk("data", 4L * 8000, cut).write(tmp.resolve("cut16.wav"));

        Recording rec = RecordingReader.read(file);

        assertThat(rec.frames()).isEqualTo(4000);
        assertThat(rec.channel(1)).containsOnly(1234);
        assertThat(rec.notes()).containsExactly(
                "truncated: the header declares 1.00 s of audio, the file holds 0.50 s; analysed what is there");
    }

    @Test
    void declaredLengthEndingInsideASampleWithAllOfItPresentIsNotACut() throws IOException {
        byte[] data = Arrays.copyOf(WavBytes.pcm((short) 5, (short) 6, (short) 7), 7); // a stray 7th byte
        Path file = WavBytes.riff().fmt(1, 1, 8000, 16).chunk("data", data).write(tmp.resolve("odd.wav"));

        Recording rec = RecordingReader.read(file);

        assertThat(rec.channel(0)).containsExactly(5, 6, 7);
        assertThat(rec.notes()).isEmpty();
    }

    @Test
    void wavCutRightAfterItsHeaderIsRefusedAsTruncated() throws IOException {
        Path file = WavBytes.riff().fmt(1, 1, 8000, 16).chunk("data", 2 * 8000, new byte[0]).write(tmp.resolve("bare.wav"));
        assertRefused(file, "truncated: the header declares 1.00 s of audio, the file ends before the first sample");
    }

    @Test
    void mixMonitorRawCutInsideASampleFrameKeepsItsWholeFramesAndSaysItsWriterStopped() throws IOException {
        Path whole = S6.resolve(S6_BASE + "-stereo.raw");
        byte[] bytes = Files.readAllBytes(whole);
        Path file = Files.write(tmp.resolve("cut.raw"), Arrays.copyOf(bytes, bytes.length - 1));

        Recording cut = RecordingReader.read(file);
        Recording original = RecordingReader.read(whole);

        assertThat(cut.frames()).isEqualTo(original.frames() - 1);
        for (int c = 0; c < 2; c++) {
            assertThat(cut.channel(c)).isEqualTo(Arrays.copyOf(original.channel(c), cut.frames()));
        }
        assertThat(original.notes()).isEmpty();
        assertThat(cut.notes()).singleElement().asString()
                .startsWith("truncated: the file ends 3 bytes into a 4-byte sample frame")
                .endsWith(String.format(Locale.ROOT, "analysed the %.2f s before it", cut.durationSeconds()));
    }

    @Test
    void missingFileIsRefusedByName() {
        assertRefused(tmp.resolve("nowhere.wav"), "file not found");
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        assertRefused(Files.createFile(tmp.resolve("empty.wav")), "empty file");
    }

    @Test
    void textFileNamedWavIsNotARiffWaveFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.wav"), "call me back about the refund, thanks\n");
        assertRefused(file, "not a RIFF/WAVE file");
    }

    @Test
    void wavCutInsideItsHeaderIsTruncated() throws IOException {
        byte[] whole = Files.readAllBytes(S6.resolve(S6_BASE + "-caller.wav"));
        Path file = Files.write(tmp.resolve("cut.wav"), Arrays.copyOf(whole, 30));
        assertRefused(file, "truncated WAV header");
    }

    @Test
    void gsmWavIsRefusedNamingTheEncoding() throws IOException {
        Path file = WavBytes.riff().fmt(49, 1, 8000, 0).chunk("data", new byte[65]).write(tmp.resolve("gsm.wav"));
        assertRefused(file, "GSM 6.10 (format 49) is not supported");
    }

    @Test
    void wavWithEmptyDataChunkHasNoAudio() throws IOException {
        Path file = WavBytes.riff().fmt(1, 1, 8000, 16).data().write(tmp.resolve("header-only.wav"));
        assertRefused(file, "no audio samples");
    }

    @Test
    void rawShorterThanOneStereoFrameHasNoAudio() throws IOException {
        Path file = Files.write(tmp.resolve("three-bytes.raw"), new byte[3]);
        assertRefused(file, "no audio samples (3 bytes, less than one 2-channel 16-bit frame");
    }

    private static void assertRefused(Path file, String reason) {
        assertThatThrownBy(() -> RecordingReader.read(file))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((AudioFormatException) e).file()).isEqualTo(file));
    }
}
