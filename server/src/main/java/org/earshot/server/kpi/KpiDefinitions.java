package org.earshot.server.kpi;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import org.earshot.telephony.QueueRouting;

/**
 * The KPI settings in force: one time zone for day and hour buckets, defaults, per-queue overrides,
 * and the opening hours of the queues that have them (for the "within hours" figures).
 */
public record KpiDefinitions(ZoneId zone, KpiSettings defaults, Map<String, KpiSettings> perQueue,
                             Map<String, QueueRouting> openingHours) {

    public static final KpiDefinitions DEFAULTS = new KpiDefinitions(ZoneId.of("UTC"), KpiSettings.DEFAULTS, Map.of(),
            Map.of());

    public KpiDefinitions {
        Objects.requireNonNull(zone, "time-zone");
        Objects.requireNonNull(defaults, "defaults");
        perQueue = Map.copyOf(perQueue);
        openingHours = Map.copyOf(openingHours);
    }

    public KpiDefinitions(ZoneId zone, KpiSettings defaults, Map<String, KpiSettings> perQueue) {
        this(zone, defaults, perQueue, Map.of());
    }

    /** Whether the queue was open at that instant, or null when the queue has no opening hours set. */
    Boolean openAt(String queue, java.time.Instant at) {
        QueueRouting hours = queue == null ? null : openingHours.get(queue);
        return hours == null ? null : hours.isOpen(at);
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
