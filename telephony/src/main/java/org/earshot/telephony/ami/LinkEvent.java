package org.earshot.telephony.ami;

import java.time.Instant;
import java.util.Objects;

/**
 * The AMI connection itself, and the listings that resynchronise state after (re)connecting: the channels
 * that are up ({@code CoreShowChannels}) and the callers waiting per queue ({@code QueueStatus}).
 */
sealed interface LinkEvent extends AmiEvent {

    /** Asterisk-Java's {@code DisconnectEvent}: events from now on may be missed. */
    record LinkDown(Instant at) implements LinkEvent {
    }

    /**
     * Asterisk-Java's {@code ConnectEvent}, fired once a login succeeded: after a {@link LinkDown}, events
     * between the two were missed.
     */
    record LinkUp(Instant at) implements LinkEvent {
    }

    /** A {@code CoreShowChannel} item: a channel that is up now. */
    record ChannelListed(Instant at, String uniqueId, String linkedId, String channel, String application,
                         String caller, String exten, long upSeconds) implements LinkEvent {
        public ChannelListed {
            Objects.requireNonNull(uniqueId, "uniqueId");
        }
    }

    /**
     * After a login, Asterisk would not list its channels ({@code CoreShowChannels} failed or was answered with
     * an error however often asked): calls open across the drop can no longer be confirmed.
     */
    record ChannelsUnconfirmed(Instant at) implements LinkEvent {
    }

    /** {@code CoreShowChannelsComplete}: every channel up at this moment has been listed. */
    record ChannelListComplete(Instant at) implements LinkEvent {
    }

    /**
     * A {@code QueueParams} item of a QueueStatus answer: the listing of this queue starts; its
     * {@code QueueMember} and {@code QueueEntry} items follow.
     */
    record QueueListed(Instant at, String queue) implements LinkEvent {
        public QueueListed {
            Objects.requireNonNull(queue, "queue");
        }
    }

    /**
     * A {@code QueueEntry} item of a QueueStatus answer: a caller waiting now.
     *
     * @param waitSeconds Asterisk's {@code Wait}: seconds since the caller joined, or null when not sent
     */
    record CallerListed(Instant at, String queue, String uniqueId, String caller, String callerName,
                        Integer position, Long waitSeconds) implements LinkEvent {
        public CallerListed {
            Objects.requireNonNull(queue, "queue");
            Objects.requireNonNull(uniqueId, "uniqueId");
        }
    }

    /** {@code QueueStatusComplete}: every queue listed since its start has listed all its waiting callers. */
    record QueueListComplete(Instant at) implements LinkEvent {
    }
}
