package org.earshot.server.alerts;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The alert rules in force (keys {@code alert.*}, per queue {@code queue.NAME.alert.*}; a key a queue does not
 * set is the global one). Every threshold turns its rule off at 0 ({@code off} is read as 0).
 *
 * @param global   the rules of calls, agents and queues without rules of their own
 * @param perQueue the rules of queues with any key of their own
 */
public record AlertSettings(Rules global, Map<String, Rules> perQueue) {

    public static final String ESCALATION_KEYWORDS = "alert.escalation-keywords";
    public static final String ESCALATION_PARTY = "alert.escalation-party";
    public static final String SENTIMENT_BELOW = "alert.sentiment-below";
    public static final String SENTIMENT_SECONDS = "alert.sentiment-seconds";
    public static final String INTERRUPTIONS_PER_MINUTE = "alert.interruptions-per-minute";
    public static final String DEAD_AIR_SECONDS = "alert.dead-air-seconds";
    public static final String HOLD_SECONDS = "alert.hold-seconds";
    public static final String WAIT_SECONDS = "alert.wait-seconds";
    public static final String SERVICE_LEVEL_TARGET = "alert.service-level-target";
    public static final String SERVICE_LEVEL_MIN_OFFERED = "alert.service-level-min-offered";
    public static final String PAUSE_MINUTES = "alert.pause-minutes";

    /** The config keys, without the {@code queue.NAME.} prefix. */
    public static final List<String> KEYS = List.of(ESCALATION_KEYWORDS, ESCALATION_PARTY, SENTIMENT_BELOW,
            SENTIMENT_SECONDS, INTERRUPTIONS_PER_MINUTE, DEAD_AIR_SECONDS, HOLD_SECONDS, WAIT_SECONDS,
            SERVICE_LEVEL_TARGET, SERVICE_LEVEL_MIN_OFFERED, PAUSE_MINUTES);

    private static final String QUEUE_PREFIX = "queue.";

    /**
     * One set of rules; a threshold of 0 turns its rule off.
     *
     * @param escalationKeywords     words that raise "escalation-keyword" once per call and word; empty = off
     * @param escalationParty        whose words count: customer, agent or any
     * @param sentimentBelow         the customer's rolling sentiment below this ...
     * @param sentimentSeconds       ... for this many seconds raises "customer-sentiment"
     * @param interruptionsPerMinute more agent interruptions than this in the last 60 s raise "agent-interruptions"
     * @param deadAirSeconds         silence on both sides this long raises "dead-air"
     * @param holdSeconds            a caller on hold this long raises "hold"
     * @param waitSeconds            a caller waiting in the queue this long raises "long-wait"
     * @param serviceLevelTarget     today's service level (percent) below this raises "service-level" ...
     * @param serviceLevelMinOffered ... once the queue was offered at least this many calls today
     * @param pauseMinutes           an agent paused with one reason this long raises "long-pause"
     */
    public record Rules(List<String> escalationKeywords, String escalationParty, double sentimentBelow,
                        double sentimentSeconds, double interruptionsPerMinute, double deadAirSeconds,
                        double holdSeconds, double waitSeconds, double serviceLevelTarget, int serviceLevelMinOffered,
                        double pauseMinutes) {

        /*
         * Defaults: the post-call escalation words; a customer negative (the report's "negative" is below -0.3)
         * clearly and for half a minute, the live score's own window; more than 4 agent interruptions a minute,
         * twice the post-call flag's 2; 15 s of dead air, past the post-call flag's 10; 2 min on hold or waiting;
         * 80 % of calls within the service-level threshold, the usual 80/20 target, once 10 calls were offered so
         * the first abandon of the morning does not raise it; a pause of 15 min in one reason.
         */
        public static final Rules DEFAULTS = new Rules(List.of("cancel", "supervisor", "manager", "lawyer", "complaint"),
                "customer", -0.5, 30, 4, 15, 120, 120, 80, 10, 15);

        public Rules {
            escalationKeywords = escalationKeywords.stream().map(k -> k.strip().toLowerCase(Locale.ROOT))
                    .filter(k -> !k.isEmpty()).distinct().toList();
            for (String keyword : escalationKeywords) {
                if (!keyword.matches("[\\p{L}\\p{N}']+")) {
                    throw new IllegalArgumentException(ESCALATION_KEYWORDS + ": '" + keyword + "' is not one word (the"
                            + " transcript is matched word by word; list each word, comma-separated)");
                }
            }
            Objects.requireNonNull(escalationParty, ESCALATION_PARTY);
            if (!List.of("customer", "agent", "any").contains(escalationParty)) {
                throw new IllegalArgumentException(ESCALATION_PARTY + " must be customer, agent or any, was '"
                        + escalationParty + "'");
            }
            if (!(sentimentBelow >= -1 && sentimentBelow <= 1)) {
                throw new IllegalArgumentException(SENTIMENT_BELOW + " must be -1 to 1, was " + sentimentBelow);
            }
            atLeastZero(SENTIMENT_SECONDS, sentimentSeconds);
            atLeastZero(INTERRUPTIONS_PER_MINUTE, interruptionsPerMinute);
            atLeastZero(DEAD_AIR_SECONDS, deadAirSeconds);
            atLeastZero(HOLD_SECONDS, holdSeconds);
            atLeastZero(WAIT_SECONDS, waitSeconds);
            atLeastZero(PAUSE_MINUTES, pauseMinutes);
            if (!(serviceLevelTarget >= 0 && serviceLevelTarget <= 100)) {
                throw new IllegalArgumentException(SERVICE_LEVEL_TARGET + " must be 0 (off) to 100 percent, was "
                        + serviceLevelTarget);
            }
            if (serviceLevelMinOffered < 1) {
                throw new IllegalArgumentException(SERVICE_LEVEL_MIN_OFFERED + " must be at least 1, was "
                        + serviceLevelMinOffered);
            }
        }

        /** All rules off. */
        public static final Rules OFF = new Rules(List.of(), "customer", -0.5, 0, 0, 0, 0, 0, 0, 10, 0);

        private static void atLeastZero(String key, double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(key + " must be 0 (off) or a positive number, was " + value);
            }
        }
    }

    public static final AlertSettings DEFAULTS = new AlertSettings(Rules.DEFAULTS, Map.of());

    public AlertSettings {
        Objects.requireNonNull(global, "global");
        perQueue = Map.copyOf(new TreeMap<>(perQueue));
    }

    /** The rules of a queue: its own, or the global ones for a queue without any (and for null). */
    public Rules forQueue(String queue) {
        return queue == null ? global : perQueue.getOrDefault(queue, global);
    }

    /** True for queue.NAME.alert.wait-seconds and the like. */
    public static boolean isQueueKey(String key) {
        return key.startsWith(QUEUE_PREFIX) && KEYS.stream().anyMatch(k -> key.endsWith("." + k)
                && key.length() > QUEUE_PREFIX.length() + k.length() + 1);
    }

    /** Reads the {@code alert.*} and {@code queue.NAME.alert.*} keys; a bad value fails naming its key. */
    public static AlertSettings fromConfig(Map<String, String> values) {
        Rules global = rules(values, "", Rules.DEFAULTS);
        Map<String, Map<String, String>> byQueue = new HashMap<>();
        values.forEach((key, value) -> {
            if (isQueueKey(key)) {
                String k = KEYS.stream().filter(r -> key.endsWith("." + r)).findFirst().orElseThrow();
                String queue = key.substring(QUEUE_PREFIX.length(), key.length() - k.length() - 1);
                byQueue.computeIfAbsent(queue, q -> new HashMap<>()).put(k, value);
            }
        });
        Map<String, Rules> perQueue = new HashMap<>();
        byQueue.forEach((queue, keys) -> perQueue.put(queue, rules(keys, QUEUE_PREFIX + queue + ".", global)));
        return new AlertSettings(global, perQueue);
    }

    private static Rules rules(Map<String, String> v, String prefix, Rules base) {
        try {
            return new Rules(keywords(v, base.escalationKeywords()),
                    v.containsKey(ESCALATION_PARTY) ? v.get(ESCALATION_PARTY).strip().toLowerCase(Locale.ROOT)
                            : base.escalationParty(),
                    number(v, SENTIMENT_BELOW, base.sentimentBelow(), false),
                    number(v, SENTIMENT_SECONDS, base.sentimentSeconds(), true),
                    number(v, INTERRUPTIONS_PER_MINUTE, base.interruptionsPerMinute(), true),
                    number(v, DEAD_AIR_SECONDS, base.deadAirSeconds(), true),
                    number(v, HOLD_SECONDS, base.holdSeconds(), true),
                    number(v, WAIT_SECONDS, base.waitSeconds(), true),
                    number(v, SERVICE_LEVEL_TARGET, base.serviceLevelTarget(), true),
                    wholeNumber(v, SERVICE_LEVEL_MIN_OFFERED, base.serviceLevelMinOffered()),
                    number(v, PAUSE_MINUTES, base.pauseMinutes(), true));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + e.getMessage(), e);
        }
    }

    private static List<String> keywords(Map<String, String> v, List<String> dflt) {
        String listed = v.get(ESCALATION_KEYWORDS);
        if (listed == null) {
            return dflt;
        }
        if (listed.strip().equalsIgnoreCase("off")) {
            return List.of();
        }
        return Arrays.stream(listed.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    private static double number(Map<String, String> v, String key, double dflt, boolean offIsZero) {
        String value = v.get(key);
        if (value == null) {
            return dflt;
        }
        if (offIsZero && value.strip().equalsIgnoreCase("off")) {
            return 0;
        }
        try {
            double d = Double.parseDouble(value.strip());
            if (Double.isFinite(d) && (!offIsZero || d >= 0)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(key + " must be " + (offIsZero ? "0 or off (rule off), or a positive number"
                : "a number") + ", was '" + value + "'");
    }

    private static int wholeNumber(Map<String, String> v, String key, int dflt) {
        String value = v.get(key);
        if (value == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'");
        }
    }
}
