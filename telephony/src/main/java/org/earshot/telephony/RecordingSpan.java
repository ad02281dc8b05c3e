package org.earshot.telephony;

import java.util.Objects;

/**
 * A keypad run or a recording mute placed in the call's recording, in seconds from the recording's first sample
 * (see {@link RecordingSpans} for how).
 *
 * @param party        whose channel of the recording it concerns
 * @param kind         keypad digits (redact) or recording muted (show as such, never as dead air)
 * @param startSeconds from the recording's start, >= 0
 * @param endSeconds   from the recording's start, > startSeconds
 */
public record RecordingSpan(Party party, Kind kind, double startSeconds, double endSeconds) {

    public enum Kind { KEYPAD, MUTED }

    public RecordingSpan {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(kind, "kind");
        if (!(startSeconds >= 0 && endSeconds > startSeconds)) {
            throw new IllegalArgumentException("a recording span needs 0 <= start < end, was " + startSeconds + " .. "
                    + endSeconds);
        }
    }
}
