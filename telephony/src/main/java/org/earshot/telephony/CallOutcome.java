package org.earshot.telephony;

import java.util.Locale;

/** How an inbound call ended, as the SPEC's KPIs count it. */
public enum CallOutcome {
    /** An agent answered. */
    ANSWERED,
    /** The caller hung up while waiting in the queue. */
    ABANDONED,
    /** The queue's own timeout sent the caller out of the queue unanswered. */
    TIMEOUT,
    /** The caller left the queue by pressing a key (queue_log {@code EXITWITHKEY}). */
    EXIT_WITH_KEY,
    /** The call came in outside the queue's working hours (FastAGI {@code hours} script). */
    AFTER_HOURS;

    /** The lower-case name used in JSON, the store and queries: {@code answered}, {@code after-hours}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Accepts {@link #key()} and the enum name in any case ({@code after-hours}, {@code AFTER_HOURS}). */
    public static CallOutcome fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
