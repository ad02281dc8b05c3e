package org.earshot.server.coaching;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.earshot.server.store.CallFacts;
import org.earshot.server.store.CallStore;

/**
 * The calls that entered a queue in a time range (like the KPIs, by entered_at in [from, to), through
 * the store's one range query), each with its survey answer and the cues of its analysis, which come
 * from the {@link CueCache}.
 */
final class RangeCalls {

    private final CallStore calls;
    private final CueCache cues;

    RangeCalls(CallStore calls, CueCache cues) {
        this.calls = calls;
        this.cues = cues;
    }

    List<CoachingCall> load(Instant from, Instant to) {
        List<CoachingCall> found = new ArrayList<>();
        Map<String, Instant> analysedAt = new HashMap<>();
        calls.forEachCallFacts(from, to, null, null, call -> {
            found.add(coachingCall(call));
            if (call.analysedAt() != null) {
                analysedAt.put(call.id(), call.analysedAt());
            }
        });
        Map<String, CallCues> cuesOf = cues.cuesOf(analysedAt);
        return found.stream().map(call -> withCues(call, cuesOf.get(call.id()))).toList();
    }

    private static CoachingCall coachingCall(CallFacts call) {
        boolean answered = "answered".equals(call.outcome());
        // The KPIs' handle time (KpiCall.handleSeconds): Asterisk's talk already holds the hold time,
        // so talk + wrap-up; a part not measured counts as zero.
        Double handle = answered ? orZero(call.talkSeconds()) + orZero(call.wrapUpSeconds()) : null;
        return new CoachingCall(call.id(), call.agent(), call.agents().isEmpty(), call.queue(), call.caller(),
                call.enteredAt(), call.endedAt(), handle, call.csat(), null, call.nextEnteredAt());
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }

    private static CoachingCall withCues(CoachingCall call, CallCues cues) {
        return cues == null ? call : new CoachingCall(call.id(), call.agent(), call.soleAgent(), call.queue(),
                call.caller(), call.enteredAt(), call.endedAt(), call.handleSeconds(), call.csat(), cues,
                call.nextEnteredAt());
    }
}
