package org.earshot.telephony.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.HangupSide;
import org.earshot.telephony.RingAttempt;
import org.earshot.telephony.Transfer;

/** One call being read from queue_log, with its caller-leg CDR row when there is one. */
final class ImportedCall {

    private final QueueLogLine enter;
    private final CdrReader.Row cdr;
    private final List<String> queues = new ArrayList<>(1);
    private final List<RingAttempt> rings = new ArrayList<>(1);
    private final List<String[]> talks = new ArrayList<>(1); // agent, talk seconds
    private final List<Transfer> transfers = new ArrayList<>(1);
    private final List<UnreadableLine> unreadable = new ArrayList<>(0);
    private final Integer position;
    private Instant answeredAt;
    private Double wait;

    /** @throws IllegalArgumentException when the ENTERQUEUE's position is not a number */
    ImportedCall(QueueLogLine enter, CdrReader.Row cdr) {
        this.enter = enter;
        this.cdr = cdr;
        this.position = enter.data(3).isBlank() ? null : enter.number(3, "position");
        queues.add(enter.queue());
    }

    String id() {
        return enter.callId();
    }

    /** Line number of the ENTERQUEUE that opened the call. */
    int enterLine() {
        return enter.number();
    }

    /** True once a CONNECT of the call was read. */
    boolean connected() {
        return answeredAt != null;
    }

    /** A line of this call that could not be read. */
    void unreadable(UnreadableLine line) {
        unreadable.add(line);
    }

    List<UnreadableLine> unreadableLines() {
        return unreadable;
    }

    void rejoined(String queue) {
        if (!queues.contains(queue)) {
            queues.add(queue);
        }
    }

    void connect(Instant at, String agent, int holdtime) {
        if (answeredAt == null) {
            answeredAt = at;
            wait = (double) holdtime;
        }
        talks.add(new String[] {agent, null});
    }

    void ringNoAnswer(String agent, int ringMillis) {
        rings.add(new RingAttempt(agent, null, ringMillis));
    }

    CallRecord complete(Instant at, String agent, int calltime, HangupSide side) {
        talked(agent, calltime);
        return builder(at, CallOutcome.ANSWERED).endedBy(side).build();
    }

    CallRecord transfer(Instant at, String agent, boolean attended, String target, int calltime) {
        talked(agent, calltime);
        transfers.add(new Transfer(attended ? Transfer.Kind.ATTENDED : Transfer.Kind.BLIND, agent, target, at));
        // The caller talks on after a transfer: the CDR's end of the caller leg is the call's end.
        Instant end = cdr != null && cdr.end() != null && cdr.end().isAfter(at) ? cdr.end() : at;
        return builder(end, CallOutcome.ANSWERED).endedBy(HangupSide.TRANSFER).build();
    }

    CallRecord unanswered(Instant at, CallOutcome outcome, int position, int waittime) {
        wait = (double) waittime;
        return builder(at, outcome).abandonPosition(position)
                .endedBy(outcome == CallOutcome.ABANDONED ? HangupSide.CALLER : HangupSide.SYSTEM).build();
    }

    private void talked(String agent, int calltime) {
        for (int i = talks.size() - 1; i >= 0; i--) {
            if (talks.get(i)[0].equals(agent) && talks.get(i)[1] == null) {
                talks.get(i)[1] = Long.toString(calltime);
                return;
            }
        }
        talks.add(new String[] {agent, Long.toString(calltime)});
    }

    private CallRecord.Builder builder(Instant end, CallOutcome outcome) {
        double total = 0;
        for (String[] t : talks) {
            total += t[1] == null ? 0 : Double.parseDouble(t[1]);
        }
        List<AgentTalk> agents = new ArrayList<>();
        for (String[] t : talks) {
            double talk = t[1] == null ? 0 : Double.parseDouble(t[1]);
            agents.add(new AgentTalk(t[0], null, talk, total == 0 ? 0 : talk / total));
        }
        String caller = enter.data(2).isBlank() ? (cdr == null ? null : cdr.src()) : enter.data(2);
        return CallRecord.builder(enter.callId(), enter.at(), end, outcome)
                .linkedId(cdr == null ? null : cdr.linkedId()).caller(caller)
                .callerName(cdr == null ? null : cdr.callerName()).queues(queues).answeredAt(answeredAt)
                .waitSeconds(wait == null ? 0 : wait).talkSeconds(outcome == CallOutcome.ANSWERED ? total : null)
                .agents(agents).transfers(transfers).ringAttempts(rings).joinPosition(position)
                .dnis(cdr == null || cdr.dst().isBlank() ? null : cdr.dst());
        // holdSeconds and wrapUpSeconds stay null: queue_log has no hold verbs and no wrap-up.
    }
}
