package org.earshot.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One finished inbound queue call, as the telephony bridge saw it.
 *
 * <p>Durations come from Asterisk's own fields (HoldTime, TalkTime), instants from the event's
 * {@code Timestamp} header when Asterisk sends one and from the receipt time otherwise.
 *
 * @param uniqueId      the caller channel's uniqueid (the queue_log callid)
 * @param linkedId      the linkedid shared by every channel of the call
 * @param caller        caller id number, or null when Asterisk had none
 * @param callerName    caller id name, or null
 * @param queue         queue name
 * @param agent         MemberName of the agent who answered, or null when nobody did
 * @param enteredAt     when the caller joined the queue
 * @param answeredAt    when the agent connected, or null
 * @param endedAt       when the call ended (caller channel hung up)
 * @param waitSeconds   queue wait: entry to answer, or entry to abandon / timeout
 * @param talkSeconds   agent talk time, or null when not answered
 * @param outcome       answered, abandoned or timed out
 * @param recordingFile the MixMonitor file as Asterisk named it (its path on the PBX), or null
 */
public record CallRecord(
        String uniqueId,
        String linkedId,
        String caller,
        String callerName,
        String queue,
        String agent,
        Instant enteredAt,
        Instant answeredAt,
        Instant endedAt,
        double waitSeconds,
        Double talkSeconds,
        CallOutcome outcome,
        String recordingFile) {

    public CallRecord {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(enteredAt, "enteredAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(outcome, "outcome");
        if (waitSeconds < 0) {
            throw new IllegalArgumentException("waitSeconds must be >= 0, was " + waitSeconds);
        }
    }

    /**
     * Seconds from queue entry to the end of the call: the longer of Asterisk's own wait + talk and
     * the span between the instants (which without {@code timestampevents} are receipt times, and can
     * be compressed when events arrive in a burst, e.g. after a reconnect).
     */
    public double durationSeconds() {
        double span = Duration.between(enteredAt, endedAt).toMillis() / 1000.0;
        return Math.max(span, waitSeconds + (talkSeconds == null ? 0 : talkSeconds));
    }
}
