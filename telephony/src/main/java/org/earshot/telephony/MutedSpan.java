package org.earshot.telephony;

import java.time.Instant;
import java.util.Objects;

/**
 * A time the call's recording was muted for one party by AMI {@code MixMonitorMute} (e.g. while a payment IVR
 * runs). MixMonitor writes exact zeros there, so the span is "recording muted", not dead air.
 *
 * @param party whose audio was muted: {@code Direction: read} mutes the customer, {@code write} the agent's side,
 *              {@code both} gives one span for each
 * @param start when the mute was switched on
 * @param end   when it was switched off, or the call's end when it was still on at hang-up
 */
public record MutedSpan(Party party, Instant start, Instant end) {
    public MutedSpan {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a muted span ends before it starts: " + start + " .. " + end);
        }
    }
}
