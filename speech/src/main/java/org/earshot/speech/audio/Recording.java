package org.earshot.speech.audio;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A decoded recording: 16-bit samples per channel (index 0 = left or mono), and what the reader
 * had to work around to get them, worded for the report's notes (e.g. a file cut short).
 *
 * <p>{@code sampleRate} is the rate of these samples, the one the analysis runs at (8000 or 16000 Hz),
 * which is the file's own rate unless the notes say the file was resampled. It is the rate every stage
 * needs to turn sample positions into seconds; the report (SPEC) has no rate field, and its times are
 * seconds, the same in the file and here.
 *
 * <p>The arrays are shared, not copied: a one-hour stereo call is ~115 MB of samples at 8 kHz, and
 * every stage only reads them. Nobody writes to them after {@link RecordingReader} returns.
 */
public record Recording(Path file, int sampleRate, short[][] channels, List<String> notes) {

    public Recording {
        Objects.requireNonNull(file, "file");
        if (channels.length < 1) {
            throw new IllegalArgumentException("a recording has at least one channel");
        }
        notes = List.copyOf(notes);
    }

    public int channelCount() {
        return channels.length;
    }

    public boolean isMono() {
        return channels.length == 1;
    }

    /** Samples per channel. */
    public int frames() {
        return channels[0].length;
    }

    public double durationSeconds() {
        return (double) frames() / sampleRate;
    }

    public short[] channel(int index) {
        return channels[index];
    }
}
