package org.earshot.server.kpi;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What the KPIs need of one stored call. */
record KpiCall(String id, String caller, String queue, String agent, Instant enteredAt, Instant endedAt,
               String outcome, double waitSeconds, Double talkSeconds, Double holdSeconds, Double wrapUpSeconds,
               List<String> flags, Integer csat, Integer nps, Integer ces, boolean transferredIn, Boolean queueOpen) {

    // What Asterisk and carriers put in the caller id when there is none to show.
    private static final Set<String> ANONYMOUS = Set.of("", "anonymous", "unknown", "<unknown>", "restricted",
            "private", "unavailable", "withheld");

    boolean answered() {
        return "answered".equals(outcome);
    }

    boolean abandoned() {
        return "abandoned".equals(outcome);
    }

    boolean timedOut() {
        return "timeout".equals(outcome);
    }

    /** Turned away by the FastAGI {@code hours} script: the caller never entered the queue. */
    boolean turnedAwayAfterHours() {
        return "after-hours".equals(outcome);
    }

    /**
     * Talk + hold + after-call work (SPEC). Asterisk's TalkTime already contains the time on hold, so
     * this is Asterisk's talk plus wrap-up; a part that was not measured counts as zero.
     */
    double handleSeconds() {
        return orZero(talkSeconds) + orZero(wrapUpSeconds);
    }

    /** This call as one of its agents handled it: their own talk, hold for the first, wrap-up for the last. */
    KpiCall asHandledBy(String name, double talk, boolean first, boolean last) {
        return new KpiCall(id, caller, queue, name, enteredAt, endedAt, outcome, waitSeconds, talk,
                first ? holdSeconds : null, last ? wrapUpSeconds : null, flags, csat, nps, ces, !first, queueOpen);
    }

    /** A caller id that names a customer: FCR, retention and resolution leave the others out. */
    boolean knownCaller() {
        return caller != null && !ANONYMOUS.contains(caller.strip().toLowerCase(Locale.ROOT));
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }
}
