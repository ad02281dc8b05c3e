package org.earshot.speech;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.earshot.speech.audio.PcmWavHeader;

/** Writes 16-bit PCM WAV files for tests, streaming, so a 2-hour file never sits in memory. */
public final class TestWavs {

    /** Sample {@code i} of channel {@code c}. */
    public interface Signal {
        short sample(int channel, long i);
    }

    private TestWavs() {
    }

    public static Path write(Path file, int channels, int sampleRate, long frames, Signal signal) throws IOException {
        long dataBytes = frames * channels * 2;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(PcmWavHeader.bytes(sampleRate, channels, 16, dataBytes));
            byte[] frame = new byte[channels * 2];
            for (long i = 0; i < frames; i++) {
                for (int c = 0; c < channels; c++) {
                    short s = signal.sample(c, i);
                    frame[2 * c] = (byte) s;
                    frame[2 * c + 1] = (byte) (s >> 8);
                }
                out.write(frame);
            }
        }
        return file;
    }
}
