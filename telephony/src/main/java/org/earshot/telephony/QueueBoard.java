package org.earshot.telephony;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Live callers waiting in each queue, from AMI: {@code QueueCallerJoin} adds one, {@code QueueCallerLeave}
 * (an agent answered, the caller gave up, the queue timed out) and {@code QueueCallerAbandon} take one out;
 * rebuilt from the {@code QueueEntry} items of {@code QueueStatus} after every (re)login.
 *
 * <pre>{@code
 * QueueBoard queues = bridge.queueBoard();
 * queues.subscribe(wall -> websocket.broadcast(wall));   // the whole list, on every change
 * List<QueueState> wall = queues.snapshot();             // e.g. GET /api/queues/live
 * }</pre>
 */
public interface QueueBoard {

    /** Every queue seen (in members, QueueStatus or a caller joining), sorted by name; immutable, any thread. */
    List<QueueState> snapshot();

    /** One queue by name. */
    Optional<QueueState> queue(String name);

    /**
     * Calls {@code listener} with the whole {@link #snapshot()} after every change, on the telephony thread
     * {@code earshot-ami-calls}: keep it short (hand off to the web layer), it delays call processing.
     * Returns a handle whose {@code close()} unsubscribes.
     */
    AutoCloseable subscribe(Consumer<List<QueueState>> listener);
}
