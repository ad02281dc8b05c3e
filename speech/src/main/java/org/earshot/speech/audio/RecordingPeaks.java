package org.earshot.speech.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.earshot.speech.AudioFormatException;

/**
 * The peak level per time bucket of each channel of a recording, read in one pass of small blocks:
 * what a player draws, for a recording of any length in a few kilobytes of memory (decoding the whole
 * file, as the analysis does, would need two bytes per sample).
 *
 * @param durationSeconds the audio the file holds
 * @param peaks           per channel, one level per bucket in 0..1 (0 = silence, 1 = full scale)
 */
public record RecordingPeaks(double durationSeconds, float[][] peaks) {

    private static final int BUFFER_BYTES = 64 * 1024;

    /** Reads {@code file} (WAV or MixMonitor's stereo {@code .raw}) into {@code points} buckets per channel. */
    public static RecordingPeaks read(Path file, int points) throws IOException {
        if (points < 1) {
            throw new IllegalArgumentException("points must be at least 1, was " + points);
        }
        if (!Files.isRegularFile(file)) {
            throw new AudioFormatException(file, Files.exists(file) ? "not a regular file" : "file not found");
        }
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            if (in.size() == 0) {
                throw new AudioFormatException(file, "empty file (0 bytes)");
            }
            boolean raw = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".raw");
            // MixMonitor's D option: 8 kHz signed 16-bit little-endian, 2 channels, no header.
            AudioLayout layout = raw ? new AudioLayout(SampleEncoding.PCM_16, 2, 8000, 0, in.size(), AudioLayout.UNDECLARED)
                    : WavHeader.read(file, in);
            return new RecordingPeaks((double) layout.frames() / layout.sampleRate(), scan(in, layout, points));
        }
    }

    private static float[][] scan(SeekableByteChannel in, AudioLayout layout, int points) throws IOException {
        long frames = layout.frames();
        int frameBytes = layout.bytesPerFrame();
        int sampleBytes = layout.encoding().bytesPerSample();
        float[][] max = new float[layout.channels()][points];
        ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES / frameBytes * frameBytes);
        in.position(layout.dataStart());
        long frame = 0;
        while (frame < frames) {
            buf.clear().limit((int) Math.min(buf.capacity(), (frames - frame) * frameBytes));
            while (buf.hasRemaining() && in.read(buf) > 0) {
                // reads may be short
            }
            int complete = buf.position() / frameBytes;
            byte[] bytes = buf.array();
            for (int f = 0; f < complete; f++, frame++) {
                // The same bucket bounds as splitting the frames evenly: frame * points / frames.
                int bucket = (int) (frame * points / frames);
                for (int c = 0; c < max.length; c++) {
                    float level = Math.abs(layout.encoding().decode(bytes, f * frameBytes + c * sampleBytes));
                    if (level > max[c][bucket]) {
                        max[c][bucket] = level;
                    }
                }
            }
            if (buf.hasRemaining()) {
                break; // the file shrank since its size was read
            }
        }
        for (float[] channel : max) {
            for (int p = 0; p < points; p++) {
                // Three decimals are plenty for a picture and keep the JSON small.
                channel[p] = Math.round(Math.min(1f, channel[p] / 32768f) * 1000f) / 1000f;
            }
        }
        return max;
    }
}
