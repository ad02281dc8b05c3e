package org.earshot.speech.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the 44-byte header of a PCM WAV file: Earshot's one writer of the format, used wherever a WAV
 * is made (the audio route's header before a MixMonitor {@code .raw}, the demo's recordings, the bench's
 * audio). {@link RecordingReader} reads what it writes.
 *
 * <pre>{@code
 * out.write(PcmWavHeader.bytes(8000, 2, 16, frames * 4));   // then the interleaved little-endian samples
 * }</pre>
 */
public final class PcmWavHeader {

    /** Bytes of the header: the samples start here. */
    public static final int LENGTH = 44;
    /**
     * The most audio a header can declare. RIFF sizes are 32-bit unsigned and the RIFF size counts the 36
     * header bytes after it, so at this length it is all ones: the "unknown" size players read to the end.
     */
    public static final long MAX_DATA_LENGTH = 0xFFFFFFFFL - (LENGTH - 8);

    private static final short FORMAT_PCM = 1;

    private PcmWavHeader() {
    }

    /**
     * The header of {@code dataLength} bytes of interleaved little-endian PCM (signed; unsigned for 8-bit,
     * as WAV has it). A longer length is declared as {@link #MAX_DATA_LENGTH}.
     *
     * @throws IllegalArgumentException naming the value, for a rate, channel count, sample size or length
     *                                  no WAV can have
     */
    public static byte[] bytes(int sampleRate, int channels, int bitsPerSample, long dataLength) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " Hz: must be positive");
        }
        if (channels < 1 || channels > 0xFFFF) {
            throw new IllegalArgumentException(channels + " channels: must be 1 to 65535");
        }
        if (bitsPerSample <= 0 || bitsPerSample > 32 || bitsPerSample % 8 != 0) {
            throw new IllegalArgumentException(bitsPerSample + " bits per sample: must be 8, 16, 24 or 32");
        }
        if (dataLength < 0) {
            throw new IllegalArgumentException("data length " + dataLength + ": must not be negative");
        }
        int blockAlign = channels * bitsPerSample / 8;
        long byteRate = (long) sampleRate * blockAlign;
        if (byteRate > 0xFFFFFFFFL || blockAlign > 0xFFFF) {
            throw new IllegalArgumentException(sampleRate + " Hz x " + channels + " channels x " + bitsPerSample
                    + " bits: too many bytes per second for a WAV header");
        }
        long declared = Math.min(dataLength, MAX_DATA_LENGTH);
        return ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN)
                .put(ascii("RIFF")).putInt((int) (LENGTH - 8 + declared)).put(ascii("WAVE"))
                .put(ascii("fmt ")).putInt(16).putShort(FORMAT_PCM).putShort((short) channels).putInt(sampleRate)
                .putInt((int) byteRate).putShort((short) blockAlign).putShort((short) bitsPerSample)
                .put(ascii("data")).putInt((int) declared)
                .array();
    }

    private static byte[] ascii(String tag) {
        return tag.getBytes(StandardCharsets.US_ASCII);
    }
}
