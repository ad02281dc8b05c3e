package org.earshot.server.kpi;

import java.time.Instant;
import java.util.Map;

/**
 * The KPIs of one group of calls (SPEC, GET /api/kpis). A figure with nothing to measure (ASA with
 * no answered call, CSAT with no survey) is null and left out of the JSON. Rates are fractions 0..1,
 * NPS is -100..100, times are seconds.
 *
 * @param key       the group: "all", an agent, a queue, or the bucket's start in the configured zone
 * @param from      first instant of the calls behind this row (for drilling down to them)
 * @param to        first instant after them
 * @param transferredIn calls an agent took over by a transfer (rows by agent): answered by them, not offered to
 *                      them, which is how an agent's answered can pass their offered
 * @param offeredAfterHours   calls that came while their queue was closed: offered ones, and those the hours script
 *                            turned away, which count nowhere else (null: no queue of the row has hours)
 * @param serviceLevelInHours service level over the calls that came while their queue was open
 */
public record KpiRow(
        String key,
        Instant from,
        Instant to,
        long offered,
        long answered,
        long abandoned,
        long shortAbandoned,
        long timedOut,
        long transferredIn,
        Double ahtSeconds,
        Double avgTalkSeconds,
        Double avgHoldSeconds,
        Double avgWrapUpSeconds,
        Double asaSeconds,
        Double avgWaitSeconds,
        Double maxWaitSeconds,
        Double abandonRate,
        Double serviceLevel,
        Double fcr,
        Double csat,
        Double nps,
        Double ces,
        long surveys,
        Double firstResponseSeconds,
        Double resolutionSeconds,
        Double retention,
        Double occupancy,
        Long offeredAfterHours,
        Double serviceLevelInHours,
        long flaggedCalls,
        Map<String, Long> flags) {

    KpiRow withOccupancy(Double value) {
        return new KpiRow(key, from, to, offered, answered, abandoned, shortAbandoned, timedOut, transferredIn, ahtSeconds, avgTalkSeconds,
                avgHoldSeconds, avgWrapUpSeconds, asaSeconds, avgWaitSeconds, maxWaitSeconds, abandonRate, serviceLevel, fcr,
                csat, nps, ces, surveys, firstResponseSeconds, resolutionSeconds, retention, value, offeredAfterHours,
                serviceLevelInHours, flaggedCalls, flags);
    }
}
