package org.earshot.speech.vad;

import java.util.ArrayList;
import java.util.List;

/**
 * Talk spurts of one channel, as the SPEC defines them.
 *
 * <p>A frame is <em>strong</em> when it is {@value #ONSET_DB} dB above the local noise floor and
 * <em>weak</em> when {@value #HOLD_DB} dB above it; a spurt is a run of weak frames holding at least
 * one strong frame (hysteresis: onsets need clear speech, but a word's soft edges still count).
 * Nothing below {@value #ABSOLUTE_MIN_DB} dBFS counts, so a digitally silent leg with a few LSBs of
 * G.711 noise stays silent. Then pauses under 300 ms are bridged and spurts under 100 ms dropped.
 */
public final class VoiceActivity {

    static final double ONSET_DB = 12.0;
    static final double HOLD_DB = 6.0;
    /** About 30 dB below quiet telephone speech (-30 dBFS): line hiss and µ-law idle noise sit lower. */
    static final double ABSOLUTE_MIN_DB = -62.0;
    static final int BRIDGE_FRAMES = 30;
    static final int MIN_SPURT_FRAMES = 10;

    private VoiceActivity() {
    }

    public static List<Spurt> spurts(short[] samples, int sampleRate) {
        double[] levels = FrameEnergy.levels(samples, sampleRate);
        double[] floor = NoiseFloor.estimate(levels);
        List<Spurt> runs = activeRuns(levels, floor);
        return dropShort(bridge(runs));
    }

    static List<Spurt> activeRuns(double[] levels, double[] floor) {
        List<Spurt> runs = new ArrayList<>();
        int start = -1;
        boolean strong = false;
        for (int f = 0; f <= levels.length; f++) {
            boolean weak = f < levels.length && above(levels[f], floor[f], HOLD_DB);
            if (weak) {
                if (start < 0) {
                    start = f;
                    strong = false;
                }
                strong |= above(levels[f], floor[f], ONSET_DB);
            } else if (start >= 0) {
                if (strong) {
                    runs.add(new Spurt(start, f));
                }
                start = -1;
            }
        }
        return runs;
    }

    private static boolean above(double level, double floor, double margin) {
        return level > Math.max(floor + margin, ABSOLUTE_MIN_DB);
    }

    static List<Spurt> bridge(List<Spurt> runs) {
        List<Spurt> out = new ArrayList<>();
        for (Spurt run : runs) {
            int last = out.size() - 1;
            if (last >= 0 && run.startFrame() - out.get(last).endFrame() < BRIDGE_FRAMES) {
                out.set(last, new Spurt(out.get(last).startFrame(), run.endFrame()));
            } else {
                out.add(run);
            }
        }
        return out;
    }

    static List<Spurt> dropShort(List<Spurt> spurts) {
        return spurts.stream().filter(s -> s.frames() >= MIN_SPURT_FRAMES).toList();
    }
}
