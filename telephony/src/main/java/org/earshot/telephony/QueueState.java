package org.earshot.telephony;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One queue on the live wall.
 *
 * @param queue   the queue's name, as in queues.conf
 * @param callers who waits now, by position (1 = next to be offered to an agent)
 */
public record QueueState(String queue, List<WaitingCaller> callers) {
    public QueueState {
        Objects.requireNonNull(queue, "queue");
        callers = List.copyOf(callers);
    }

    /** How many callers wait. */
    public int waiting() {
        return callers.size();
    }

    /** Since when the longest-waiting caller waits, or null when nobody does. */
    public Instant longestWaitSince() {
        return callers.stream().map(WaitingCaller::since).min(Instant::compareTo).orElse(null);
    }
}
