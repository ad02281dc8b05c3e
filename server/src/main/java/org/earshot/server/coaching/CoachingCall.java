package org.earshot.server.coaching;

import java.time.Instant;
import java.util.function.ToDoubleFunction;

/**
 * One stored call as coaching sees it.
 *
 * @param agent         the first agent who answered (the KPIs' owner of its survey), or null
 * @param soleAgent     true unless the call was transferred: only then is the agent channel one voice
 * @param handleSeconds talk + wrap-up, the KPIs' handle time (see KpiCall.handleSeconds), null when not answered
 * @param csat          the caller's CSAT answer (1-5), or null
 * @param cues          figures of the call's analysis, or null when it was not analysed
 * @param nextEnteredAt when the caller called next (any queue), or null
 */
record CoachingCall(String id, String agent, boolean soleAgent, String queue, String caller, Instant enteredAt,
                    Instant endedAt, Double handleSeconds, Integer csat, CallCues cues, Instant nextEnteredAt) {

    boolean answered() {
        return handleSeconds != null;
    }

    boolean analysed() {
        return cues != null;
    }

    /** A figure of the analysis, or null when the call was not analysed or the figure not measured. */
    Double cue(ToDoubleFunction<CallCues> figure) {
        return cues == null ? null : CallCues.boxed(figure.applyAsDouble(cues));
    }
}
