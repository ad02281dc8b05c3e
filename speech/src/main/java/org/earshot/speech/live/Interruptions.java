package org.earshot.speech.live;

import java.util.ArrayList;
import java.util.List;
import org.earshot.speech.vad.Spurt;

/**
 * The post-call report's interruptions ({@code turns.Overlaps}), told as soon as they are certain: B starts
 * a spurt while A is inside one, they speak together for at least 250 ms, and it is not a backchannel (a
 * B spurt under 1 s that ends before A's). An open spurt's end only grows, so a verdict is given once no
 * later frame can change it: B has spoken 1 s, or B outlasted A's closed spurt (interruption), or B's short
 * spurt closed inside A's (backchannel).
 */
final class Interruptions {

    static final int MIN_OVERLAP_FRAMES = 25;
    static final int BACKCHANNEL_MAX_FRAMES = 100;

    /** Start frames of B's spurts not yet judged, per party. */
    private final List<Integer> pendingA = new ArrayList<>();
    private final List<Integer> pendingB = new ArrayList<>();
    private int lastOpenA = -1;
    private int lastOpenB = -1;

    /** A judged interruption. */
    interface Found {
        void interruption(String by, double at);
    }

    /** Judges what can be judged after the tracks' latest frames. */
    void check(PartyTrack a, PartyTrack b, Found found) {
        lastOpenA = note(a, pendingA, lastOpenA);
        lastOpenB = note(b, pendingB, lastOpenB);
        judge(b, a, pendingB, found);
        judge(a, b, pendingA, found);
    }

    private static int note(PartyTrack t, List<Integer> pending, int lastOpen) {
        if (t.openStart() >= 0 && t.openStart() != lastOpen) {
            pending.add(t.openStart());
            return t.openStart();
        }
        return lastOpen;
    }

    private static void judge(PartyTrack bTrack, PartyTrack aTrack, List<Integer> pending, Found found) {
        List<Spurt> bs = bTrack.spurtsSoFar();
        List<Spurt> as = aTrack.spurtsSoFar();
        pending.removeIf(start -> {
            Spurt b = find(bs, start);
            if (b == null) {
                return true; // forgotten: older than what the track keeps
            }
            boolean bClosed = start != bTrack.openStart();
            Verdict v = verdict(b, bClosed, as, aTrack.openStart());
            if (v == Verdict.INTERRUPTION) {
                found.interruption(bTrack.party, b.start());
            }
            return v != Verdict.WAIT;
        });
    }

    enum Verdict { INTERRUPTION, NONE, WAIT }

    /** Package-private for tests: B's spurt against A's spurts (A's open one last, with {@code aOpenStart}). */
    static Verdict verdict(Spurt b, boolean bClosed, List<Spurt> as, int aOpenStart) {
        Spurt a = null;
        for (Spurt s : as) {
            if (s.endFrame() > b.startFrame()) {
                a = s;
                break;
            }
        }
        boolean aOpenBefore = aOpenStart >= 0 && aOpenStart < b.startFrame();
        if (a == null || a.startFrame() >= b.startFrame()) {
            // A's open spurt may still bridge across B's start; nothing else can
            return aOpenBefore && (a == null || a.startFrame() == aOpenStart) ? Verdict.WAIT : Verdict.NONE;
        }
        boolean aClosed = a.startFrame() != aOpenStart;
        int together = Math.min(a.endFrame(), b.endFrame()) - b.startFrame();
        if (together >= MIN_OVERLAP_FRAMES) {
            if (b.frames() >= BACKCHANNEL_MAX_FRAMES || (aClosed && b.endFrame() >= a.endFrame())) {
                return Verdict.INTERRUPTION;
            }
            return bClosed && b.endFrame() < a.endFrame() ? Verdict.NONE : Verdict.WAIT;
        }
        if (bClosed && (aClosed || b.endFrame() <= a.endFrame())) {
            return Verdict.NONE;
        }
        return aClosed && b.endFrame() >= a.endFrame() ? Verdict.NONE : Verdict.WAIT;
    }

    private static Spurt find(List<Spurt> spurts, int start) {
        for (Spurt s : spurts) {
            if (s.startFrame() == start) {
                return s;
            }
        }
        return null;
    }
}
