package org.earshot.telephony;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How after-call work (wrap-up) is measured. Config keys proposed for the server: {@code wrap-up} =
 * {@code queue-wrapuptime} (default) | {@code pause-after-call} | {@code none}, {@code wrap-up-pause-within}
 * (seconds, default 5), {@code wrap-up-max} (seconds, default 600).
 *
 * @param mode        where wrap-up comes from
 * @param pauseWithin PAUSE_AFTER_CALL: a pause that starts this soon after the call is wrap-up
 * @param max         PAUSE_AFTER_CALL: wrap-up is capped here (an agent who pauses for lunch after a call)
 */
public record WrapUpRule(Mode mode, Duration pauseWithin, Duration max) {

    public enum Mode {
        /** The member's {@code Wrapuptime} (queues.conf wrapuptime) as Asterisk reports it; unknown → null. */
        QUEUE_WRAPUPTIME,
        /**
         * The agent pauses right after the call and unpauses when done: wrap-up = call end to unpause. The
         * call's record is then handed on once that is known (at the latest after {@code max}).
         */
        PAUSE_AFTER_CALL,
        /** Not measured: wrapUpSeconds stays null. */
        NONE
    }

    public static final WrapUpRule DEFAULT = new WrapUpRule(Mode.QUEUE_WRAPUPTIME, Duration.ofSeconds(5),
            Duration.ofMinutes(10));

    public WrapUpRule {
        Objects.requireNonNull(mode, "wrap-up");
        Objects.requireNonNull(pauseWithin, "wrap-up-pause-within");
        Objects.requireNonNull(max, "wrap-up-max");
        if (pauseWithin.isNegative() || max.isNegative() || max.isZero()) {
            throw new IllegalArgumentException("wrap-up-pause-within must be >= 0 and wrap-up-max > 0, were "
                    + pauseWithin.toSeconds() + " and " + max.toSeconds());
        }
    }

    /** Parses {@code queue-wrapuptime}, {@code pause-after-call} or {@code none} with the default durations. */
    public static WrapUpRule of(String mode) {
        try {
            return new WrapUpRule(Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT).replace('-', '_')),
                    DEFAULT.pauseWithin(), DEFAULT.max());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("wrap-up must be queue-wrapuptime, pause-after-call or none, was "
                    + mode, e);
        }
    }
}
