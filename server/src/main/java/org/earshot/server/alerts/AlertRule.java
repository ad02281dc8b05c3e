package org.earshot.server.alerts;

import java.util.Locale;

/** The conditions Earshot alerts on; {@link #key()} is the {@code rule} of an alert in the API, the wall and /metrics. */
public enum AlertRule {
    /** An escalation word said (by the customer by default): once per call and word. */
    ESCALATION_KEYWORD,
    /** The customer's rolling sentiment below the threshold for N seconds. */
    CUSTOMER_SENTIMENT,
    /** More agent interruptions than N in the last minute. */
    AGENT_INTERRUPTIONS,
    /** Neither party has spoken for N seconds. */
    DEAD_AIR,
    /** A caller on hold for N seconds. */
    HOLD,
    /** A caller waiting in a queue for N seconds. */
    LONG_WAIT,
    /** A queue's service level of today below its target. */
    SERVICE_LEVEL,
    /** An agent paused with one reason for N minutes. */
    LONG_PAUSE;

    /** e.g. {@code escalation-keyword}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The episode key of this rule about {@code parts}, e.g. {@code long-wait|support|1795393091.5|}. */
    String episode(String... parts) {
        StringBuilder key = new StringBuilder(key()).append('|');
        for (String part : parts) {
            key.append(part == null ? "" : part).append('|');
        }
        return key.toString();
    }
}
