package org.earshot.telephony.ami;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.HangupSide;
import org.earshot.telephony.RingAttempt;
import org.earshot.telephony.Transfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The mutable state of one call between queue join and caller hangup; owned by the {@link CallTracker}. */
final class OpenCall {

    private static final Logger LOG = LoggerFactory.getLogger(OpenCall.class);
    /**
     * QUEUESTATUS values with which app_queue sends a waiting caller out (it sends QueueCallerAbandon for each
     * too), counted as the queue_log import counts the verb it logs: TIMEOUT (EXITWITHTIMEOUT), LEAVEEMPTY and
     * LEAVEUNAVAIL (leavewhenempty, logged as EXITEMPTY) and WITHDRAW (WITHDRAW) are timeouts: offered, not
     * answered, not abandoned, since the caller did not give up. The other values are no way out of a queue:
     * JOINEMPTY, FULL and JOINUNAVAIL come from a Queue() the caller never joined (a later one in the
     * dialplan), CONTINUE from an answered call.
     */
    private static final Map<String, CallOutcome> SENT_OUT = Map.of("TIMEOUT", CallOutcome.TIMEOUT,
            "LEAVEEMPTY", CallOutcome.TIMEOUT, "LEAVEUNAVAIL", CallOutcome.TIMEOUT, "WITHDRAW", CallOutcome.TIMEOUT);

    final CallEvent.CallerJoined joined;
    final List<String> recordings = new ArrayList<>(2);
    final HoldTimer hold = new HoldTimer();
    /** Keypad runs and recording mutes on the caller channel. */
    final SpanWatch spans = new SpanWatch();
    /** The events applied to this call, to skip them when they come again after a reconnect. */
    final Applied applied;
    private final List<String> queues = new ArrayList<>(1);
    private final List<Segment> segments = new ArrayList<>(1);
    private final List<RingAttempt> rings = new ArrayList<>(1);
    private final List<Transfer> transfers = new ArrayList<>(1);
    private Instant answeredAt;
    private Double waitSeconds;
    private Integer abandonPosition;
    private HangupSide endedBy;
    // How the caller left the queue it was last in, for an unanswered call; see unanswered().
    private boolean abandonSeen;
    private CallOutcome sentOut;
    private Instant leftAt;
    private Integer leftPosition;
    /** When the last agent part ended (AgentComplete), the start of that agent's wrap-up. */
    Instant agentPartEnded;
    /** The AMI link dropped while this call was open: events may be missing. */
    boolean gap;
    /** What queue_log says about this call when it ended while the AMI link was down; null otherwise. */
    CallRecord filled;
    /** Opened from a channel listing (started while we were not connected). */
    boolean seenLate;

    OpenCall(CallEvent.CallerJoined joined) {
        this.joined = joined;
        this.applied = new Applied(joined);
        if (joined.queue() != null) {
            queues.add(joined.queue());
        }
    }

    void rejoined(CallEvent.CallerJoined again) {
        // A transfer to another queue, or a dialplan running Queue() again: the first entry stays the start.
        if (again.queue() != null && !queues.contains(again.queue())) {
            queues.add(again.queue());
        }
        // How the caller leaves this queue is what counts (e.g. a key press, then waiting in another queue).
        abandonSeen = false;
        abandonPosition = null;
        sentOut = null;
        leftAt = null;
        leftPosition = null;
    }

    /** A queue named by a later event of a call whose join was not seen (opened from a channel listing). */
    void inQueue(String queue) {
        if (queue != null && queues.isEmpty()) {
            queues.add(queue);
        }
    }

    void ringNoAnswer(CallEvent.RingNoAnswer ring) {
        if (ring.agent() != null) {
            rings.add(new RingAttempt(ring.agent(), ring.agentInterface(), ring.ringMillis() == null ? 0 : ring.ringMillis()));
        }
    }

    void answered(CallEvent.AgentConnected connected) {
        Segment current = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        if (current != null && !current.done && current.agent.equals(connected.agent())) {
            return; // the same agent cannot answer the same caller twice at once: a copy of the first connect
        }
        if (answeredAt == null) {
            answeredAt = connected.at();
            if (connected.holdSeconds() != null) {
                waitSeconds = connected.holdSeconds().doubleValue();
            }
        }
        segments.add(new Segment(connected.agent(), connected.agentInterface()));
        LOG.info("Call {} answered by {} after {} s", joined.uniqueId(), connected.agent(), waitSeconds);
    }

    /** Returns the agent whose part ended, for wrap-up. */
    String completed(CallEvent.AgentCompleted completed) {
        Segment segment = openSegment(completed.agent(), completed.agentInterface());
        if (answeredAt == null && completed.talkSeconds() != null) { // AgentConnect missed (AMI drop)
            answeredAt = completed.at().minusSeconds(completed.talkSeconds());
        }
        if (waitSeconds == null && completed.holdSeconds() != null) {
            waitSeconds = completed.holdSeconds().doubleValue();
        }
        segment.talkSeconds = completed.talkSeconds() == null ? null : completed.talkSeconds().doubleValue();
        segment.done = true;
        agentPartEnded = completed.at();
        endedBy = HangupSide.fromReason(completed.reason());
        hold.stop(completed.at());
        LOG.info("Call {} agent part of {} completed ({}), talk {} s", joined.uniqueId(), segment.agent,
                completed.reason(), segment.talkSeconds);
        return segment.agent;
    }

    void abandoned(CallEvent.CallerAbandoned abandoned) {
        if (abandoned.holdSeconds() != null) {
            waitSeconds = abandoned.holdSeconds().doubleValue();
        }
        abandonPosition = abandoned.position();
        abandonSeen = true;
        // Not yet "abandoned": a queue timeout sends the same event; QUEUESTATUS decides at hangup.
        LOG.info("Call {} left queue {} unanswered after {} s", joined.uniqueId(), joined.queue(), waitSeconds);
    }

    void transferred(CallEvent.Transferred transfer, String fromAgent) {
        transfers.add(new Transfer(transfer.attended() ? Transfer.Kind.ATTENDED : Transfer.Kind.BLIND,
                fromAgent, transfer.target(), transfer.at()));
        LOG.info("Call {} {} transferred by {} to {}", joined.uniqueId(), transfer.attended() ? "attended" : "blind",
                fromAgent, transfer.target());
    }

    /** {@code QueueCallerLeave}: it comes for every way out of the queue, an answer included (before AgentConnect). */
    void left(CallEvent.CallerLeft left) {
        leftAt = left.at();
        leftPosition = left.position();
    }

    void queueStatus(String value) {
        CallOutcome outcome = value == null ? null : SENT_OUT.get(value.trim());
        if (outcome != null) {
            sentOut = outcome;
        }
    }

    boolean answered() {
        return answeredAt != null;
    }

    /** The agent currently (or last) talking with the caller, or null. */
    String currentAgent() {
        return segments.isEmpty() ? null : segments.get(segments.size() - 1).agent;
    }

    /** The call as a record; {@code endedDuringDrop} when its end was only learnt from a channel listing. */
    CallRecord.Builder finish(Instant endedAt, boolean endedDuringDrop) {
        hold.stop(endedAt);
        CallOutcome outcome = answeredAt != null ? CallOutcome.ANSWERED : unanswered();
        Double talk = totalTalk();
        boolean partial = seenLate || gap && (endedDuringDrop || waitSeconds == null || answeredAt != null && talk == null);
        // As the import: only the caller ends an abandoned call; the queue ends a timeout and an exit with key.
        HangupSide side = endedBy != null ? endedBy : outcome == CallOutcome.ABANDONED ? HangupSide.CALLER
                : outcome == CallOutcome.ANSWERED ? null : HangupSide.SYSTEM;
        String file = mainRecording(recordings);
        return CallRecord.builder(joined.uniqueId(), joined.at(), endedAt, outcome)
                .linkedId(joined.linkedId()).caller(joined.caller()).callerName(joined.callerName())
                .queues(queues).answeredAt(answeredAt).waitSeconds(waitOr(endedAt)).talkSeconds(talk)
                .recordingFile(file).recordingFiles(recordings)
                // MixMonitor runs on the caller channel here: D's left channel is what the caller says.
                .recordingChannels(file != null && file.toLowerCase(Locale.ROOT).endsWith(".raw")
                        ? List.of("customer", "agent") : List.of())
                .holdSeconds(answeredAt == null ? null : hold.seconds())
                .agents(agentTalks(talk)).transfers(transfers).dnis(joined.exten()).ringAttempts(rings)
                .joinPosition(joined.position())
                .abandonPosition(answeredAt != null ? null : abandonPosition != null ? abandonPosition : leftPosition)
                .endedBy(side).partial(partial)
                .keypadSpans(spans.keypadSpans(endedAt)).mutedSpans(spans.mutedSpans(endedAt));
    }

    /**
     * app_queue sends QueueCallerAbandon whenever it lets a caller go unanswered but on a key press
     * ({@code EXITWITHKEY}): then the caller just leaves (QueueCallerLeave) for the dialplan's exit context,
     * with no QUEUESTATUS. A hang-up while waiting is the abandon with no QUEUESTATUS after it.
     */
    private CallOutcome unanswered() {
        if (sentOut != null) {
            return sentOut;
        }
        return leftAt != null && !abandonSeen ? CallOutcome.EXIT_WITH_KEY : CallOutcome.ABANDONED;
    }

    private Segment openSegment(String agent, String agentInterface) {
        for (int i = segments.size() - 1; i >= 0; i--) {
            Segment s = segments.get(i);
            if (!s.done && (agent == null || agent.equals(s.agent))) {
                return s;
            }
        }
        Segment missed = new Segment(agent == null ? "unknown" : agent, agentInterface); // connect not seen
        segments.add(missed);
        return missed;
    }

    private Double totalTalk() {
        if (answeredAt == null) {
            return null;
        }
        double total = 0;
        boolean any = false;
        for (Segment s : segments) {
            if (s.talkSeconds != null) {
                total += s.talkSeconds;
                any = true;
            }
        }
        return any ? total : null;
    }

    private List<AgentTalk> agentTalks(Double total) {
        List<AgentTalk> talks = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            double talk = s.talkSeconds == null ? 0 : s.talkSeconds;
            talks.add(new AgentTalk(s.agent, s.agentInterface, talk, total == null || total == 0 ? 0 : talk / total));
        }
        return talks;
    }

    /**
     * Asterisk's HoldTime when it sent one. Only when it did not (no Agent/Abandon event: an exit with key, or a
     * reconnect gap) fall back to the event instants, up to the answer or the caller leaving the queue; a fast
     * replay compresses those.
     */
    private double waitOr(Instant endedAt) {
        if (waitSeconds != null) {
            return waitSeconds;
        }
        Instant until = answeredAt != null ? answeredAt : leftAt != null ? leftAt : endedAt;
        return Math.max(0, Duration.between(joined.at(), until).toMillis() / 1000.0);
    }

    /** The stereo {@code .raw} of MixMonitor option D when there is one (per-party analysis), else the last. */
    static String mainRecording(List<String> recordings) {
        for (int i = recordings.size() - 1; i >= 0; i--) {
            if (recordings.get(i).toLowerCase(Locale.ROOT).endsWith(".raw")) {
                return recordings.get(i);
            }
        }
        return recordings.isEmpty() ? null : recordings.get(recordings.size() - 1);
    }

    /** One agent's part of the call, from AgentConnect to AgentComplete. */
    private static final class Segment {
        final String agent;
        final String agentInterface;
        Double talkSeconds;
        boolean done;

        Segment(String agent, String agentInterface) {
            this.agent = agent;
            this.agentInterface = agentInterface;
        }
    }
}
