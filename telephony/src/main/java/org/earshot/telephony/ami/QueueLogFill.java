package org.earshot.telephony.ami;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;

/**
 * Joins what AMI saw of a call before its link dropped with what queue_log says about the whole queue part.
 *
 * <p>queue_log wins for what it records in full (outcome, wait, talk per agent, who ended it, abandon
 * position); AMI keeps what queue_log never has (linkedid, caller name, DNIS, recordings, member
 * interfaces). Hold is unknown ({@code null}, as in an import) once the answered part reached into the gap.
 */
final class QueueLogFill {

    private QueueLogFill() {
    }

    /**
     * @param seen             the call as AMI saw it, ended at its Hangup or at the channel listing
     * @param queueLog         the same call (same uniqueid) read from queue_log
     * @param endedDuringDrop  true when the call's end was not seen: queue_log's end instant is used
     */
    static CallRecord merge(CallRecord seen, CallRecord queueLog, boolean endedDuringDrop) {
        boolean answered = queueLog.outcome() == CallOutcome.ANSWERED;
        LinkedHashSet<String> queues = new LinkedHashSet<>(seen.queues());
        queues.addAll(queueLog.queues());
        return seen.toBuilder()
                .outcome(queueLog.outcome())
                .answeredAt(seen.answeredAt() != null ? seen.answeredAt() : queueLog.answeredAt())
                .endedAt(endedDuringDrop ? queueLog.endedAt() : seen.endedAt())
                .waitSeconds(queueLog.waitSeconds())
                .talkSeconds(queueLog.talkSeconds())
                .agents(agents(seen.agents(), queueLog.agents())).agent(null)
                .queues(new ArrayList<>(queues)).queue(null)
                .transfers(seen.transfers().size() >= queueLog.transfers().size() ? seen.transfers() : queueLog.transfers())
                .ringAttempts(seen.ringAttempts().size() >= queueLog.ringAttempts().size()
                        ? seen.ringAttempts() : queueLog.ringAttempts())
                .abandonPosition(answered ? null : queueLog.abandonPosition())
                .endedBy(queueLog.endedBy() != null ? queueLog.endedBy() : seen.endedBy())
                .holdSeconds(answered ? null : seen.holdSeconds())
                .handleSeconds(null)
                .partial(false)
                .build();
    }

    /** The agent who talked last, for wrap-up; null when nobody answered. */
    static String lastAgent(CallRecord call) {
        return call.agents().isEmpty() ? null : call.agents().get(call.agents().size() - 1).agent();
    }

    /** queue_log's agents and talk, with AMI's member interface where the same agent is at the same place. */
    private static List<AgentTalk> agents(List<AgentTalk> seen, List<AgentTalk> queueLog) {
        List<AgentTalk> merged = new ArrayList<>(queueLog.size());
        for (int i = 0; i < queueLog.size(); i++) {
            AgentTalk q = queueLog.get(i);
            String iface = i < seen.size() && seen.get(i).agent().equals(q.agent()) ? seen.get(i).agentInterface()
                    : q.agentInterface();
            merged.add(new AgentTalk(q.agent(), iface, q.talkSeconds(), q.share()));
        }
        return merged;
    }
}
