package org.earshot.telephony;

import java.util.Objects;

/**
 * One agent's part of a call.
 *
 * @param agent          MemberName (queue_log agent column)
 * @param agentInterface the member interface, e.g. {@code Local/1001@agents/n}; null when unknown (import)
 * @param talkSeconds    Asterisk's TalkTime for this agent's part (includes time the caller was on hold)
 * @param share          this agent's talkSeconds / the call's total talk, 0..1
 */
public record AgentTalk(String agent, String agentInterface, double talkSeconds, double share) {
    public AgentTalk {
        Objects.requireNonNull(agent, "agent");
        if (talkSeconds < 0 || share < 0 || share > 1) {
            throw new IllegalArgumentException("talkSeconds >= 0 and share in [0,1] required, was "
                    + talkSeconds + " / " + share);
        }
    }
}
