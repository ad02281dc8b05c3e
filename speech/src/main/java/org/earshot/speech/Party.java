package org.earshot.speech;

import java.util.Locale;

/** Who speaks on a recording channel. */
public enum Party {
    CUSTOMER, AGENT;

    /** The lower-case name used in reports ("customer", "agent"). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "customer" or "agent", in any case. */
    public static Party fromKey(String key) {
        for (Party p : values()) {
            if (p.key().equalsIgnoreCase(key.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown party '" + key + "': use customer or agent");
    }
}
