package org.earshot.server.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled at {@code perSecond}; each request takes one.
 * Time comes from the caller (its injected clock), so tests drive it without waiting.
 */
final class TokenBucket {

    private final int capacity;
    private final double perSecond;
    private double tokens;
    private Instant refilledAt;

    TokenBucket(int capacity, double perSecond, Instant now) {
        if (capacity < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("a token bucket needs capacity >= 1 and a positive rate, was "
                    + capacity + " and " + perSecond + "/s");
        }
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.tokens = capacity;
        this.refilledAt = now;
    }

    /** Takes a token: {@link Duration#ZERO} when one was there, else how long until one will be (none is taken). */
    synchronized Duration take(Instant now) {
        if (now.isAfter(refilledAt)) {
            double seconds = Duration.between(refilledAt, now).toNanos() / 1e9;
            tokens = Math.min(capacity, tokens + seconds * perSecond);
            refilledAt = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
    }
}
