package org.earshot.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.earshot.speech.AnalysisReport.Redaction;
import org.earshot.speech.audio.Recording;
import org.earshot.speech.audio.RecordingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingRedactorTest {

    @TempDir
    Path dir;

    private Path twoSecondsOfStereo() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * 16000).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < 16000; f++) {
            b.putShort((short) 500).putShort((short) -500);
        }
        return Files.write(dir.resolve("c-stereo.raw"), b.array());
    }

    private static boolean silent(short[] channel, double from, double to) {
        for (int f = (int) (from * 8000); f < (int) (to * 8000); f++) {
            if (channel[f] != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void spokenCardDataIsSilencedOnTheSpeakersChannelAndKeypadDigitsOnBoth() throws IOException {
        Path raw = twoSecondsOfStereo();
        // agent on the left here: the roles decide the channel, not a fixed layout
        ChannelRoles roles = new ChannelRoles(Party.AGENT, Party.CUSTOMER);

        RecordingRedactor.silence(raw, List.of(new Redaction("customer", "card-number", 0.1, 0.4),
                new Redaction("agent", "security-code", 0.6, 0.8), new Redaction("customer", "keypad-digits", 1.2, 1.5)),
                roles);

        Recording r = RecordingReader.read(raw);
        assertThat(silent(r.channel(1), 0.1, 0.4)).isTrue();
        assertThat(silent(r.channel(0), 0.1, 0.4)).isFalse();
        assertThat(silent(r.channel(0), 0.6, 0.8)).isTrue();
        assertThat(silent(r.channel(1), 0.6, 0.8)).isFalse();
        assertThat(silent(r.channel(0), 1.2, 1.5) && silent(r.channel(1), 1.2, 1.5)).isTrue();
        assertThat(silent(r.channel(0), 1.5, 2.0) || silent(r.channel(1), 0.0, 0.1)).isFalse();
    }
}
