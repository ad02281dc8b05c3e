package org.earshot.speech.live;

import org.earshot.speech.vad.Spurt;

/**
 * The post-call voice activity ({@code vad.VoiceActivity}) one 10 ms frame at a time: the same thresholds
 * (strong 12 dB, weak 6 dB over the noise floor, nothing below -62 dBFS), the same hysteresis, pauses under
 * 300 ms bridged and spurts under 100 ms dropped. The one difference is the noise floor, which cannot look
 * ahead: the 10th percentile of the last 6 s (the post-call window is ±3 s), capped 20 dB above the 10th
 * percentile of the call so far.
 */
final class StreamingVoiceActivity {

    static final double ONSET_DB = 12.0;
    static final double HOLD_DB = 6.0;
    static final double ABSOLUTE_MIN_DB = -62.0;
    static final int BRIDGE_FRAMES = 30;
    static final int MIN_SPURT_FRAMES = 10;
    static final int WINDOW_FRAMES = 600;
    static final double PERCENTILE = 0.10;
    static final double MAX_RISE_DB = 20.0;
    static final double SILENCE_DB = -100.0;
    private static final int BINS = (int) -SILENCE_DB + 1;

    /** What the detector found, as soon as it knows it. Frames are counted from the recording's start. */
    interface Events {
        /** A spurt of at least the minimum length began at {@code startFrame}; it lasts at least to {@code endFrame}. */
        void opened(int startFrame, int endFrame);

        /** The open spurt now lasts at least to {@code endFrame} (exclusive). */
        void extended(int endFrame);

        /** The open spurt ended: final bounds. */
        void closed(Spurt spurt);
    }

    private final Events events;
    private final int[] window = new int[BINS];
    private final int[] global = new int[BINS];
    private final int[] recent = new int[WINDOW_FRAMES];
    private int frames; // frames seen
    private long globalCount;

    private int runStart = -1;
    private boolean runStrong;
    private int spurtStart = -1;
    private int spurtEnd = -1; // end of the last strong run in the spurt
    private boolean announced;

    StreamingVoiceActivity(Events events) {
        this.events = events;
    }

    /** Frames seen so far. */
    int frames() {
        return frames;
    }

    /** True while a spurt is open (it may still be shorter than the minimum and not yet announced). */
    boolean speaking() {
        return spurtStart >= 0;
    }

    /** The last frame known to be speech + 1, or -1 (open spurt's current end). */
    int openEnd() {
        return announced ? spurtEnd : -1;
    }

    /** Takes the next frame, {@code length} samples from {@code samples[from]}. */
    void frame(short[] samples, int from, int length) {
        double level = level(samples, from, length);
        int f = frames++;
        addToFloor(level, f);
        double floor = floor();
        boolean weak = above(level, floor, HOLD_DB);
        boolean strong = above(level, floor, ONSET_DB);
        if (weak) {
            if (runStart < 0) {
                runStart = f;
                runStrong = false;
            }
            boolean wasStrong = runStrong;
            runStrong |= strong;
            if (runStrong) {
                strongRun(wasStrong, f + 1);
            }
        } else {
            runStart = -1;
        }
        maybeClose(f + 1);
    }

    /** The recording ended: the open spurt ends where its speech did. */
    void finish() {
        if (spurtStart >= 0) {
            close();
        }
        runStart = -1;
    }

    private void strongRun(boolean wasStrong, int end) {
        if (spurtStart < 0 || (!wasStrong && runStart - spurtEnd >= BRIDGE_FRAMES)) {
            if (spurtStart >= 0) {
                close();
            }
            spurtStart = runStart;
        }
        spurtEnd = end;
        if (!announced && spurtEnd - spurtStart >= MIN_SPURT_FRAMES) {
            announced = true;
            events.opened(spurtStart, spurtEnd);
        } else if (announced) {
            events.extended(spurtEnd);
        }
    }

    /** Closes once no run that could still bridge is pending. */
    private void maybeClose(int now) {
        if (spurtStart < 0 || now - spurtEnd < BRIDGE_FRAMES) {
            return;
        }
        if (runStart >= 0 && runStart - spurtEnd < BRIDGE_FRAMES) {
            return; // a weak run started within the bridge: it may still turn strong and join
        }
        close();
    }

    private void close() {
        if (announced) {
            events.closed(new Spurt(spurtStart, spurtEnd));
        }
        spurtStart = -1;
        spurtEnd = -1;
        announced = false;
    }

    private void addToFloor(double level, int f) {
        int bin = bin(level);
        if (f >= WINDOW_FRAMES) {
            window[recent[f % WINDOW_FRAMES]]--;
        }
        recent[f % WINDOW_FRAMES] = bin;
        window[bin]++;
        global[bin]++;
        globalCount++;
    }

    private double floor() {
        double cap = percentile(global, globalCount) + MAX_RISE_DB;
        return Math.min(cap, percentile(window, Math.min(frames, WINDOW_FRAMES)));
    }

    private static boolean above(double level, double floor, double margin) {
        return level > Math.max(floor + margin, ABSOLUTE_MIN_DB);
    }

    /** As {@code vad.FrameEnergy}: dBFS of the frame's variance (a DC offset is not speech). */
    static double level(short[] samples, int from, int length) {
        double sum = 0;
        double sumSquares = 0;
        for (int i = from; i < from + length; i++) {
            double x = samples[i] / 32768.0;
            sum += x;
            sumSquares += x * x;
        }
        double mean = sum / length;
        double power = Math.max(0, sumSquares / length - mean * mean);
        return Math.max(SILENCE_DB, 10 * Math.log10(power + 1e-12));
    }

    private static int bin(double level) {
        return Math.min(BINS - 1, (int) Math.floor(level - SILENCE_DB));
    }

    private static double percentile(int[] histogram, long count) {
        long target = (long) Math.ceil(count * PERCENTILE);
        long seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen >= target) {
                return b + SILENCE_DB;
            }
        }
        return 0;
    }
}
