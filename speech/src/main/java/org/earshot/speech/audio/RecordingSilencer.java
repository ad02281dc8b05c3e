package org.earshot.speech.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import org.earshot.speech.AudioFormatException;

/**
 * Rewrites a recording with stretches of some channels replaced by digital silence, for every format
 * {@link RecordingReader} reads (MixMonitor {@code .raw}, WAV of any encoding, at the file's own rate).
 * The rest of the file stays byte for byte as it was.
 *
 * <p>The new file is written beside the old one, flushed to disk, and moved over it atomically, so a
 * reader sees the old file or the new one, never half of each, and a crash leaves the old file (and
 * a stray temporary file starting with "." that a later run replaces). The old file's name then points
 * to the new bytes; no copy of the original is kept.
 */
public final class RecordingSilencer {

    private static final int BUFFER_BYTES = 64 * 1024;

    private RecordingSilencer() {
    }

    /** {@code channel} (0 = left or mono) is silenced from {@code start} to {@code end} seconds. */
    public record ChannelSpan(int channel, double start, double end) {
        public ChannelSpan {
            if (channel < 0 || !(end >= start) || start < 0) {
                throw new IllegalArgumentException("bad span: channel " + channel + ", " + start + ".." + end + " s");
            }
        }
    }

    /**
     * Silences {@code spans} in {@code file}, replacing it atomically. Spans past the end of the audio
     * are cut at its end. In a mono file every span is on its one channel: both parties are on it.
     *
     * @throws AudioFormatException if the file is not a recording Earshot reads, or a span names a
     *                              channel the file does not have
     */
    public static void silence(Path file, List<ChannelSpan> spans) throws IOException {
        Objects.requireNonNull(file, "file");
        if (spans.isEmpty()) {
            return;
        }
        AudioLayout layout;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            layout = RecordingReader.isRaw(file) ? RecordingReader.rawLayout(file, in.size()) : WavHeader.read(file, in);
        }
        if (layout.channels() == 1) {
            spans = spans.stream().map(s -> new ChannelSpan(0, s.start(), s.end())).toList();
        }
        for (ChannelSpan s : spans) {
            if (s.channel() >= layout.channels()) {
                throw new AudioFormatException(file, "cannot silence channel " + s.channel() + ": the file has "
                        + layout.channels() + " channel(s)");
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + file.getFileName() + ".silencing");
        try {
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                for (ChannelSpan s : spans) {
                    silence(out, layout, s);
                }
                out.force(true);
            }
            move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    private static void move(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new AudioFormatException(file, "cannot replace it atomically on this file system", e);
        }
    }

    /** Patches one channel's samples in place, one buffer of whole frames at a time. */
    private static void silence(FileChannel out, AudioLayout layout, ChannelSpan span) throws IOException {
        long firstFrame = Math.max(0, (long) Math.floor(span.start() * layout.sampleRate()));
        long endFrame = Math.min(layout.frames(), (long) Math.ceil(span.end() * layout.sampleRate()));
        int frameBytes = layout.bytesPerFrame();
        int sampleBytes = layout.encoding().bytesPerSample();
        byte[] quiet = layout.encoding().silence();
        ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES / frameBytes * frameBytes);
        for (long frame = firstFrame; frame < endFrame; ) {
            int frames = (int) Math.min(buf.capacity() / frameBytes, endFrame - frame);
            long position = layout.dataStart() + frame * frameBytes;
            buf.clear().limit(frames * frameBytes);
            while (buf.hasRemaining() && out.read(buf, position + buf.position()) > 0) {
                // reads may be short
            }
            byte[] bytes = buf.array();
            for (int f = 0; f < frames; f++) {
                System.arraycopy(quiet, 0, bytes, f * frameBytes + span.channel() * sampleBytes, sampleBytes);
            }
            buf.flip();
            while (buf.hasRemaining()) {
                out.write(buf, position + buf.position());
            }
            frame += frames;
        }
    }

    /** Makes the rename itself durable; a file system that cannot open a directory (not Linux) skips it. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // the data is on disk; only the rename may be redone by the file system's journal
        }
    }
}
