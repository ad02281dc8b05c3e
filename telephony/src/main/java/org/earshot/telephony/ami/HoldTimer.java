package org.earshot.telephony.ami;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Time a call spends on hold, from hold signals on any of its channels. In S6b Asterisk puts the agent's
 * channel on {@code Hold} and starts music on the caller's: the two overlap, so hold runs while at least one
 * channel is held, and a channel that hangs up while held (the transferring agent) stops holding.
 */
final class HoldTimer {

    private final Set<String> held = new HashSet<>(2);
    private Instant since;
    private long millis;

    void hold(String channel, Instant at) {
        if (held.isEmpty()) {
            since = at;
        }
        held.add(channel);
    }

    /** Unhold, MOH stop or hangup of a channel; a channel that was not held (S6's lone Unhold) changes nothing. */
    void release(String channel, Instant at) {
        if (held.remove(channel) && held.isEmpty()) {
            millis += Math.max(0, Duration.between(since, at).toMillis());
            since = null;
        }
    }

    /** Ends every hold (the agent part of the call is over). */
    void stop(Instant at) {
        if (!held.isEmpty()) {
            millis += Math.max(0, Duration.between(since, at).toMillis());
            held.clear();
            since = null;
        }
    }

    boolean onHold() {
        return !held.isEmpty();
    }

    double seconds() {
        return millis / 1000.0;
    }
}
