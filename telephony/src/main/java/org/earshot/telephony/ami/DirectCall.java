package org.earshot.telephony.ami;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.HangupSide;
import org.earshot.telephony.RingAttempt;

/**
 * The mutable state of one inbound call that {@code Dial()}ed an agent without a queue, from its first
 * {@code DialBegin} to the caller channel's {@code Hangup}; owned by {@link DirectCalls}.
 *
 * <p>Times from the events' instants: wait = first DialBegin → DialEnd ANSWER (the ring time; unanswered:
 * → the last DialEnd, or the hang-up while it still rang), talk = answer → the first hang-up of caller or
 * answering leg.
 */
final class DirectCall {

    /** DialStatus values after which the agent was rung and did not pick up: a ring attempt, as RINGNOANSWER. */
    private static final Set<String> NOT_PICKED_UP = Set.of("NOANSWER", "BUSY");

    final CallEvent.DialBegan first;
    final List<String> recordings = new ArrayList<>(2);
    final HoldTimer hold = new HoldTimer();
    /** Keypad runs and recording mutes on the caller channel. */
    final SpanWatch spans = new SpanWatch();
    /** The events applied to this call, to skip them when they come again after a reconnect. */
    final Applied applied;
    /** Dialled legs by DestUniqueid, in dial order. */
    private final Map<String, Leg> legs = new LinkedHashMap<>(2);
    private Leg answeredLeg;
    private Instant answeredAt;
    private Instant lastDialEnd;
    private String lastStatus;
    private Instant talkEnded;
    private HangupSide endedBy;
    /** The AMI link dropped while this call was open: it is reported {@code partial}. */
    boolean gap;
    /**
     * The queue the FastAGI {@code route} script picked the agent for ({@code EARSHOT_QUEUE}), so the call counts
     * for that queue although it never joined it; null for a dial no route script chose.
     */
    String routedQueue;

    DirectCall(CallEvent.DialBegan first) {
        this.first = first;
        this.applied = new Applied(first);
    }

    void dialled(CallEvent.DialBegan dial, String agent, String agentInterface) {
        legs.putIfAbsent(dial.destUniqueId(), new Leg(dial.at(), agent, agentInterface));
    }

    /** Returns the leg's agent when this DialEnd answered the call, else null. */
    String dialEnded(CallEvent.DialEnded end) {
        Leg leg = legs.get(end.destUniqueId());
        if (leg == null || leg.status != null) {
            return null; // a second DialEnd for the same leg (S4 shows NOANSWER then CANCEL): the first counts
        }
        leg.status = end.dialStatus() == null ? "" : end.dialStatus().toUpperCase(Locale.ROOT);
        leg.ended = end.at();
        lastDialEnd = end.at();
        lastStatus = leg.status;
        if ("ANSWER".equals(leg.status) && answeredLeg == null) {
            answeredLeg = leg;
            answeredAt = end.at();
            return leg.agent;
        }
        return null;
    }

    boolean answered() {
        return answeredAt != null;
    }

    /** Whether this uniqueid is the answering leg (its hang-up ends the talk). */
    boolean isAnsweringLeg(String destUniqueId) {
        Leg leg = legs.get(destUniqueId);
        return leg != null && leg == answeredLeg;
    }

    void agentHungUp(Instant at) {
        if (talkEnded == null) {
            talkEnded = at;
            endedBy = HangupSide.AGENT;
        }
    }

    /** The agent who answered (MemberName, or the dialled device), or null. */
    String agent() {
        return answeredLeg == null ? null : answeredLeg.agent;
    }

    /** The call as a record; {@code endedDuringDrop} when its end was only learnt from a channel listing. */
    CallRecord.Builder finish(Instant endedAt, boolean endedDuringDrop) {
        if (talkEnded == null) {
            talkEnded = endedAt;
            endedBy = answered() ? HangupSide.CALLER
                    : lastStatus == null || "CANCEL".equals(lastStatus) ? HangupSide.CALLER : HangupSide.SYSTEM;
        }
        hold.stop(talkEnded);
        Instant waitEnd = answered() ? answeredAt : lastDialEnd != null ? lastDialEnd : endedAt;
        Double talk = answered() ? seconds(answeredAt, talkEnded) : null;
        String file = OpenCall.mainRecording(recordings);
        // As in a queue: only a caller who hangs up while it rings has abandoned; a Dial() that rang out
        // (NOANSWER, BUSY, ...) and the dialplan's hang-up after it are the system's timeout.
        CallOutcome outcome = answered() ? CallOutcome.ANSWERED
                : endedBy == HangupSide.CALLER ? CallOutcome.ABANDONED : CallOutcome.TIMEOUT;
        return CallRecord.builder(first.uniqueId(), first.at(), endedAt, outcome)
                .linkedId(first.linkedId()).caller(first.caller()).callerName(first.callerName())
                .queues(routedQueue == null ? List.of() : List.of(routedQueue)).dnis(first.exten())
                .answeredAt(answeredAt).waitSeconds(seconds(first.at(), waitEnd))
                .talkSeconds(talk).holdSeconds(answered() ? hold.seconds() : null)
                .agents(answered() ? List.of(new AgentTalk(answeredLeg.agent, answeredLeg.agentInterface, talk, 1.0))
                        : List.of())
                .ringAttempts(ringAttempts()).recordingFile(file).recordingFiles(recordings)
                .recordingChannels(file != null && file.toLowerCase(Locale.ROOT).endsWith(".raw")
                        ? List.of("customer", "agent") : List.of())
                .endedBy(endedBy).partial(gap || endedDuringDrop)
                .keypadSpans(spans.keypadSpans(endedAt)).mutedSpans(spans.mutedSpans(endedAt));
    }

    /** When the agent part ended: the start of the agent's wrap-up. */
    Instant talkEnded() {
        return talkEnded;
    }

    private List<RingAttempt> ringAttempts() {
        List<RingAttempt> rings = new ArrayList<>(1);
        for (Leg leg : legs.values()) {
            if (leg.status != null && NOT_PICKED_UP.contains(leg.status)) {
                rings.add(new RingAttempt(leg.agent, leg.agentInterface, Duration.between(leg.began, leg.ended).toMillis()));
            }
        }
        return rings;
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }

    /** One dialled destination. */
    private static final class Leg {
        final Instant began;
        final String agent;
        final String agentInterface;
        String status;
        Instant ended;

        Leg(Instant began, String agent, String agentInterface) {
            this.began = began;
            this.agent = agent;
            this.agentInterface = agentInterface;
        }
    }
}
