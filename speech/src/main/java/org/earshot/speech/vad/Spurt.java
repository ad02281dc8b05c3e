package org.earshot.speech.vad;

/**
 * One talk spurt on one channel, in 10 ms frames: {@code [startFrame, endFrame)}.
 */
public record Spurt(int startFrame, int endFrame) {

    /** Frame hop and length, fixed by the SPEC: 10 ms. */
    public static final double FRAME_SECONDS = 0.01;
    // dividing by 100 (not multiplying by 0.01) gives the double nearest the decimal: 7.31, not 7.3100000000000005
    private static final double FRAMES_PER_SECOND = 100.0;

    public Spurt {
        if (startFrame < 0 || endFrame <= startFrame) {
            throw new IllegalArgumentException("bad spurt [" + startFrame + ", " + endFrame + ")");
        }
    }

    public static Spurt ofSeconds(double start, double end) {
        return new Spurt((int) Math.round(start / FRAME_SECONDS), (int) Math.round(end / FRAME_SECONDS));
    }

    public int frames() {
        return endFrame - startFrame;
    }

    public double start() {
        return startFrame / FRAMES_PER_SECOND;
    }

    public double end() {
        return endFrame / FRAMES_PER_SECOND;
    }

    public double seconds() {
        return frames() / FRAMES_PER_SECOND;
    }
}
