package org.earshot.speech.prosody;

import java.util.List;
import org.earshot.speech.vad.Spurt;

/**
 * Slides an analysis window over one channel in 10 ms hops and hands each hop to the processors, in
 * order: TarsosDSP's {@code AudioDispatcher} cut down to what we need. One reusable float window, no
 * float copy of the channel; the 16-bit samples are read where they lie.
 */
final class FrameStream {

    /** One stage of the chain; {@link Frame} is reused between calls and must not be kept. */
    interface FrameProcessor {
        void process(Frame frame);
    }

    /**
     * The hop being processed: {@code window} is centred on the 10 ms core {@code [coreFrom, coreFrom +
     * coreLength)} of the window; samples before the start or past the end of the channel are zero.
     */
    static final class Frame {
        int index;
        boolean speech;
        final float[] window;
        final int coreFrom;
        final int coreLength;

        Frame(int windowLength, int coreLength) {
            this.window = new float[windowLength];
            this.coreLength = coreLength;
            this.coreFrom = (windowLength - coreLength) / 2;
        }
    }

    private final int sampleRate;
    private final int windowLength;

    /** {@code windowSeconds}: long enough for two periods of the lowest pitch the detector must see. */
    FrameStream(int sampleRate, double windowSeconds) {
        this.sampleRate = sampleRate;
        int hop = hopLength(sampleRate);
        int length = (int) Math.round(windowSeconds * sampleRate);
        this.windowLength = length + ((length - hop) & 1); // core sits exactly in the middle
    }

    static int hopLength(int sampleRate) {
        return (int) Math.round(sampleRate * Spurt.FRAME_SECONDS);
    }

    int windowLength() {
        return windowLength;
    }

    int sampleRate() {
        return sampleRate;
    }

    /** Pushes every whole 10 ms frame of {@code samples} through {@code processors}; returns the frame count. */
    int run(short[] samples, List<Spurt> spurts, List<FrameProcessor> processors) {
        int hop = hopLength(sampleRate);
        int frames = samples.length / hop;
        Frame frame = new Frame(windowLength, hop);
        int offset = frame.coreFrom;
        int spurt = 0;
        for (int f = 0; f < frames; f++) {
            while (spurt < spurts.size() && spurts.get(spurt).endFrame() <= f) {
                spurt++;
            }
            frame.index = f;
            frame.speech = spurt < spurts.size() && spurts.get(spurt).startFrame() <= f;
            fill(frame.window, samples, f * hop - offset);
            for (FrameProcessor p : processors) {
                p.process(frame);
            }
        }
        return frames;
    }

    private static void fill(float[] window, short[] samples, int from) {
        for (int i = 0; i < window.length; i++) {
            int s = from + i;
            window[i] = s >= 0 && s < samples.length ? samples[s] / 32768f : 0f;
        }
    }
}
