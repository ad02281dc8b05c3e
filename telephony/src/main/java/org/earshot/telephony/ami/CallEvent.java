package org.earshot.telephony.ami;

import java.time.Instant;
import java.util.Objects;

/**
 * What the call tracker needs from one AMI event, copied out of Asterisk-Java's mutable event objects on
 * the reader thread so that nothing of the library crosses into the tracker's thread.
 *
 * <p>{@link #uniqueId()} is always the caller channel's Uniqueid (the queue_log callid) as Asterisk sent
 * it, an opaque string: with a system name ({@code earshot-lab-1795393059.1}) or without ({@code
 * 1795393059.1}). {@link #at()} is the event's {@code Timestamp} header, or the receipt time.
 */
sealed interface CallEvent {

    String uniqueId();

    Instant at();

    /** {@code QueueCallerJoin}: the caller entered a queue. */
    record CallerJoined(String uniqueId, Instant at, String linkedId, String caller, String callerName,
                        String queue) implements CallEvent {
        public CallerJoined {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** {@code AgentConnect}: a member answered; {@code holdSeconds} is Asterisk's HoldTime (seconds). */
    record AgentConnected(String uniqueId, Instant at, String agent, Long holdSeconds) implements CallEvent {
        public AgentConnected {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** {@code AgentComplete}: the agent part of the call ended; TalkTime and HoldTime in seconds. */
    record AgentCompleted(String uniqueId, Instant at, String agent, Long holdSeconds, Long talkSeconds,
                          String reason) implements CallEvent {
        public AgentCompleted {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * {@code QueueCallerAbandon}: the caller left the queue unanswered. Asterisk also sends this when the
     * queue's own timeout expires; only a later {@code QUEUESTATUS=TIMEOUT} tells the two apart.
     */
    record CallerAbandoned(String uniqueId, Instant at, Integer holdSeconds) implements CallEvent {
        public CallerAbandoned {
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

    /** {@code Hangup} of any channel; the tracker ends the call when it is a tracked caller channel. */
    record ChannelHungUp(String uniqueId, Instant at) implements CallEvent {
        public ChannelHungUp {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(at, "at");
        }
    }
}
