package org.earshot.server.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiSettings;
import org.earshot.telephony.QueueRouting;

/**
 * Builds the KPI definitions from config keys: global ones ({@code service-level-seconds = 20}) and
 * per-queue overrides ({@code queue.sales.service-level-seconds = 30}).
 */
final class KpiOptions {

    /** The window of the returning-caller KPI ("retention" in call-center speech, nothing to do with data retention). */
    static final String RETURNING_WINDOW = "returning-caller-window-days";
    /** Its first name, still read: admins took it for how long data is kept (that is retention.*). */
    static final String RETURNING_WINDOW_OLD = "retention-window-days";
    static final Set<String> KEYS = Set.of("time-zone", "service-level-seconds", "short-abandon-seconds",
            "count-short-abandons", "service-level-base", "repeat-window-days", RETURNING_WINDOW,
            RETURNING_WINDOW_OLD);
    static final String QUEUE_PREFIX = "queue.";

    private KpiOptions() {
    }

    /** True for a per-queue KPI key such as queue.sales.service-level-seconds. */
    static boolean isQueueKey(String key) {
        return ConfigKeys.isQueueKey(key) && KEYS.contains(key.substring(key.lastIndexOf('.') + 1));
    }

    static KpiDefinitions build(Map<String, String> values) {
        ZoneId zone;
        try {
            zone = ZoneId.of(values.getOrDefault("time-zone", "UTC"));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time-zone must be a zone id such as Europe/Berlin or UTC, was '"
                    + values.get("time-zone") + "'");
        }
        KpiSettings defaults = settings(values, "", KpiSettings.DEFAULTS);
        Map<String, Map<String, String>> byQueue = new HashMap<>();
        values.forEach((key, value) -> {
            if (isQueueKey(key)) {
                int dot = key.lastIndexOf('.');
                byQueue.computeIfAbsent(key.substring(QUEUE_PREFIX.length(), dot), q -> new HashMap<>())
                        .put(key.substring(dot + 1), value);
            }
        });
        Map<String, KpiSettings> perQueue = new HashMap<>();
        byQueue.forEach((queue, keys) -> perQueue.put(queue, settings(keys, QUEUE_PREFIX + queue + ".", defaults)));
        return new KpiDefinitions(zone, defaults, perQueue, openingHours(values, zone));
    }

    /** Queues with queue.NAME.hours or .holidays set: their "within hours" figures are computed. */
    private static Map<String, QueueRouting> openingHours(Map<String, String> values, ZoneId zone) {
        Map<String, QueueRouting> hours = new HashMap<>();
        values.keySet().stream()
                .filter(k -> k.startsWith(QUEUE_PREFIX) && (k.endsWith(".hours") || k.endsWith(".holidays")))
                .map(k -> k.substring(QUEUE_PREFIX.length(), k.lastIndexOf('.')))
                .distinct()
                .forEach(q -> hours.put(q, QueueRouting.parse(q, values.get(QUEUE_PREFIX + q + ".assignment"),
                        values.get(QUEUE_PREFIX + q + ".hours"), values.get(QUEUE_PREFIX + q + ".holidays"), zone)));
        return hours;
    }

    private static KpiSettings settings(Map<String, String> v, String prefix, KpiSettings base) {
        try {
            return new KpiSettings(
                    number(v, "service-level-seconds", prefix, base.serviceLevelSeconds()),
                    number(v, "short-abandon-seconds", prefix, base.shortAbandonSeconds()),
                    bool(v, "count-short-abandons", prefix, base.countShortAbandons()),
                    v.containsKey("service-level-base") ? KpiSettings.ServiceLevelBase.parse(v.get("service-level-base"))
                            : base.serviceLevelBase(),
                    days(v, "repeat-window-days", prefix, base.repeatWindow()),
                    returningWindow(v, prefix, base.retentionWindow()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + e.getMessage(), e);
        }
    }

    private static double number(Map<String, String> v, String key, String prefix, double dflt) {
        String value = v.get(key);
        if (value == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(value.strip());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was '" + value + "'");
        }
    }

    private static Duration days(Map<String, String> v, String key, String prefix, Duration dflt) {
        String value = v.get(key);
        return value == null ? dflt : Duration.ofMillis(Math.round(number(v, key, prefix, 0) * 86_400_000L));
    }

    private static Duration returningWindow(Map<String, String> v, String prefix, Duration dflt) {
        String now = v.get(RETURNING_WINDOW);
        String old = v.get(RETURNING_WINDOW_OLD);
        if (now != null && old != null && !now.strip().equals(old.strip())) {
            throw new IllegalArgumentException(RETURNING_WINDOW + " (" + now + ") and its old name " + RETURNING_WINDOW_OLD
                    + " (" + old + ") disagree: keep " + RETURNING_WINDOW + " only");
        }
        return days(v, now != null ? RETURNING_WINDOW : RETURNING_WINDOW_OLD, prefix, dflt);
    }

    private static boolean bool(Map<String, String> v, String key, String prefix, boolean dflt) {
        String value = v.get(key);
        if (value == null) {
            return dflt;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "yes", "true", "on" -> true;
            case "no", "false", "off" -> false;
            default -> throw new IllegalArgumentException(key + " must be yes or no, was '" + value + "'");
        };
    }
}
