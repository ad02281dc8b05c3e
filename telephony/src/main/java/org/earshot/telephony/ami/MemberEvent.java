package org.earshot.telephony.ami;

import java.time.Instant;
import java.util.Objects;

/**
 * A queue member's state as Asterisk reported it: {@code QueueMemberAdded/Status/Pause} (which name the
 * agent with {@code MemberName:}) and the {@code QueueMember} items of a QueueStatus answer (which use
 * {@code Name:}).
 */
sealed interface MemberEvent extends AmiEvent {

    String queue();

    String agent();

    /**
     * @param paused     Paused: 0|1, null when the event did not say
     * @param status     device status (1 not in use, 2 in use, 5 unavailable, 6 ringing, ...)
     * @param inCall     InCall: 0|1
     * @param wrapUpSeconds the member's Wrapuptime, null when not sent
     * @param listed     true for a QueueStatus item (a full snapshot, e.g. after a reconnect)
     */
    record MemberSeen(Instant at, String queue, String agent, String agentInterface, Boolean paused,
                      String pauseReason, Integer status, Boolean inCall, Integer callsTaken,
                      Integer wrapUpSeconds, boolean listed) implements MemberEvent {
        public MemberSeen {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(agent, "agent");
        }
    }

    /** {@code QueueMemberRemoved}: the agent logged off the queue. */
    record MemberRemoved(Instant at, String queue, String agent, String agentInterface) implements MemberEvent {
        public MemberRemoved {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(agent, "agent");
        }
    }
}
