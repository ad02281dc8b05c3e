package org.earshot.telephony;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One agent on the live wall.
 *
 * @param agent          MemberName
 * @param agentInterface member interface, e.g. {@code Local/1001@agents/n}, or null when not yet known
 * @param queues         queues the agent is a member of, sorted
 * @param activity       what the agent does now
 * @param pauseReason    reason of the current pause (also while on a call taken before pausing), or null
 * @param caller         caller number of the call ringing / on call / on hold, or null
 * @param callId         that call's caller uniqueid, or null
 * @param since          when the current activity began
 * @param today          today's counts
 */
public record AgentState(String agent, String agentInterface, List<String> queues, AgentActivity activity,
                         String pauseReason, String caller, String callId, Instant since, AgentDay today) {
    public AgentState {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(activity, "activity");
        queues = List.copyOf(queues);
    }

    /** Logged in to at least one queue and neither paused nor busy. */
    public boolean available() {
        return activity == AgentActivity.AVAILABLE;
    }
}
