package org.earshot.speech.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
        assertThat(RecordingReader.read(oversized).channel(0)).containsExactly(5, 6, 7);
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
    void eightBitPcmIsRefused() throws IOException {
        Path file = WavBytes.riff().fmt(1, 1, 8000, 8).chunk("data", new byte[8]).write(tmp.resolve("pcm8.wav"));
        assertRefused(file, "8-bit PCM is not supported");
    }

    @Test
    void cdSampleRateIsRefused() throws IOException {
        Path file = WavBytes.riff().fmt(1, 2, 44100, 16).data((short) 0, (short) 0).write(tmp.resolve("cd.wav"));
        assertRefused(file, "sample rate 44100 Hz is not supported");
    }

    @Test
    void wavWithEmptyDataChunkHasNoAudio() throws IOException {
        Path file = WavBytes.riff().fmt(1, 1, 8000, 16).data().write(tmp.resolve("header-only.wav"));
        assertRefused(file, "no audio samples");
    }

    @Test
    void rawOfOddLengthIsNotWholeStereoFrames() throws IOException {
        Path file = Files.write(tmp.resolve("odd-stereo.raw"), new byte[7]);
        assertRefused(file, "not a whole number of 2-channel 16-bit frames");
    }

    private static void assertRefused(Path file, String reason) {
        assertThatThrownBy(() -> RecordingReader.read(file))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((AudioFormatException) e).file()).isEqualTo(file));
    }
}
