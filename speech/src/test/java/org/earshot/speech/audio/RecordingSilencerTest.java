package org.earshot.speech.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.earshot.speech.AudioFormatException;
import org.earshot.speech.audio.RecordingSilencer.ChannelSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingSilencerTest {

    @TempDir
    Path dir;

    /** Two seconds of 8 kHz stereo: left a ramp, right its negation, never zero. */
    private static short[] stereo() {
        short[] s = new short[2 * 16000];
        for (int f = 0; f < 16000; f++) {
            s[2 * f] = (short) (1000 + f % 3000);
            s[2 * f + 1] = (short) -(1000 + f % 3000);
        }
        return s;
    }

    @Test
    void aRawRecordingGetsExactZerosOnOneChannelInTheSpanAndIsOtherwiseUnchanged() throws IOException {
        Path raw = Files.write(dir.resolve("call-stereo.raw"), WavBytes.pcm(stereo()));
        Recording before = RecordingReader.read(raw);

        RecordingSilencer.silence(raw, List.of(new ChannelSpan(0, 0.5, 1.0)));

        Recording after = RecordingReader.read(raw);
        for (int f = 0; f < 16000; f++) {
            boolean inside = f >= 4000 && f < 8000;
            assertThat(after.channel(0)[f]).as("left frame %d", f).isEqualTo(inside ? 0 : before.channel(0)[f]);
            assertThat(after.channel(1)[f]).as("right frame %d", f).isEqualTo(before.channel(1)[f]);
        }
        assertThat(Files.size(raw)).isEqualTo(64000);
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left, no copy of the original").containsExactly(raw);
        }
    }

    @Test
    void aPcmWavKeepsItsHeaderAndGetsZerosOnBothChannels() throws IOException {
        Path wav = dir.resolve("call.wav");
        WavBytes.riff().fmt(1, 2, 8000, 16).chunk("LIST", new byte[] {1, 2, 3, 4}).data(stereo()).write(wav);
        byte[] header = java.util.Arrays.copyOf(Files.readAllBytes(wav), 56);

        RecordingSilencer.silence(wav, List.of(new ChannelSpan(0, 1.5, 5.0), new ChannelSpan(1, 1.5, 5.0)));

        Recording after = RecordingReader.read(wav);
        assertThat(java.util.Arrays.copyOf(Files.readAllBytes(wav), 56)).isEqualTo(header);
        for (int c = 0; c < 2; c++) {
            for (int f = 12000; f < 16000; f++) {
                assertThat(after.channel(c)[f]).isZero();
            }
            assertThat(after.channel(c)[11999]).isNotZero();
        }
    }

    @Test
    void aMuLawWavGetsTheCodecsZero() throws IOException {
        Path wav = dir.resolve("call-ulaw.wav");
        byte[] data = new byte[8000];
        java.util.Arrays.fill(data, (byte) 0x10);
        WavBytes.riff().fmt(7, 1, 8000, 8).chunk("data", data).write(wav);

        RecordingSilencer.silence(wav, List.of(new ChannelSpan(1, 0.25, 0.5)));

        Recording after = RecordingReader.read(wav);
        assertThat(after.channelCount()).isEqualTo(1);
        for (int f = 0; f < 8000; f++) {
            if (f >= 2000 && f < 4000) {
                assertThat(after.channel(0)[f]).isZero();
            } else {
                assertThat(after.channel(0)[f]).isNotZero();
            }
        }
    }

    @Test
    void somethingThatIsNotARecordingIsRefusedAndLeftAlone() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.wav"), "hello");
        assertThatThrownBy(() -> RecordingSilencer.silence(text, List.of(new ChannelSpan(0, 0, 1))))
                .isInstanceOf(AudioFormatException.class);
        assertThat(Files.readString(text)).isEqualTo("hello");
    }
}
