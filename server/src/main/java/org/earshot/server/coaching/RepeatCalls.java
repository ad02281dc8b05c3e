package org.earshot.server.coaching;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiRules;

/**
 * Whether an answered call was followed by a repeat call: the FCR rule of the KPIs
 * ({@link KpiRules#calledAgainWithin}, from the caller facts the store keeps). As in FCR, callers with
 * a blank or anonymous caller id are left out. Unlike FCR, so are calls whose window is still open: a
 * call from yesterday has not had seven days to be repeated yet, and counting it as "not repeated"
 * would load the comparison with recent calls.
 */
final class RepeatCalls {

    private final KpiDefinitions definitions;

    RepeatCalls(KpiDefinitions definitions) {
        this.definitions = definitions;
    }

    /** For each call whose repeat window closed by {@code now}: true when the caller called again within it. */
    Map<String, Boolean> of(List<CoachingCall> calls, Instant now) {
        Map<String, Boolean> repeated = new HashMap<>();
        for (CoachingCall call : calls) {
            if (!call.answered() || !KpiRules.isKnownCaller(call.caller())) {
                continue;
            }
            Duration window = definitions.forQueue(call.queue()).repeatWindow();
            if (call.endedAt().plus(window).isAfter(now)) {
                continue;
            }
            repeated.put(call.id(), KpiRules.calledAgainWithin(call.endedAt(), call.nextEnteredAt(), window));
        }
        return repeated;
    }
}
