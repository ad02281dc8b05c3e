package org.earshot.server.cli;

import java.util.HashMap;
import java.util.Map;
import org.earshot.server.lifecycle.RetentionPolicy;
import org.earshot.server.lifecycle.RetentionPolicy.Periods;

/**
 * Builds the retention policy from config keys: global ones ({@code retention.audio-days = 90}) and per-queue
 * overrides ({@code queue.sales.retention.audio-days = 30}); a key a queue does not set is the global one.
 */
final class RetentionOptions {

    private static final String QUEUE_PREFIX = "queue.";

    private RetentionOptions() {
    }

    /** True for queue.NAME.retention.audio-days and the like. */
    static boolean isQueueKey(String key) {
        return key.startsWith(QUEUE_PREFIX) && RetentionPolicy.KEYS.stream().anyMatch(k -> key.endsWith("." + k)
                && key.length() > QUEUE_PREFIX.length() + k.length() + 1);
    }

    static RetentionPolicy build(Map<String, String> values) {
        Periods global = periods(values, "", Periods.FOREVER);
        Map<String, Map<String, String>> byQueue = new HashMap<>();
        values.forEach((key, value) -> {
            if (isQueueKey(key)) {
                String k = RetentionPolicy.KEYS.stream().filter(r -> key.endsWith("." + r)).findFirst().orElseThrow();
                String queue = key.substring(QUEUE_PREFIX.length(), key.length() - k.length() - 1);
                byQueue.computeIfAbsent(queue, q -> new HashMap<>()).put(k, value);
            }
        });
        Map<String, Periods> perQueue = new HashMap<>();
        byQueue.forEach((queue, keys) -> perQueue.put(queue, periods(keys, QUEUE_PREFIX + queue + ".", global)));
        int webhookDays = days(values, "", RetentionPolicy.WEBHOOK_KEY, RetentionPolicy.DEFAULT_WEBHOOK_DAYS);
        return new RetentionPolicy(global, perQueue, webhookDays);
    }

    private static Periods periods(Map<String, String> v, String prefix, Periods base) {
        try {
            return new Periods(days(v, prefix, "retention.audio-days", base.audioDays()),
                    days(v, prefix, "retention.transcript-days", base.transcriptDays()),
                    days(v, prefix, "retention.call-days", base.callDays()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + e.getMessage(), e);
        }
    }

    private static int days(Map<String, String> v, String prefix, String key, int dflt) {
        String value = v.get(key);
        if (value == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of days (0 = keep forever), was '"
                    + value + "'");
        }
    }
}
