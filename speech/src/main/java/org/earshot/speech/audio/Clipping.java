package org.earshot.speech.audio;

/** How much of a channel sits at digital full scale: a recording driven into 0 dB clipping. */
public final class Clipping {

    /**
     * One sample in a thousand at full scale is audible distortion; clean speech peaks touch full
     * scale far more rarely than that even when normalised to 0 dB.
     */
    public static final double NOTABLE_SHARE = 0.001;
    /** µ-law's and A-law's largest codes expand to 32124 and 32256, not 32767: count those as full scale. */
    private static final int FULL_SCALE = 32000;

    private Clipping() {
    }

    /** Share of samples whose magnitude is at or near full scale. */
    public static double share(short[] samples) {
        if (samples.length == 0) {
            return 0;
        }
        long clipped = 0;
        for (short s : samples) {
            clipped += s >= FULL_SCALE || s <= -FULL_SCALE ? 1 : 0;
        }
        return (double) clipped / samples.length;
    }
}
