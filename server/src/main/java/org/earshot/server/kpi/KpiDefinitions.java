package org.earshot.server.kpi;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * The KPI settings in force: one time zone for day and hour buckets, defaults, and per-queue overrides.
 */
public record KpiDefinitions(ZoneId zone, KpiSettings defaults, Map<String, KpiSettings> perQueue) {

    public static final KpiDefinitions DEFAULTS = new KpiDefinitions(ZoneId.of("UTC"), KpiSettings.DEFAULTS, Map.of());

    public KpiDefinitions {
        Objects.requireNonNull(zone, "time-zone");
        Objects.requireNonNull(defaults, "defaults");
        perQueue = Map.copyOf(perQueue);
    }

    public KpiSettings forQueue(String queue) {
        return queue == null ? defaults : perQueue.getOrDefault(queue, defaults);
    }

    /** The longest repeat window of any queue: how far past a range FCR must look. */
    Duration longestRepeatWindow() {
        return perQueue.values().stream().map(KpiSettings::repeatWindow).reduce(defaults.repeatWindow(),
                (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    /** The longest retention window of any queue. */
    Duration longestRetentionWindow() {
        return perQueue.values().stream().map(KpiSettings::retentionWindow).reduce(defaults.retentionWindow(),
                (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }
}
