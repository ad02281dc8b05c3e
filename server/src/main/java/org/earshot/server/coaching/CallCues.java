package org.earshot.server.coaching;

import java.time.Instant;

/**
 * The few figures of one call's analysis report that coaching needs, kept in memory instead of the
 * report (a report with its transcript is tens of kilobytes; this is under two hundred bytes).
 * Primitive doubles keep it small: NaN means "not measured" (a mono recording has no parties).
 *
 * @param analysedAt the analysis these figures came from: a re-analysis replaces them
 * @param readable   false when the report could not be parsed: the call then counts as not analysed
 */
record CallCues(Instant analysedAt, boolean readable, double agentWordsPerMinute, double agentSyllablesPerSecond,
                double agentInterruptions, double customerInterruptions, double agentTalkRatio,
                double deadAirSeconds, int deadAirGaps, double longestDeadAirStart, double longestDeadAirSeconds,
                double silenceRatio, double customerSentiment, double agentSentiment,
                double firstAgentInterruptionAt, double customerLowestAt, double customerHighestAt,
                double agentLowestAt, double agentHighestAt) {

    /** For a report that could not be read: nothing measured, and not read again until re-analysed. */
    static CallCues unreadable(Instant analysedAt) {
        double n = Double.NaN;
        return new CallCues(analysedAt, false, n, n, n, n, n, n, 0, n, n, n, n, n, n, n, n, n, n);
    }

    static Double boxed(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
