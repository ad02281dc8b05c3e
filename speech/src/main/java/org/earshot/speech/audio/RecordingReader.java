package org.earshot.speech.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.earshot.speech.AudioFormatException;

/**
 * Decodes a recording file into 16-bit samples per channel, in one streaming pass (no copy of the
 * whole file in memory besides the samples themselves).
 *
 * <p>{@code .raw} is what Asterisk's {@code MixMonitor(...,D)} writes: no header, 8 kHz signed 16-bit
 * little-endian, 2 channels interleaved (left = audio read from the channel MixMonitor runs on).
 * Anything else must be a RIFF/WAVE file.
 *
 * <p>A file cut short inside its audio (a writer that crashed mid-call) is read as far as it goes,
 * and the {@link Recording}'s notes say so: the rest of the call is still worth analysing.
 */
public final class RecordingReader {

    private static final int RAW_SAMPLE_RATE = 8000;
    private static final int RAW_CHANNELS = 2;
    private static final int BUFFER_BYTES = 64 * 1024;

    private RecordingReader() {
    }

    public static Recording read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new AudioFormatException(file, "file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new AudioFormatException(file, "not a regular file");
        }
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            if (in.size() == 0) {
                throw new AudioFormatException(file, "empty file (0 bytes)");
            }
            AudioLayout layout = isRaw(file) ? rawLayout(file, in.size()) : WavHeader.read(file, in);
            if (layout.frames() > Integer.MAX_VALUE) {
                throw new AudioFormatException(file, "recording too long (" + layout.frames() + " samples per channel)");
            }
            short[][] samples = decode(in, layout);
            return new Recording(file, layout.sampleRate(), samples, cutShortNotes(layout, samples[0].length));
        } catch (NoSuchFileException e) {
            throw new AudioFormatException(file, "file not found", e);
        }
    }

    private static boolean isRaw(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".raw");
    }

    /** No header, so no declared length: the file holds what MixMonitor wrote before it stopped. */
    private static AudioLayout rawLayout(Path file, long size) throws AudioFormatException {
        AudioLayout layout = new AudioLayout(SampleEncoding.PCM_16, RAW_CHANNELS, RAW_SAMPLE_RATE, 0, size,
                AudioLayout.UNDECLARED);
        if (layout.frames() == 0) {
            throw new AudioFormatException(file, "no audio samples (" + size + " bytes, less than one 2-channel 16-bit"
                    + " frame; MixMonitor .raw is 8 kHz s16le stereo)");
        }
        return layout;
    }

    /**
     * The report's note on audio the file does not hold, if any. A header's declared length says how
     * much is missing. Without one ({@code .raw}, a streaming writer's "unknown"), a last sample frame
     * cut part-way shows only that the write stopped there. A declared length that ends inside a
     * frame, with all of it present, is a writer's rounding, not a cut: half a sample carries nothing.
     */
    private static List<String> cutShortNotes(AudioLayout layout, int framesRead) {
        double held = (double) framesRead / layout.sampleRate();
        if (layout.isDeclared() && framesRead < layout.declaredFrames()) {
            return List.of(String.format(Locale.ROOT,
                    "truncated: the header declares %.2f s of audio, the file holds %.2f s; analysed what is there",
                    (double) layout.declaredFrames() / layout.sampleRate(), held));
        }
        if (!layout.isDeclared() && layout.strayBytes() > 0) {
            return List.of(String.format(Locale.ROOT,
                    "truncated: the file ends %d byte%s into a %d-byte sample frame, so its writer stopped mid-write;"
                            + " analysed the %.2f s before it", layout.strayBytes(), layout.strayBytes() == 1 ? "" : "s",
                    layout.bytesPerFrame(), held));
        }
        return List.of();
    }

    private static short[][] decode(SeekableByteChannel in, AudioLayout layout) throws IOException {
        int frames = (int) layout.frames();
        int channels = layout.channels();
        int sampleBytes = layout.encoding().bytesPerSample();
        int frameBytes = layout.bytesPerFrame();
        short[][] samples = new short[channels][frames];
        // A whole number of frames per buffer, so a frame never straddles two reads.
        ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES / frameBytes * frameBytes);
        in.position(layout.dataStart());
        int frame = 0;
        while (frame < frames) {
            buf.clear().limit((int) Math.min(buf.capacity(), (long) (frames - frame) * frameBytes));
            while (buf.hasRemaining() && in.read(buf) > 0) {
                // fill the buffer: reads may be short
            }
            byte[] bytes = buf.array();
            int complete = buf.position() / frameBytes;
            for (int f = 0; f < complete; f++, frame++) {
                for (int c = 0; c < channels; c++) {
                    samples[c][frame] = layout.encoding().decode(bytes, f * frameBytes + c * sampleBytes);
                }
            }
            if (buf.hasRemaining()) {
                break; // the file shrank since its size was read: keep what is there
            }
        }
        if (frame < frames) {
            for (int c = 0; c < channels; c++) {
                samples[c] = Arrays.copyOf(samples[c], frame);
            }
        }
        return samples;
    }
}
