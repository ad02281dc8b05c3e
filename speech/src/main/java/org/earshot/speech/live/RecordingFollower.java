package org.earshot.speech.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.earshot.speech.AudioFormatException;

/**
 * Reads a recording that Asterisk is still writing, a bounded chunk at a time, as 16-bit samples of whole
 * frames. MixMonitor grows its file in 32 KiB steps and leaves a {@code .wav} header's sizes at 0 until it
 * closes the file (fixture {@code mixmonitor-growth-01}), so a {@code .wav} is read as PCM after its
 * {@code data} chunk header and the file's size, not the header, says how far it goes. The file may appear
 * late (nothing is read until it does) and may be renamed when it closes (the open channel keeps reading
 * it). A {@code .raw} is MixMonitor's {@code D} output: s16le, 2 channels, 8 kHz.
 */
final class RecordingFollower implements AutoCloseable {

    static final int RAW_CHANNELS = 2;
    static final int RAW_RATE = 8000;
    /** A header (RIFF, fmt, maybe LIST, data) fits here; a longer one is read once more bytes arrive. */
    private static final int MAX_HEADER = 4096;

    private final Path file;
    private final boolean wav;
    private final int maxChunkBytes;
    private FileChannel channel;
    private int channels;
    private int rate;
    private long dataStart = -1;
    private long position;
    private boolean closedByWriter;

    /** @param maxChunkBytes at most this much audio is read per {@link #read()}: memory stays bounded */
    RecordingFollower(Path file, int maxChunkBytes) {
        this.file = file;
        this.wav = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav");
        this.maxChunkBytes = maxChunkBytes;
        if (!wav) {
            channels = RAW_CHANNELS;
            rate = RAW_RATE;
            dataStart = 0;
        }
    }

    /** True once the file exists and its format is known. */
    boolean started() {
        return channel != null && dataStart >= 0;
    }

    int channels() {
        return channels;
    }

    int sampleRate() {
        return rate;
    }

    /** Bytes of the file consumed so far (header included). */
    long position() {
        return position;
    }

    /** True when a {@code .wav}'s header has its sizes filled in: Asterisk closed the file. */
    boolean closedByWriter() {
        return closedByWriter;
    }

    /**
     * The next whole frames written since the last call, interleaved; empty when nothing new (the file is not
     * there yet, stalled, or the format is not known yet).
     */
    short[] read() throws IOException {
        if (channel == null && !open()) {
            return new short[0];
        }
        if (dataStart < 0 && !readHeader()) {
            return new short[0];
        }
        long size = channel.size();
        if (wav) {
            checkClosed();
            if (closedByWriter) {
                size = Math.min(size, dataStart + dataSize());
            }
        }
        int frameBytes = 2 * channels;
        long available = (size - position) / frameBytes * frameBytes;
        int n = (int) Math.min(available, maxChunkBytes / frameBytes * frameBytes);
        if (n <= 0) {
            return new short[0];
        }
        ByteBuffer buf = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) {
                break;
            }
        }
        buf.flip();
        short[] out = new short[buf.remaining() / 2];
        buf.asShortBuffer().get(out);
        position += (long) out.length * 2;
        return out;
    }

    private boolean open() throws IOException {
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            return true;
        } catch (NoSuchFileException e) {
            return false; // MixMonitor has not created it yet
        }
    }

    /** Finds the format and the data chunk; false while the header is not all there yet. */
    private boolean readHeader() throws IOException {
        long size = channel.size();
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, MAX_HEADER)).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(head, 0);
        head.flip();
        if (head.remaining() < 12) {
            return false;
        }
        if (head.getInt(0) != 0x46464952 || head.getInt(8) != 0x45564157) { // "RIFF" ... "WAVE"
            throw new AudioFormatException(file, "not a RIFF/WAVE file");
        }
        int at = 12;
        while (at + 8 <= head.remaining()) {
            int id = head.getInt(at);
            long length = Integer.toUnsignedLong(head.getInt(at + 4));
            if (id == 0x20746d66) { // "fmt "
                if (at + 8 + 16 > head.remaining()) {
                    return false;
                }
                int format = head.getShort(at + 8) & 0xffff;
                channels = head.getShort(at + 10) & 0xffff;
                rate = head.getInt(at + 12);
                int bits = head.getShort(at + 22) & 0xffff;
                if (format != 1 || bits != 16 || channels < 1 || channels > 2 || rate <= 0) {
                    throw new AudioFormatException(file, "live analysis follows 16-bit PCM mono or stereo only (format "
                            + format + ", " + bits + " bits, " + channels + " channels)");
                }
            } else if (id == 0x61746164) { // "data"
                if (channels == 0) {
                    throw new AudioFormatException(file, "data chunk before the fmt chunk");
                }
                dataStart = at + 8;
                position = dataStart;
                return true;
            }
            at += 8 + (int) (length + (length & 1));
        }
        if (size >= MAX_HEADER) {
            throw new AudioFormatException(file, "no data chunk in the first " + MAX_HEADER + " bytes");
        }
        return false;
    }

    private long dataSize() throws IOException {
        ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(length, dataStart - 4);
        return Integer.toUnsignedLong(length.getInt(0));
    }

    private void checkClosed() throws IOException {
        if (closedByWriter) {
            return;
        }
        ByteBuffer riff = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(riff, 4);
        closedByWriter = riff.position() == 4 && riff.getInt(0) != 0;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }

}
