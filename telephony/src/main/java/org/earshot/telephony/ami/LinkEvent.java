package org.earshot.telephony.ami;

import java.time.Instant;
import java.util.Objects;

/** The AMI connection itself, and the channel list that resynchronises state after (re)connecting. */
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

    /** {@code CoreShowChannelsComplete}: every channel up at this moment has been listed. */
    record ChannelListComplete(Instant at) implements LinkEvent {
    }
}
