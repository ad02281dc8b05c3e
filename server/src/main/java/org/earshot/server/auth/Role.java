package org.earshot.server.auth;

import java.util.Locale;

/** What a user may do (SPEC, "Users and roles"). */
public enum Role {
    ADMIN, SUPERVISOR, QA, TRAINER;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
