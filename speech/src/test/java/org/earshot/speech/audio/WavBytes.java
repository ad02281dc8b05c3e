package org.earshot.speech.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds WAV files byte by byte, so tests can make the odd headers real writers produce. */
final class WavBytes {

    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();

    static WavBytes riff() {
        return new WavBytes();
    }

    WavBytes fmt(int format, int channels, int rate, int bits) {
        ByteBuffer b = le(16);
        b.putShort((short) format).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        return chunk("fmt ", b.array());
    }

    /** WAVE_FORMAT_EXTENSIBLE whose subformat GUID starts with {@code subformat}. */
    WavBytes fmtExtensible(int subformat, int channels, int rate, int bits) {
        ByteBuffer b = le(40);
        b.putShort((short) 0xFFFE).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits)
                .putShort((short) 22).putShort((short) bits).putInt(channels == 2 ? 3 : 4)
                .putShort((short) subformat).put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
                        (byte) 0x9B, 0x71});
        return chunk("fmt ", b.array());
    }

    WavBytes chunk(String id, byte[] body) {
        return chunk(id, body.length, body);
    }

    /** A chunk whose size field says {@code declaredSize}, whatever the body's length. */
    WavBytes chunk(String id, long declaredSize, byte[] body) {
        chunks.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        chunks.writeBytes(le(4).putInt((int) declaredSize).array());
        chunks.writeBytes(body);
        if (body.length % 2 == 1 && !id.equals("data")) {
            chunks.write(0);
        }
        return this;
    }

    WavBytes data(short... samples) {
        return chunk("data", pcm(samples));
    }

    static byte[] pcm(short... samples) {
        ByteBuffer b = le(2 * samples.length);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    byte[] bytes() {
        byte[] body = chunks.toByteArray();
        ByteBuffer b = le(12 + body.length);
        b.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(4 + body.length)
                .put("WAVE".getBytes(StandardCharsets.ISO_8859_1)).put(body);
        return b.array();
    }

    Path write(Path file) throws IOException {
        return Files.write(file, bytes());
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
