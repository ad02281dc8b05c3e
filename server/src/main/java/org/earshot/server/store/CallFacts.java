package org.earshot.server.store;

import java.time.Instant;
import java.util.List;

/**
 * A stored call with everything the KPIs and coaching read of it: its survey answers, the flags of
 * its analysis, the agents who talked, and what its caller did before and after (kept by
 * {@link KpiRollupStore} as calls arrive).
 *
 * @param agents        each agent's part in the order they talked; empty or one for a call without transfer
 * @param prevEndedAt   end of the caller's previous call (null: none, or an unknown caller)
 * @param nextEnteredAt start of the caller's next call (null: none yet)
 * @param caseFirstId   the first call of this call's case (itself when it starts one; null for an unknown caller)
 * @param caseEndedAt   on a case's first call, the end of the case's last call so far
 * @param analysedAt    when its analysis was stored, or null when it was not analysed
 */
public record CallFacts(String id, String caller, String queue, String agent, Instant enteredAt, Instant endedAt,
                        String outcome, double waitSeconds, Double talkSeconds, Double holdSeconds,
                        Double wrapUpSeconds, List<String> flags, Integer csat, Integer nps, Integer ces,
                        List<AgentPart> agents, Instant prevEndedAt, Instant nextEnteredAt, String caseFirstId,
                        Instant caseEndedAt, Instant analysedAt) {

    /** One agent's talk on a call. */
    public record AgentPart(String agent, double talkSeconds) {
    }

    CallFacts withAgents(List<AgentPart> parts) {
        return new CallFacts(id, caller, queue, agent, enteredAt, endedAt, outcome, waitSeconds, talkSeconds, holdSeconds,
                wrapUpSeconds, flags, csat, nps, ces, parts, prevEndedAt, nextEnteredAt, caseFirstId, caseEndedAt, analysedAt);
    }

    public CallFacts {
        flags = List.copyOf(flags);
        agents = List.copyOf(agents);
    }
}
