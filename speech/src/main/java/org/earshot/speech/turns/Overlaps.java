package org.earshot.speech.turns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.vad.Spurt;

/**
 * Overlaps as the SPEC defines them: B starts a spurt while A is inside one and both speak together
 * for at least 250 ms; {@code by} is B. A backchannel ("mm-hm", "okay") is a B spurt shorter than
 * 1 s that ends before A's does; anything else is an interruption.
 */
public final class Overlaps {

    public static final String INTERRUPTION = "interruption";
    public static final String BACKCHANNEL = "backchannel";

    static final int MIN_OVERLAP_FRAMES = 25;
    static final int BACKCHANNEL_MAX_FRAMES = 100;

    private Overlaps() {
    }

    /** All overlaps between two parties' spurts, in time order. */
    public static List<Overlap> find(String partyA, List<Spurt> spurtsA, String partyB, List<Spurt> spurtsB) {
        List<Overlap> overlaps = new ArrayList<>();
        overlaps.addAll(startedBy(partyB, spurtsB, spurtsA));
        overlaps.addAll(startedBy(partyA, spurtsA, spurtsB));
        overlaps.sort(Comparator.comparingDouble(Overlap::start));
        return List.copyOf(overlaps);
    }

    private static List<Overlap> startedBy(String by, List<Spurt> starters, List<Spurt> others) {
        List<Overlap> found = new ArrayList<>();
        int j = 0;
        for (Spurt b : starters) {
            // spurts of one channel are sorted and disjoint: skip those that ended before b starts
            while (j < others.size() && others.get(j).endFrame() <= b.startFrame()) {
                j++;
            }
            if (j == others.size()) {
                break;
            }
            Spurt a = others.get(j);
            if (a.startFrame() < b.startFrame()) {
                int together = Math.min(a.endFrame(), b.endFrame()) - b.startFrame();
                if (together >= MIN_OVERLAP_FRAMES) {
                    boolean backchannel = b.frames() < BACKCHANNEL_MAX_FRAMES && b.endFrame() < a.endFrame();
                    found.add(new Overlap(b.start(), Math.min(a.end(), b.end()), by,
                            backchannel ? BACKCHANNEL : INTERRUPTION));
                }
            }
        }
        return found;
    }
}
