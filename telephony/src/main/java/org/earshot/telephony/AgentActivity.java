package org.earshot.telephony;

/** What an agent is doing now, as the live wall shows it. */
public enum AgentActivity {
    LOGGED_OUT, AVAILABLE, RINGING, ON_CALL, ON_HOLD, WRAP_UP, PAUSED;

    /** Lower-case key for JSON: {@code on-call}, {@code wrap-up}, ... */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
