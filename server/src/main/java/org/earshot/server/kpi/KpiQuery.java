package org.earshot.server.kpi;

import java.time.Instant;
import java.util.Objects;

/**
 * Which calls the KPIs cover and how they are grouped.
 *
 * @param from                  first instant included (calls that entered the queue at or after it)
 * @param to                    first instant excluded
 * @param groupBy               none, agent or queue
 * @param serviceLevelSeconds   answered within this many seconds counts towards service level
 * @param shortAbandonSeconds   abandons before this wait are left out of offered and abandoned
 */
public record KpiQuery(Instant from, Instant to, GroupBy groupBy, double serviceLevelSeconds, double shortAbandonSeconds) {

    /** How rows are keyed. */
    public enum GroupBy {
        NONE(null), AGENT("agent"), QUEUE("queue");

        final String column;

        GroupBy(String column) {
            this.column = column;
        }

        public static GroupBy fromKey(String key) {
            for (GroupBy g : values()) {
                if (g.name().equalsIgnoreCase(key)) {
                    return g;
                }
            }
            throw new IllegalArgumentException("groupBy must be none, agent or queue, was '" + key + "'");
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
