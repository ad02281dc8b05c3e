package org.earshot.telephony;

import java.util.Locale;

/**
 * One side of a recorded call. On the caller channel, where Earshot's dialplan runs MixMonitor, audio and
 * keypad digits <em>read</em> from the channel ({@code Direction: read} / {@code Received}) are the customer's,
 * those <em>written</em> to it ({@code write} / {@code Sent}) come from the agent's side.
 */
public enum Party {
    CUSTOMER, AGENT;

    /** The lower-case name used in JSON and in {@link CallRecord#recordingChannels()}: {@code customer}, {@code agent}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
