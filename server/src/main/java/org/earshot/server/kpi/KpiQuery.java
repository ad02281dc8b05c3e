package org.earshot.server.kpi;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Which calls the KPIs cover and how rows are keyed.
 *
 * @param from    first instant included (calls that entered the queue at or after it)
 * @param to      first instant excluded
 * @param groupBy how rows are keyed
 * @param queue   only this queue, or null
 * @param agent   only this agent, or null
 */
public record KpiQuery(Instant from, Instant to, GroupBy groupBy, String queue, String agent) {

    /** How rows are keyed; day, hour and month follow the configured time zone. */
    public enum GroupBy {
        NONE, AGENT, QUEUE, DAY, HOUR, MONTH;

        public static GroupBy parse(String key) {
            for (GroupBy g : values()) {
                if (g.name().equalsIgnoreCase(key)) {
                    return g;
                }
            }
            throw new IllegalArgumentException("groupBy must be none, agent, queue, day, hour or month, was '" + key + "'");
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public KpiQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(groupBy, "groupBy");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
    }
}
