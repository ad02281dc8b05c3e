package org.earshot.telephony;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Live agent activity from AMI: queue member events and the calls agents ring, take, hold and finish;
 * rebuilt from {@code QueueStatus} after every (re)login.
 *
 * <pre>{@code
 * AgentBoard board = bridge.agentBoard();
 * board.subscribe(state -> websocket.broadcast(state));   // on every change
 * List<AgentState> wall = board.snapshot();               // e.g. GET /api/agents/live
 * }</pre>
 */
public interface AgentBoard {

    /** Every agent seen, sorted by name; immutable values, safe from any thread. */
    List<AgentState> snapshot();

    /** One agent by MemberName. */
    Optional<AgentState> agent(String name);

    /**
     * Calls {@code listener} with an agent's new state on every change, on the telephony thread
     * {@code earshot-ami-calls}: keep it short (hand off to the web layer), it delays call processing.
     * Returns a handle whose {@code close()} unsubscribes.
     */
    AutoCloseable subscribe(Consumer<AgentState> listener);
}
