package org.earshot.speech.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.earshot.speech.AudioFormatException;

/** Parses a RIFF/WAVE header: walks the chunks to {@code fmt } and {@code data}, skipping the rest. */
final class WavHeader {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_IEEE_FLOAT = 3;
    private static final int FORMAT_ALAW = 6;
    private static final int FORMAT_ULAW = 7;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** Some writers (streaming ones, Asterisk while recording) leave the size at "unknown". */
    private static final long SIZE_UNKNOWN = 0xFFFFFFFFL;
    /**
     * Telephone audio is 8 kHz; 48 kHz is the highest rate of the recorders and softphones calls come
     * from. Below 8 kHz speech loses what the analysis measures; above 48 kHz is studio audio.
     */
    private static final int MIN_RATE = 8000;
    private static final int MAX_RATE = 48000;

    private static final Map<Integer, String> KNOWN_FORMATS = Map.of(
            2, "Microsoft ADPCM", 17, "IMA ADPCM", 20, "G.723 ADPCM",
            49, "GSM 6.10", 64, "G.721 ADPCM", 80, "MPEG audio", 85, "MP3", 0x0161, "WMA");

    private WavHeader() {
    }

    static AudioLayout read(Path file, SeekableByteChannel in) throws IOException {
        long size = in.size();
        ByteBuffer riff = readAt(in, 0, 12);
        if (riff.remaining() < 12) {
            if (startsWith(riff, "RIFF")) {
                throw new AudioFormatException(file, "truncated WAV header (" + size + " bytes)");
            }
            throw new AudioFormatException(file, "not a RIFF/WAVE file");
        }
        if (!tag(riff, 0).equals("RIFF") || !tag(riff, 8).equals("WAVE")) {
            throw new AudioFormatException(file, "not a RIFF/WAVE file");
        }
        ByteBuffer fmt = null;
        long pos = 12;
        while (pos + 8 <= size) {
            ByteBuffer chunk = readAt(in, pos, 8);
            String id = tag(chunk, 0);
            long chunkSize = Integer.toUnsignedLong(chunk.getInt(4));
            long body = pos + 8;
            if (id.equals("fmt ")) {
                if (chunkSize < 16 || body + 16 > size) {
                    throw new AudioFormatException(file, "truncated WAV header (fmt chunk of " + chunkSize + " bytes)");
                }
                fmt = readAt(in, body, (int) Math.min(chunkSize, 40));
            } else if (id.equals("data")) {
                if (fmt == null) {
                    throw new AudioFormatException(file, "truncated WAV header (data chunk before fmt chunk)");
                }
                long held = size - body;
                // "unknown" reads to the end of the file; a declared size past the end is a file cut short
                return chunkSize == SIZE_UNKNOWN
                        ? layout(file, fmt, body, held, AudioLayout.UNDECLARED)
                        : layout(file, fmt, body, Math.min(chunkSize, held), chunkSize);
            }
            pos = body + chunkSize + (chunkSize & 1); // chunks are word-aligned
        }
        throw new AudioFormatException(file, "truncated WAV header (no " + (fmt == null ? "fmt" : "data") + " chunk)");
    }

    private static AudioLayout layout(Path file, ByteBuffer fmt, long dataStart, long dataLength, long declaredLength)
            throws IOException {
        int format = Short.toUnsignedInt(fmt.getShort(0));
        int channels = Short.toUnsignedInt(fmt.getShort(2));
        int sampleRate = fmt.getInt(4);
        int bits = Short.toUnsignedInt(fmt.getShort(14));
        if (format == FORMAT_EXTENSIBLE) {
            if (fmt.limit() < 26) {
                throw new AudioFormatException(file, "truncated WAV header (WAVE_FORMAT_EXTENSIBLE without a subformat)");
            }
            format = Short.toUnsignedInt(fmt.getShort(24)); // first two bytes of the subformat GUID
        }
        SampleEncoding encoding = encoding(file, format, bits);
        if (channels != 1 && channels != 2) {
            throw new AudioFormatException(file, channels + " channels are not supported (mono or 2-channel only)");
        }
        if (sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
            throw new AudioFormatException(file, "sample rate " + Integer.toUnsignedString(sampleRate)
                    + " Hz is not supported (" + MIN_RATE + " to " + MAX_RATE + " Hz)");
        }
        AudioLayout layout = new AudioLayout(encoding, channels, sampleRate, dataStart, dataLength, declaredLength);
        if (layout.frames() == 0 && layout.declaredFrames() > 0) {
            throw new AudioFormatException(file, String.format(Locale.ROOT,
                    "truncated: the header declares %.2f s of audio, the file ends before the first sample",
                    (double) layout.declaredFrames() / sampleRate));
        }
        if (layout.frames() == 0) {
            throw new AudioFormatException(file, "no audio samples (the data chunk is empty)");
        }
        return layout;
    }

    /**
     * {@code bits} is the container's size; in WAVE_FORMAT_EXTENSIBLE the valid bits may be fewer
     * (20 in 24), left-aligned, so decoding the whole container is right for them too.
     */
    private static SampleEncoding encoding(Path file, int format, int bits) throws AudioFormatException {
        if (format == FORMAT_PCM) {
            return switch (bits) {
                case 8 -> SampleEncoding.PCM_8;
                case 16 -> SampleEncoding.PCM_16;
                case 24 -> SampleEncoding.PCM_24;
                case 32 -> SampleEncoding.PCM_32;
                default -> throw new AudioFormatException(file, bits + "-bit PCM is not supported (8, 16, 24 or 32-bit)");
            };
        }
        if (format == FORMAT_IEEE_FLOAT) {
            if (bits != 32) {
                throw new AudioFormatException(file, bits + "-bit float is not supported (32-bit float only)");
            }
            return SampleEncoding.FLOAT_32;
        }
        if (format == FORMAT_ULAW || format == FORMAT_ALAW) {
            if (bits != 8) {
                throw new AudioFormatException(file, "G.711 with " + bits + " bits per sample is not supported (8 bits only)");
            }
            return format == FORMAT_ULAW ? SampleEncoding.ULAW : SampleEncoding.ALAW;
        }
        String name = KNOWN_FORMATS.get(format);
        throw new AudioFormatException(file, (name == null ? "audio" : name) + " (format " + format + ") is not supported"
                + " (PCM 8, 16, 24 or 32-bit, 32-bit float, µ-law or A-law only)");
    }

    private static ByteBuffer readAt(SeekableByteChannel in, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        in.position(position);
        while (buf.hasRemaining() && in.read(buf) > 0) {
            // keep reading: a channel may return fewer bytes than asked
        }
        return buf.flip();
    }

    private static String tag(ByteBuffer b, int offset) {
        byte[] id = new byte[4];
        b.get(offset, id);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(ByteBuffer b, String prefix) {
        return b.remaining() >= prefix.length() && tag(b, 0).startsWith(prefix);
    }
}
