package org.earshot.server.livespeech;

import java.util.Map;
import java.util.Set;

/**
 * Live analysis of calls in progress (config keys {@code live.*}).
 *
 * @param enabled  {@code live.enabled}: follow recordings while calls are up (default true; needs ami-host and
 *                 recordings-dir)
 * @param maxCalls {@code live.max-calls}: calls followed at once; a call over it has no live view
 * @param threads  {@code live.threads}: threads all live calls share, so post-call analysis keeps the rest
 */
public record LiveSpeechSettings(boolean enabled, int maxCalls, int threads) {

    public static final String ENABLED = "live.enabled";
    public static final String MAX_CALLS = "live.max-calls";
    public static final String THREADS = "live.threads";
    public static final Set<String> KEYS = Set.of(ENABLED, MAX_CALLS, THREADS);
    /**
     * bench live.CapacityBench on the shared 2-core benchmark machine (load average 8-12 from other work): one
     * live thread kept p95 at 1.34 s with 2 concurrent calls, 5.1 s with 3 and 7.5 s with 4. A node with idle
     * cores follows more: raise live.threads and live.max-calls together and measure.
     */
    public static final int DEFAULT_MAX_CALLS = 2;
    public static final int DEFAULT_THREADS = 1;
    public static final LiveSpeechSettings DEFAULTS = new LiveSpeechSettings(true, DEFAULT_MAX_CALLS, DEFAULT_THREADS);

    public LiveSpeechSettings {
        if (maxCalls < 1 || maxCalls > 1000) {
            throw new IllegalArgumentException(MAX_CALLS + " must be 1-1000, was " + maxCalls);
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException(THREADS + " must be 1-64, was " + threads);
        }
    }

    /** The settings the config's {@code live.*} keys give, the defaults for the rest; a bad value names its key. */
    public static LiveSpeechSettings fromConfig(Map<String, String> v) {
        return new LiveSpeechSettings(flag(v.get(ENABLED)), number(v, MAX_CALLS, DEFAULT_MAX_CALLS),
                number(v, THREADS, DEFAULT_THREADS));
    }

    private static boolean flag(String value) {
        if (value == null) {
            return true;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new IllegalArgumentException(ENABLED + " must be true or false, was " + value);
        };
    }

    private static int number(Map<String, String> v, String key, int dflt) {
        String value = v.get(key);
        if (value == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was " + value, e);
        }
    }
}
