package org.earshot.bench.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.earshot.bench.server.YearOfCalls;
import org.earshot.server.kpi.KpiQuery;
import org.earshot.server.kpi.KpiQuery.GroupBy;

/**
 * One view of the dashboard the issue sets a goal for ("KPIs over years in milliseconds").
 *
 * @param name         as the table prints it
 * @param query        the KPI query the view asks
 * @param csv          whether the view is the CSV export of the query's rows (timed through its HTTP route)
 * @param intervals    whether it runs on the store that also holds the agents' activity intervals
 * @param goalMillis   what the rollup path's p95 must stay under
 * @param goal         the goal as the issue words it
 */
record View(String name, KpiQuery query, boolean csv, boolean intervals, long goalMillis, String goal) {

    static final Instant YEAR_FROM = YearOfCalls.START;
    static final Instant YEAR_TO = YearOfCalls.END;
    /** The last day of the year: a dashboard opens on recent days, and its intervals lie behind the most others. */
    static final Instant DAY_FROM = YearOfCalls.END.minus(Duration.ofDays(1));
    /** The last whole calendar month (UTC, the KPIs' default zone) in the year. */
    static final Instant MONTH_FROM = Instant.parse("2026-10-01T00:00:00Z");
    static final Instant MONTH_TO = Instant.parse("2026-11-01T00:00:00Z");
    static final String AGENT = YearOfCalls.agent(0, 0);

    /** The table, in its order. */
    static List<View> all() {
        return List.of(
                year(GroupBy.NONE), year(GroupBy.DAY), year(GroupBy.QUEUE), year(GroupBy.MONTH), year(GroupBy.AGENT),
                new View("year by agent, CSV", new KpiQuery(YEAR_FROM, YEAR_TO, GroupBy.AGENT, null, null), true, false,
                        300, "< 300 ms"),
                new View("one agent's month (" + AGENT + ")", new KpiQuery(MONTH_FROM, MONTH_TO, GroupBy.NONE, null, AGENT),
                        false, false, 50, "< 50 ms"),
                new View("one day", day(), false, false, 40, "< 40 ms (keep ~37)"),
                new View("one day + intervals (occupancy)", day(), false, true, 100, "< 100 ms"),
                new View("year by day + intervals", new KpiQuery(YEAR_FROM, YEAR_TO, GroupBy.DAY, null, null), false, true,
                        300, "< 300 ms"));
    }

    private static View year(GroupBy groupBy) {
        return new View("year by " + groupBy.key(), new KpiQuery(YEAR_FROM, YEAR_TO, groupBy, null, null), false, false,
                300, "< 300 ms");
    }

    private static KpiQuery day() {
        return new KpiQuery(DAY_FROM, YearOfCalls.END, GroupBy.NONE, null, null);
    }
}
