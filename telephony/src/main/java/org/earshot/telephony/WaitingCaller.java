package org.earshot.telephony;

import java.time.Instant;
import java.util.Objects;

/**
 * A caller waiting in a queue.
 *
 * @param uniqueId   the caller channel's Uniqueid (the queue_log callid, {@link CallRecord#uniqueId()} later)
 * @param caller     caller number, or null when withheld
 * @param callerName caller name, or null when unknown
 * @param position   place in the queue, 1 = next; Asterisk moves everyone behind up when a caller leaves
 * @param since      when the caller joined the queue: the {@code QueueCallerJoin} event's time, or after a
 *                   reconnect the {@code QueueEntry}'s time less its {@code Wait}
 */
public record WaitingCaller(String uniqueId, String caller, String callerName, int position, Instant since) {
    public WaitingCaller {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(since, "since");
    }
}
