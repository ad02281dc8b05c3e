package org.earshot.server.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.earshot.server.store.AgentIntervalStore.Interval;

/**
 * Occupancy = handling time / logged-in unpaused time (SPEC), both measured from the agents'
 * activity intervals: handling is on a call, on hold or in wrap-up; logged-in unpaused adds
 * available and ringing. Paused and logged-out time count in neither.
 */
final class Occupancy {

    private static final Set<String> HANDLING = Set.of("on-call", "on-hold", "wrap-up");
    private static final Set<String> LOGGED_IN_UNPAUSED = Set.of("available", "ringing", "on-call", "on-hold", "wrap-up");

    private final List<Interval> intervals;
    private final Instant now;

    Occupancy(List<Interval> intervals, Instant now) {
        this.intervals = intervals;
        this.now = now;
    }

    /** Occupancy of one agent (or all, with null) in [from, to); null when nobody was logged in. */
    Double of(String agent, Instant from, Instant to) {
        long handling = 0;
        long loggedIn = 0;
        for (Interval i : intervals) {
            if (agent != null && !agent.equals(i.agent())) {
                continue;
            }
            Instant start = i.start().isAfter(from) ? i.start() : from;
            Instant end = i.end() == null ? now : i.end();
            end = end.isBefore(to) ? end : to;
            if (!end.isAfter(start)) {
                continue;
            }
            long millis = Duration.between(start, end).toMillis();
            if (LOGGED_IN_UNPAUSED.contains(i.activity())) {
                loggedIn += millis;
            }
            if (HANDLING.contains(i.activity())) {
                handling += millis;
            }
        }
        return loggedIn == 0 ? null : (double) handling / loggedIn;
    }
}
