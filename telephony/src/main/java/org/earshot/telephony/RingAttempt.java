package org.earshot.telephony;

import java.util.Objects;

/**
 * An agent who was rung for the call and did not answer ({@code AgentRingNoAnswer}, queue_log
 * {@code RINGNOANSWER}).
 *
 * @param agent          MemberName
 * @param agentInterface member interface, or null when unknown (import)
 * @param ringMillis     how long it rang, milliseconds as Asterisk reports it
 */
public record RingAttempt(String agent, String agentInterface, long ringMillis) {
    public RingAttempt {
        Objects.requireNonNull(agent, "agent");
    }
}
