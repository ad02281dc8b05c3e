package org.earshot.server.kpi;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The definitions that vary between products, as settings (global, and overridable per queue).
 *
 * @param serviceLevelSeconds answered within this many seconds counts towards service level (default 20)
 * @param shortAbandonSeconds abandons before this wait are "short" (default 5)
 * @param countShortAbandons  whether short abandons still count as offered and abandoned (default no)
 * @param serviceLevelBase    the service-level denominator (default offered)
 * @param repeatWindow        a caller who calls again within this time after a call ends was not resolved first time (default 7 days)
 * @param retentionWindow     a caller who calls again within this time "came back" (default 30 days)
 */
public record KpiSettings(double serviceLevelSeconds, double shortAbandonSeconds, boolean countShortAbandons,
                          ServiceLevelBase serviceLevelBase, Duration repeatWindow, Duration retentionWindow) {

    /** What service level is a share of. */
    public enum ServiceLevelBase {
        /** Every offered call (the SPEC's default; timeouts count against it). */
        OFFERED,
        /** Answered calls plus abandons after the short-abandon threshold (timeouts left out). */
        ANSWERED_AND_ABANDONED;

        public static ServiceLevelBase parse(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "offered" -> OFFERED;
                case "answered+abandoned", "answered-and-abandoned" -> ANSWERED_AND_ABANDONED;
                default -> throw new IllegalArgumentException(
                        "service-level-base must be offered or answered+abandoned, was '" + value + "'");
            };
        }
    }

    public static final KpiSettings DEFAULTS = new KpiSettings(20, 5, false, ServiceLevelBase.OFFERED,
            Duration.ofDays(7), Duration.ofDays(30));

    public KpiSettings {
        if (serviceLevelSeconds <= 0) {
            throw new IllegalArgumentException("service-level-seconds must be > 0, was " + serviceLevelSeconds);
        }
        if (shortAbandonSeconds < 0) {
            throw new IllegalArgumentException("short-abandon-seconds must be >= 0, was " + shortAbandonSeconds);
        }
        Objects.requireNonNull(serviceLevelBase, "service-level-base");
        if (repeatWindow == null || repeatWindow.isNegative() || repeatWindow.isZero()) {
            throw new IllegalArgumentException("repeat-window-days must be > 0, was " + (repeatWindow == null ? null : repeatWindow.toDays()));
        }
        if (retentionWindow == null || retentionWindow.isNegative() || retentionWindow.isZero()) {
            throw new IllegalArgumentException("returning-caller-window-days must be > 0, was " + (retentionWindow == null ? null : retentionWindow.toDays()));
        }
    }
}
