package org.earshot.speech;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

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
            out.write(header(channels, sampleRate, dataBytes));
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

    public static byte[] header(int channels, int sampleRate, long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        b.put("data".getBytes()).putInt((int) dataBytes);
        return b.array();
    }
}
