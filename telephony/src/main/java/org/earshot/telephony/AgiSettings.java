package org.earshot.telephony;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The FastAGI server's configuration.
 *
 * <p>From {@code config/earshot.conf} keys ({@link #fromConfig}): {@code agi-port} (4573; 0 = any free
 * port), {@code agi-bind} (0.0.0.0), {@code agi-threads} (32), {@code agi-command-timeout-seconds} (60),
 * {@code time-zone} (UTC), per queue {@code queue.<name>.assignment} (unassigned | round-robin | balanced),
 * {@code queue.<name>.hours} (e.g. {@code mon-fri 08:00-18:00; sat 09:00-13:00}, default always open),
 * {@code queue.<name>.holidays} (comma-separated ISO dates), and the survey's {@code survey.prompt.intro},
 * {@code .csat}, {@code .nps}, {@code .ces}, {@code .invalid}, {@code .thanks},
 * {@code survey.answer-timeout-seconds} (5).
 *
 * @param bindAddress    address to listen on
 * @param port           TCP port, 0 = any free one
 * @param threads        scripts running at once (one per call)
 * @param commandTimeout longest wait for Asterisk's reply to one command (GET DATA adds its own timeout)
 * @param zone           {@code time-zone}: where "today" starts for the balanced rule, and the zone of queues
 *                       without their own rules
 * @param queues         per queue rules by queue name; a queue not listed is unassigned and always open
 * @param survey         survey prompts and timing
 */
public record AgiSettings(String bindAddress, int port, int threads, Duration commandTimeout, ZoneId zone,
                          Map<String, QueueRouting> queues, SurveySettings survey) {

    public static final int DEFAULT_PORT = 4573;

    public AgiSettings {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("agi-bind must be an address such as 0.0.0.0 or 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("agi-port must be 0-65535 (0 = any free port), was " + port);
        }
        if (threads < 1 || threads > 1000) {
            throw new IllegalArgumentException("agi-threads must be 1-1000, was " + threads);
        }
        Objects.requireNonNull(commandTimeout, "agi-command-timeout-seconds");
        if (commandTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("agi-command-timeout-seconds must be at least 1, was "
                    + commandTimeout.toSeconds());
        }
        Objects.requireNonNull(zone, "time-zone");
        queues = Map.copyOf(queues);
        queues.forEach((name, q) -> {
            if (!name.equals(q.queue())) {
                throw new IllegalArgumentException("queue rules for '" + q.queue() + "' filed under '" + name + "'");
            }
        });
        Objects.requireNonNull(survey, "survey");
    }

    /** Defaults on the given port, no queue rules. */
    public static AgiSettings defaults(int port) {
        return new AgiSettings("0.0.0.0", port, 32, Duration.ofSeconds(60), ZoneId.of("UTC"), Map.of(),
                SurveySettings.DEFAULTS);
    }

    /** The rules of a queue, or the defaults (unassigned, always open). */
    public QueueRouting queue(String name) {
        QueueRouting q = queues.get(name);
        return q != null ? q : QueueRouting.defaults(name, zone);
    }

    /**
     * Reads the keys listed above from the whole config map (other keys are ignored, so the server can pass
     * everything it read).
     *
     * @throws IllegalArgumentException naming the key, the value and what is allowed
     */
    public static AgiSettings fromConfig(Map<String, String> config) {
        ZoneId zone = zone(config.get("time-zone"));
        Map<String, QueueRouting> queues = new TreeMap<>();
        for (String name : queueNames(config)) {
            String p = "queue." + name + ".";
            queues.put(name, QueueRouting.parse(name, config.get(p + "assignment"), config.get(p + "hours"),
                    config.get(p + "holidays"), zone));
        }
        String bind = config.get("agi-bind");
        return new AgiSettings(bind == null || bind.isBlank() ? "0.0.0.0" : bind.trim(),
                integer(config, "agi-port", DEFAULT_PORT), integer(config, "agi-threads", 32),
                Duration.ofSeconds(integer(config, "agi-command-timeout-seconds", 60)), zone, queues,
                SurveySettings.fromConfig(config));
    }

    /** The zone of the config's {@code time-zone} key; UTC when absent, as the KPIs use. */
    static ZoneId zone(String value) {
        if (value == null || value.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time-zone = '" + value
                    + "' is not a zone id such as Europe/Berlin or UTC", e);
        }
    }

    private static TreeSet<String> queueNames(Map<String, String> config) {
        TreeSet<String> names = new TreeSet<>();
        for (String key : config.keySet()) {
            if (key.startsWith("queue.") && (key.endsWith(".assignment") || key.endsWith(".hours")
                    || key.endsWith(".holidays"))) {
                String name = key.substring("queue.".length(), key.lastIndexOf('.'));
                if (!name.isBlank()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    static int integer(Map<String, String> config, String key, int fallback) {
        String v = config.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = '" + v + "' is not a whole number", e);
        }
    }
}
