package org.earshot.speech.turns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.vad.Spurt;

/** Time when nobody speaks: dead air between the first and last spurt, and the share of silence. */
public final class Silence {

    /** SPEC: a gap of at least 3 s with no speech on either channel. */
    static final int DEAD_AIR_FRAMES = 300;

    private final List<Spurt> speech;
    private final List<Span> muted;

    private Silence(List<Spurt> speech, List<Span> muted) {
        this.speech = speech;
        this.muted = muted;
    }

    /** The union of every channel's spurts. */
    public static Silence of(List<List<Spurt>> channels) {
        return of(channels, List.of());
    }

    /**
     * The union of every channel's spurts; {@code muted} are spans the PBX muted the recording, which
     * are not dead air (nobody was waiting on a silent line: the payment was being taken).
     */
    public static Silence of(List<List<Spurt>> channels, List<Span> muted) {
        List<Spurt> all = new ArrayList<>();
        channels.forEach(all::addAll);
        all.sort(Comparator.comparingInt(Spurt::startFrame));
        List<Spurt> merged = new ArrayList<>();
        for (Spurt s : all) {
            int last = merged.size() - 1;
            if (last >= 0 && s.startFrame() <= merged.get(last).endFrame()) {
                Spurt m = merged.get(last);
                merged.set(last, new Spurt(m.startFrame(), Math.max(m.endFrame(), s.endFrame())));
            } else {
                merged.add(s);
            }
        }
        return new Silence(List.copyOf(merged), List.copyOf(muted));
    }

    /**
     * Gaps of 3 s or more between stretches of speech; before the first and after the last spurt do not
     * count, nor does muted time: what is left of a gap around a mute is dead air if it still lasts 3 s.
     */
    public List<Span> deadAir() {
        List<Span> gaps = new ArrayList<>();
        for (int i = 1; i < speech.size(); i++) {
            Spurt before = speech.get(i - 1);
            Spurt after = speech.get(i);
            if (after.startFrame() - before.endFrame() >= DEAD_AIR_FRAMES) {
                for (Span open : unmuted(new Span(before.end(), after.start()))) {
                    if (Math.round((open.end() - open.start()) * 100) >= DEAD_AIR_FRAMES) {
                        gaps.add(open);
                    }
                }
            }
        }
        return List.copyOf(gaps);
    }

    /** {@code gap} without the muted spans. */
    private List<Span> unmuted(Span gap) {
        List<Span> pieces = List.of(gap);
        for (Span m : muted) {
            List<Span> next = new ArrayList<>();
            for (Span p : pieces) {
                if (m.end() <= p.start() || m.start() >= p.end()) {
                    next.add(p);
                    continue;
                }
                if (m.start() > p.start()) {
                    next.add(new Span(p.start(), m.start()));
                }
                if (m.end() < p.end()) {
                    next.add(new Span(m.end(), p.end()));
                }
            }
            pieces = next;
        }
        return pieces;
    }

    /** Share of the recording with no speech on any channel. */
    public double silenceRatio(double durationSeconds) {
        if (durationSeconds <= 0) {
            return 1.0;
        }
        double speaking = speech.stream().mapToDouble(Spurt::seconds).sum();
        return Math.max(0, Math.min(1, 1 - speaking / durationSeconds));
    }
}
