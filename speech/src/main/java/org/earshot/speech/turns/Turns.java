package org.earshot.speech.turns;

import java.util.List;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.vad.Spurt;

/**
 * Who took the floor when: overlaps between the two parties (null for a mono recording, where they
 * cannot be told apart) and the silence between everyone's speech.
 */
public record Turns(List<Overlap> overlaps, Silence silence) {

    /** {@code parties.get(i)} speaks {@code spurts.get(i)}; one channel means mono. */
    public static Turns of(List<String> parties, List<List<Spurt>> spurts) {
        return of(parties, spurts, List.of());
    }

    /** As {@link #of(List, List)}, with spans the PBX muted the recording, which are never dead air. */
    public static Turns of(List<String> parties, List<List<Spurt>> spurts, List<Span> muted) {
        List<Overlap> overlaps = spurts.size() == 2
                ? Overlaps.find(parties.get(0), spurts.get(0), parties.get(1), spurts.get(1))
                : null;
        return new Turns(overlaps, Silence.of(spurts, muted));
    }
}
