package org.earshot.telephony;

/** How a queue call ended, as the SPEC's KPIs count it. */
public enum CallOutcome {
    /** An agent answered. */
    ANSWERED,
    /** The caller hung up while waiting in the queue. */
    ABANDONED,
    /** The queue's own timeout sent the caller out of the queue unanswered. */
    TIMEOUT;

    /** The lower-case name used in JSON, the store and queries. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static CallOutcome fromKey(String key) {
        return valueOf(key.toUpperCase(java.util.Locale.ROOT));
    }
}
