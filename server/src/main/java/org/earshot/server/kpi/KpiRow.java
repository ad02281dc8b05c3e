package org.earshot.server.kpi;

/**
 * The KPIs of one group of calls, in the SPEC's shape. A figure with nothing to average over
 * (e.g. ASA with no answered call) is null.
 */
public record KpiRow(
        String key,
        long offered,
        long answered,
        long abandoned,
        long shortAbandoned,
        long timedOut,
        Double ahtSeconds,
        Double asaSeconds,
        Double avgWaitSeconds,
        Double maxWaitSeconds,
        Double abandonRate,
        Double serviceLevel) {
}
