package org.earshot.speech;

import java.util.Objects;

/**
 * Which party speaks on the left and on the right channel of a stereo recording. Asterisk's
 * MixMonitor {@code D} option puts the channel it runs on (the caller) on the left.
 */
public record ChannelRoles(Party left, Party right) {

    public static final ChannelRoles CUSTOMER_AGENT = new ChannelRoles(Party.CUSTOMER, Party.AGENT);

    public ChannelRoles {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        if (left == right) {
            throw new IllegalArgumentException("channels must name two different parties, got " + left.key() + " twice");
        }
    }

    /** Parses the config form "customer,agent" (left first). */
    public static ChannelRoles parse(String value) {
        String[] parts = value.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("channels must be 'left,right', e.g. customer,agent; was '" + value + "'");
        }
        return new ChannelRoles(Party.fromKey(parts[0]), Party.fromKey(parts[1]));
    }
}
