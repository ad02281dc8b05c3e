package org.earshot.speech.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.earshot.speech.AudioFormatException;
import org.earshot.speech.SpeechSettings;

/**
 * Decodes a recording file into 16-bit samples per channel, in one streaming pass (no copy of the
 * whole file in memory besides the samples themselves).
 *
 * <p>The analysis runs at 8 or 16 kHz, the rates every stage after this one is tested at. A file at
 * 8 or 16 kHz is kept at its rate; any other (11.025 to 48 kHz) is resampled to 16 kHz while it is
 * read, block by block, and the notes say so. Times in the report are seconds, so they mean the same
 * in the file and in the analysis.
 *
 * <p>{@code .raw} is what Asterisk's {@code MixMonitor(...,D)} writes: no header, 8 kHz signed 16-bit
 * little-endian, 2 channels interleaved (left = audio read from the channel MixMonitor runs on).
 * Anything else must be a RIFF/WAVE file.
 *
 * <p>A recording longer than the configured maximum is refused from its header (or, for
 * {@code .raw}, its size) before a sample is read: the samples of the whole call are held in memory,
 * so an 8-hour file in a 1 GB heap must fail by name, not take the process down.
 *
 * <p>A file cut short inside its audio (a writer that crashed mid-call) is read as far as it goes,
 * and the {@link Recording}'s notes say so: the rest of the call is still worth analysing.
 */
public final class RecordingReader {

    private static final int RAW_SAMPLE_RATE = 8000;
    private static final int RAW_CHANNELS = 2;
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int TELEPHONE_RATE = 8000;
    private static final int WIDEBAND_RATE = 16000;

    private RecordingReader() {
    }

    /** Reads {@code file}, refusing it if it is longer than {@link SpeechSettings#DEFAULT_MAX_RECORDING_LENGTH}. */
    public static Recording read(Path file) throws IOException {
        return read(file, SpeechSettings.DEFAULT_MAX_RECORDING_LENGTH);
    }

    /**
     * Reads {@code file}.
     *
     * @throws AudioFormatException if the file is missing, not audio, unsupported, or holds more than
     *                              {@code maxLength} of audio (checked before any sample is read)
     */
    public static Recording read(Path file, Duration maxLength) throws IOException {
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
            refuseIfLongerThan(maxLength, file, layout);
            return decode(file, in, layout);
        } catch (NoSuchFileException e) {
            throw new AudioFormatException(file, "file not found", e);
        }
    }

    /** The audio the file holds, from its header or size alone; the test reads no sample. */
    private static void refuseIfLongerThan(Duration maxLength, Path file, AudioLayout layout) throws AudioFormatException {
        double seconds = (double) layout.frames() / layout.sampleRate();
        double maxSeconds = maxLength.toMillis() / 1000.0;
        if (seconds > maxSeconds) {
            throw new AudioFormatException(file, String.format(Locale.ROOT,
                    "recording too long: %.2f h of audio (%.0f s), the limit is %s h; raise %s to analyse it",
                    seconds / 3600, seconds, hours(maxSeconds), SpeechSettings.MAX_RECORDING_KEY));
        }
    }

    /** "4" for a whole number of hours, "0.50" otherwise. */
    private static String hours(double seconds) {
        double h = seconds / 3600;
        return h == Math.rint(h) ? Long.toString((long) h) : String.format(Locale.ROOT, "%.2f", h);
    }

    /**
     * 8 kHz stays 8 kHz (the telephone's own rate: upsampling adds nothing); everything else becomes
     * 16 kHz, the recogniser's rate, which keeps the wideband speech of a softphone or a studio file.
     * Rates between 8 and 16 kHz (11.025 kHz) go up to 16 kHz rather than down to 8: nothing is lost.
     */
    private static int analysisRate(int fileRate) {
        return fileRate == TELEPHONE_RATE ? TELEPHONE_RATE : WIDEBAND_RATE;
    }

    static boolean isRaw(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".raw");
    }

    /** No header, so no declared length: the file holds what MixMonitor wrote before it stopped. */
    static AudioLayout rawLayout(Path file, long size) throws AudioFormatException {
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
    private static List<String> cutShortNotes(AudioLayout layout, long framesRead) {
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

    /** The samples at the analysis rate, and notes on the conversion and on audio the file does not hold. */
    private static Recording decode(Path file, SeekableByteChannel in, AudioLayout layout) throws IOException {
        int rate = analysisRate(layout.sampleRate());
        Resampler resampler = rate == layout.sampleRate() ? null : new Resampler(layout.sampleRate(), rate);
        long analysisFrames = resampler == null ? layout.frames() : resampler.outputLength(layout.frames());
        if (analysisFrames == 0) {
            throw new AudioFormatException(file, "no audio samples (" + layout.frames() + " at " + layout.sampleRate()
                    + " Hz, less than one at the " + rate + " Hz of the analysis)");
        }
        if (analysisFrames > Integer.MAX_VALUE) {
            throw new AudioFormatException(file, "recording too long (" + analysisFrames + " samples per channel at "
                    + rate + " Hz)");
        }
        List<AnalysisChannel> channels = new ArrayList<>();
        for (int c = 0; c < layout.channels(); c++) {
            channels.add(new AnalysisChannel(resampler, (int) analysisFrames));
        }
        long framesRead = readInto(channels, in, layout);
        short[][] samples = channels.stream().map(AnalysisChannel::finish).toArray(short[][]::new);
        List<String> notes = new ArrayList<>();
        if (resampler != null) {
            notes.add("resampled from " + layout.sampleRate() + " Hz to " + rate + " Hz for analysis");
        }
        notes.addAll(cutShortNotes(layout, framesRead));
        return new Recording(file, rate, samples, notes);
    }

    /**
     * Reads the audio into {@code channels}, one buffer of whole frames at a time; returns the frames
     * read, which fall short of the layout's if the file shrank since its size was read.
     */
    private static long readInto(List<AnalysisChannel> channels, SeekableByteChannel in, AudioLayout layout)
            throws IOException {
        long frames = layout.frames();
        SampleEncoding encoding = layout.encoding();
        int sampleBytes = encoding.bytesPerSample();
        int frameBytes = layout.bytesPerFrame();
        // A whole number of frames per buffer, so a frame never straddles two reads.
        ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES / frameBytes * frameBytes);
        float[][] block = new float[channels.size()][buf.capacity() / frameBytes];
        in.position(layout.dataStart());
        long frame = 0;
        while (frame < frames) {
            buf.clear().limit((int) Math.min(buf.capacity(), (frames - frame) * frameBytes));
            while (buf.hasRemaining() && in.read(buf) > 0) {
                // fill the buffer: reads may be short
            }
            byte[] bytes = buf.array();
            int complete = buf.position() / frameBytes;
            for (int f = 0; f < complete; f++) {
                for (int c = 0; c < block.length; c++) {
                    block[c][f] = encoding.decode(bytes, f * frameBytes + c * sampleBytes);
                }
            }
            for (int c = 0; c < block.length; c++) {
                channels.get(c).add(block[c], complete);
            }
            frame += complete;
            if (buf.hasRemaining()) {
                break; // the file shrank since its size was read: keep what is there
            }
        }
        return frame;
    }
}
