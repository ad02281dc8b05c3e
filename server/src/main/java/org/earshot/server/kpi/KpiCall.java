package org.earshot.server.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the KPIs need of one stored call, or of one agent's part of it.
 *
 * @param nextEnteredAt when the caller called next (null: not yet, or an unknown caller)
 * @param firstOfCase   whether this call starts a case of its caller
 * @param caseEndedAt   on a case's first call, the end of the case's last call
 */
record KpiCall(String id, String caller, String queue, String agent, Instant enteredAt, Instant endedAt,
               String outcome, double waitSeconds, Double talkSeconds, Double holdSeconds, Double wrapUpSeconds,
               List<String> flags, Integer csat, Integer nps, Integer ces, boolean transferredIn, Boolean queueOpen,
               Instant nextEnteredAt, boolean firstOfCase, Instant caseEndedAt) {

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
                first ? holdSeconds : null, last ? wrapUpSeconds : null, flags, csat, nps, ces, !first, queueOpen,
                nextEnteredAt, firstOfCase, caseEndedAt);
    }

    /** A caller id that names a customer: FCR, retention and resolution leave the others out. */
    boolean knownCaller() {
        return KpiRules.isKnownCaller(caller);
    }

    /** Whether the caller called again (any queue, any outcome) within {@code window} after this call ended. */
    boolean calledAgainWithin(Duration window) {
        return KpiRules.calledAgainWithin(endedAt, nextEnteredAt, window);
    }

    /** From this call's start to the end of its case's last call, on a case's first call. */
    long resolutionMillis() {
        return Duration.between(enteredAt, caseEndedAt == null ? endedAt : caseEndedAt).toMillis();
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }
}
