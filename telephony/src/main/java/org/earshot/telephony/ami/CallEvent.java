package org.earshot.telephony.ami;

import java.time.Instant;
import java.util.Objects;

/**
 * What the call tracker needs from one AMI channel event, copied out of Asterisk-Java's mutable event
 * objects on the reader thread so that nothing of the library crosses into the tracker's thread.
 *
 * <p>{@link #uniqueId()} is the caller channel's Uniqueid (the queue_log callid) for queue events, and the
 * channel's own Uniqueid for {@link HoldChanged}, {@link VariableSet} and {@link ChannelHungUp}: an opaque
 * string, with a system name ({@code earshot-lab-1795393059.1}) or without ({@code 1795393059.1}).
 */
sealed interface CallEvent extends AmiEvent {

    String uniqueId();

    /** {@code QueueCallerJoin}: the caller entered a queue; {@code exten} is the dialled number (DNIS). */
    record CallerJoined(String uniqueId, Instant at, String linkedId, String caller, String callerName,
                        String queue, String exten, Integer position) implements CallEvent {
        public CallerJoined {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }

        CallerJoined(String uniqueId, Instant at, String linkedId, String caller, String callerName, String queue) {
            this(uniqueId, at, linkedId, caller, callerName, queue, null, null);
        }
    }

    /**
     * {@code QueueCallerLeave}: the caller is out of the queue, whatever the reason (an agent answered, the
     * caller hung up, the queue timed out, the caller pressed an exit key); {@code position} is where it was.
     * It has no reason field (Queue, Position, Count only, as the capture shows).
     */
    record CallerLeft(String uniqueId, Instant at, String queue, Integer position) implements CallEvent {
        public CallerLeft {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** {@code AgentCalled}: a member's phone is ringing for this caller. */
    record AgentRinging(String uniqueId, Instant at, String linkedId, String caller, String queue, String agent,
                        String agentInterface) implements CallEvent {
        public AgentRinging {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** {@code AgentRingNoAnswer}: RingTime is milliseconds here (seconds in AgentConnect). */
    record RingNoAnswer(String uniqueId, Instant at, String agent, String agentInterface, Long ringMillis)
            implements CallEvent {
        public RingNoAnswer {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** {@code AgentConnect}: a member answered; {@code holdSeconds} is Asterisk's HoldTime (seconds). */
    record AgentConnected(String uniqueId, Instant at, String agent, Long holdSeconds, String agentInterface,
                          String queue, String linkedId, String caller) implements CallEvent {
        public AgentConnected {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }

        AgentConnected(String uniqueId, Instant at, String agent, Long holdSeconds) {
            this(uniqueId, at, agent, holdSeconds, null, null, null, null);
        }
    }

    /** {@code AgentComplete}: the agent part of the call ended; TalkTime and HoldTime in seconds. */
    record AgentCompleted(String uniqueId, Instant at, String agent, Long holdSeconds, Long talkSeconds,
                          String reason, String agentInterface, String queue) implements CallEvent {
        public AgentCompleted {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }

        AgentCompleted(String uniqueId, Instant at, String agent, Long holdSeconds, Long talkSeconds, String reason) {
            this(uniqueId, at, agent, holdSeconds, talkSeconds, reason, null, null);
        }
    }

    /**
     * {@code QueueCallerAbandon}: the caller left the queue unanswered. Asterisk also sends this when the
     * queue's own timeout expires; only a later {@code QUEUESTATUS=TIMEOUT} tells the two apart.
     */
    record CallerAbandoned(String uniqueId, Instant at, Integer holdSeconds, Integer position) implements CallEvent {
        public CallerAbandoned {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }

        CallerAbandoned(String uniqueId, Instant at, Integer holdSeconds) {
            this(uniqueId, at, holdSeconds, null);
        }
    }

    /**
     * {@code Hold}/{@code Unhold} or {@code MusicOnHoldStart}/{@code Stop} on any channel of a call
     * (found by {@code linkedId}); {@code uniqueId} is that channel's own.
     */
    record HoldChanged(String uniqueId, Instant at, String linkedId, boolean onHold) implements CallEvent {
        public HoldChanged {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** {@code BlindTransfer} / {@code AttendedTransfer}; {@code uniqueId} is the transferee (the caller). */
    record Transferred(String uniqueId, Instant at, boolean attended, String target) implements CallEvent {
        public Transferred {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** {@code VarSet} of a channel variable the tracker cares about (see {@link CallTracker#VARIABLES}). */
    record VariableSet(String uniqueId, Instant at, String name, String value) implements CallEvent {
        public VariableSet {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * {@code DialBegin} from a calling channel ({@code Dial()}, or {@code Queue()} ringing a member): the
     * calling channel's Uniqueid/Linkedid/Channel/CallerIDNum/CallerIDName/Exten and the dialled
     * {@code DestUniqueid}/{@code DestChannel}. An Originate's DialBegin has no calling channel and never
     * becomes one of these.
     */
    record DialBegan(String uniqueId, Instant at, String linkedId, String channel, String caller,
                     String callerName, String exten, String destUniqueId, String destChannel) implements CallEvent {
        public DialBegan {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(destUniqueId, "destUniqueId");
        }
    }

    /** {@code DialEnd}: {@code DialStatus} ANSWER, NOANSWER, BUSY, CANCEL, CHANUNAVAIL, CONGESTION, ... */
    record DialEnded(String uniqueId, Instant at, String destUniqueId, String destChannel, String dialStatus)
            implements CallEvent {
        public DialEnded {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(destUniqueId, "destUniqueId");
        }
    }

    /**
     * {@code DTMFBegin} / {@code DTMFEnd} on a channel: a key was pressed. Deliberately without the {@code Digit}:
     * keypad digits are card data and never leave the AMI reader (see {@link DigitlessDtmfBeginEvent}).
     *
     * @param received   {@code Direction: Received} (the digit came from the channel's own side) or {@code Sent}
     * @param end        true for DTMFEnd
     * @param durationMs DTMFEnd's {@code DurationMs}, null for a begin
     */
    record KeyPressed(String uniqueId, Instant at, String linkedId, boolean received, boolean end, Integer durationMs)
            implements CallEvent {
        public KeyPressed {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * {@code MixMonitorMute}: the MixMonitors on this channel stop (or resume) recording one direction; {@code read}
     * and {@code write} say which the event's {@code Direction} ({@code read}, {@code write}, {@code both}) named.
     */
    record MuteChanged(String uniqueId, Instant at, String linkedId, boolean read, boolean write, boolean muted)
            implements CallEvent {
        public MuteChanged {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** {@code Hangup} of any channel; the tracker ends the call when it is a tracked caller channel. */
    record ChannelHungUp(String uniqueId, Instant at, String linkedId) implements CallEvent {
        public ChannelHungUp {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }

        ChannelHungUp(String uniqueId, Instant at) {
            this(uniqueId, at, null);
        }
    }
}
