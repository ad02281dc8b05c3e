package org.earshot.server.kpi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.time.Clock;
import org.earshot.server.store.AgentIntervalStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.OccupancyTime;
import org.earshot.server.store.StoreException;

/**
 * Computes the SPEC's call-center KPIs for a time range. One pass over the range's calls (served
 * by the entered_at index) feeds one accumulator per group; a second range query over the same
 * index gives each caller's other calls for FCR, retention and resolution time. The definitions,
 * and the choice made at every edge, are in docs/kpis.md.
 */
public final class KpiService {

    private static final String CALLS = "SELECT c.id, c.caller, c.queue, c.agent, c.entered_at, c.ended_at, c.outcome,"
            + " c.wait_seconds, c.talk_seconds, c.hold_seconds, c.wrap_up_seconds, a.flags, s.csat, s.nps, s.ces"
            + " FROM calls c LEFT JOIN analyses a ON a.call_id = c.id LEFT JOIN surveys s ON s.linked_id = c.linked_id"
            + " WHERE c.entered_at >= ? AND c.entered_at < ?";

    private final Database db;
    private final KpiDefinitions definitions;
    private final AgentIntervalStore agentIntervals;
    private final Clock clock;

    public KpiService(Database db, KpiDefinitions definitions, Clock clock) {
        this.db = db;
        this.definitions = definitions;
        this.agentIntervals = new AgentIntervalStore(db, definitions.zone());
        this.clock = clock;
    }

    public KpiDefinitions definitions() {
        return definitions;
    }

    public List<KpiRow> compute(KpiQuery q) {
        return computeRaw(q);
    }

    /** The figures from the stored calls alone, never from rollups: what rollups must equal (tests, KpiBench). */
    public List<KpiRow> computeRaw(KpiQuery q) {
        Map<String, KpiAccumulator> groups = accumulate(q, key -> (figure, call) -> { });
        if (groups.isEmpty() && q.groupBy() == KpiQuery.GroupBy.NONE) {
            // A range without calls has figures too (nothing offered, occupancy from agent states):
            // the total row is always there, so a dashboard tile at 00:05 shows zeros, not nothing.
            groups.put("all", new KpiAccumulator("all", q.from(), q.to()));
        }
        return withOccupancy(groups.values().stream().map(KpiAccumulator::row).toList(), q);
    }

    /**
     * The ids of the calls that one figure of one row counts, newest first: the drill-down of
     * {@code GET /api/kpis}. The row is the one keyed {@code key} among {@code q}'s rows; the calls are
     * the ones its accumulator counted for the figure, so the list and the figure cannot disagree
     * (a call an agent handled twice after a transfer back is listed once).
     */
    public List<String> callsCounted(KpiQuery q, String key, KpiFigure figure) {
        Map<String, Instant> entered = new java.util.HashMap<>();
        accumulate(q, group -> group.equals(key) ? (f, call) -> {
            if (f == figure) {
                entered.put(call.id(), call.enteredAt());
            }
        } : (f, call) -> { });
        return entered.entrySet().stream()
                .sorted(Map.Entry.<String, Instant>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    /** One pass over the range's calls into one accumulator per row; {@code listener} is told what each row counts. */
    private Map<String, KpiAccumulator> accumulate(KpiQuery q,
            java.util.function.Function<String, java.util.function.BiConsumer<KpiFigure, KpiCall>> listener) {
        try (Connection c = db.connection()) {
            // PostgreSQL streams a result set only inside a transaction. H2 must not have one: inside a
            // transaction it keeps a reference to every row's record_json CLOB it reads till the commit
            // (about 120 MB per million calls, MemoryBench).
            c.setAutoCommit(!db.isPostgres());
            CallerHistory history = history(c, q);
            boolean byAgent = q.groupBy() == KpiQuery.GroupBy.AGENT || q.agent() != null;
            Map<String, List<AgentShare>> agents = byAgent ? agents(c, q) : Map.of();
            Map<String, KpiAccumulator> groups = new TreeMap<>();
            forEachCall(c, q, call -> {
                for (KpiCall part : byAgent ? perAgent(call, agents.get(call.id()), q.agent()) : List.of(call)) {
                    groups.computeIfAbsent(groupKey(part, q), key -> accumulator(key, part, q, listener.apply(key)))
                            .add(part, definitions.forQueue(part.queue()), history);
                }
            });
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return groups;
        } catch (SQLException e) {
            throw new StoreException("computing KPIs failed", e);
        }
    }

    /** Streams the range's calls: a million calls are never held in memory at once. */
    private void forEachCall(Connection c, KpiQuery q, java.util.function.Consumer<KpiCall> sink) throws SQLException {
        String sql = CALLS + (q.queue() != null ? " AND c.queue = ?" : "")
                + (q.agent() != null ? " AND (c.agent = ? OR c.id IN (SELECT call_id FROM call_agents WHERE agent = ?))" : "");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setTimestamp(i++, Timestamp.from(q.from()));
            s.setTimestamp(i++, Timestamp.from(q.to()));
            if (q.queue() != null) {
                s.setString(i++, q.queue());
            }
            if (q.agent() != null) {
                s.setString(i++, q.agent());
                s.setString(i, q.agent());
            }
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs));
                }
            }
        }
    }

    /**
     * Occupancy of each row's agents over the row's time: per agent, or of all agents (queues: not
     * known). One read from the store for all rows: rows by day, hour or month are consecutive ranges.
     */
    private List<KpiRow> withOccupancy(List<KpiRow> rows, KpiQuery q) {
        if (q.groupBy() == KpiQuery.GroupBy.QUEUE || (q.groupBy() != KpiQuery.GroupBy.AGENT && q.queue() != null)) {
            return rows.stream().map(row -> row.withOccupancy(null)).toList();
        }
        Instant now = clock.instant();
        if (q.groupBy() == KpiQuery.GroupBy.AGENT) {
            Map<String, OccupancyTime> byAgent = agentIntervals.occupancyByAgent(q.from(), q.to(), now);
            return rows.stream().map(row -> row.withOccupancy(row.key().isEmpty() ? null : Occupancy.of(byAgent.get(row.key()))))
                    .toList();
        }
        // Rows never overlap, so between consecutive edges of all rows lies one row or a gap without calls.
        java.util.TreeSet<Instant> edges = new java.util.TreeSet<>();
        rows.stream().filter(row -> row.from().isBefore(row.to())).forEach(row -> {
            edges.add(row.from());
            edges.add(row.to());
        });
        List<Instant> bounds = List.copyOf(edges);
        List<OccupancyTime> times = bounds.size() < 2 ? List.of() : agentIntervals.occupancy(q.agent(), bounds, now);
        return rows.stream().map(row -> row.withOccupancy(row.from().isBefore(row.to())
                ? Occupancy.of(times.get(java.util.Collections.binarySearch(bounds, row.from()))) : null)).toList();
    }

    /** One agent's part of a call. */
    private record AgentShare(String agent, double talkSeconds) {
    }

    /** Agents of the range's calls with more than one agent, in order of who talked. */
    private static Map<String, List<AgentShare>> agents(Connection c, KpiQuery q) throws SQLException {
        Map<String, List<AgentShare>> byCall = new java.util.HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT ca.call_id, ca.agent, ca.talk_seconds FROM call_agents ca"
                + " JOIN calls c ON c.id = ca.call_id WHERE c.entered_at >= ? AND c.entered_at < ? ORDER BY ca.call_id, ca.seq")) {
            s.setTimestamp(1, Timestamp.from(q.from()));
            s.setTimestamp(2, Timestamp.from(q.to()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byCall.computeIfAbsent(rs.getString(1), id -> new java.util.ArrayList<>())
                            .add(new AgentShare(rs.getString(2), rs.getDouble(3)));
                }
            }
        }
        byCall.values().removeIf(list -> list.size() < 2);
        return byCall;
    }

    /**
     * A transferred call as each of its agents handled it (whose AHT? each agent's own part); an
     * agent filter keeps only that agent's part.
     */
    private static List<KpiCall> perAgent(KpiCall call, List<AgentShare> shares, String onlyAgent) {
        if (shares == null) {
            return List.of(call);
        }
        List<KpiCall> parts = new java.util.ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            AgentShare share = shares.get(i);
            if (onlyAgent == null || onlyAgent.equals(share.agent())) {
                parts.add(call.asHandledBy(share.agent(), share.talkSeconds(), i == 0, i == shares.size() - 1));
            }
        }
        return parts;
    }

    /** The calls of every known caller from one repeat window before the range to one window after it. */
    private CallerHistory history(Connection c, KpiQuery q) throws SQLException {
        var before = definitions.longestRepeatWindow();
        var after = before.compareTo(definitions.longestRetentionWindow()) >= 0 ? before : definitions.longestRetentionWindow();
        CallerHistory history = new CallerHistory();
        try (PreparedStatement s = c.prepareStatement("SELECT caller, entered_at, ended_at FROM calls"
                + " WHERE entered_at >= ? AND entered_at < ? AND caller IS NOT NULL")) {
            s.setTimestamp(1, Timestamp.from(q.from().minus(before)));
            s.setTimestamp(2, Timestamp.from(q.to().plus(after)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    history.add(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant());
                }
            }
        }
        history.sort();
        return history;
    }

    private String groupKey(KpiCall call, KpiQuery q) {
        ZonedDateTime local = call.enteredAt().atZone(definitions.zone());
        return switch (q.groupBy()) {
            case NONE -> "all";
            case AGENT -> call.agent() == null ? "" : call.agent();
            case QUEUE -> call.queue() == null ? "" : call.queue();
            case DAY -> local.toLocalDate().toString();
            // With the offset: when clocks go back, the two 02:00 hours stay two rows.
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            case MONTH -> local.toLocalDate().withDayOfMonth(1).toString().substring(0, 7);
        };
    }

    /** A group's accumulator, knowing the instants its calls span (a bucket, clipped to the range). */
    private KpiAccumulator accumulator(String key, KpiCall call, KpiQuery q,
                                       java.util.function.BiConsumer<KpiFigure, KpiCall> counted) {
        ZonedDateTime local = call.enteredAt().atZone(definitions.zone());
        ZonedDateTime start;
        ZonedDateTime end;
        switch (q.groupBy()) {
            case DAY -> {
                start = local.truncatedTo(ChronoUnit.DAYS);
                end = start.plusDays(1);
            }
            case HOUR -> {
                start = local.truncatedTo(ChronoUnit.HOURS);
                end = start.plusHours(1);
            }
            case MONTH -> {
                start = local.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
                end = start.plusMonths(1);
            }
            default -> {
                return new KpiAccumulator(key, q.from(), q.to(), counted);
            }
        }
        Instant from = start.toInstant().isBefore(q.from()) ? q.from() : start.toInstant();
        Instant to = end.toInstant().isAfter(q.to()) ? q.to() : end.toInstant();
        return new KpiAccumulator(key, from, to, counted);
    }

    private KpiCall read(ResultSet rs) throws SQLException {
        String flags = rs.getString("flags");
        return new KpiCall(rs.getString("id"), rs.getString("caller"), rs.getString("queue"), rs.getString("agent"),
                rs.getTimestamp("entered_at").toInstant(), rs.getTimestamp("ended_at").toInstant(), rs.getString("outcome"),
                rs.getDouble("wait_seconds"), nullableDouble(rs, "talk_seconds"), nullableDouble(rs, "hold_seconds"),
                nullableDouble(rs, "wrap_up_seconds"), flags == null ? List.of() : Arrays.asList(flags.split(",")),
                nullableInt(rs, "csat"), nullableInt(rs, "nps"), nullableInt(rs, "ces"), false,
                definitions.openAt(rs.getString("queue"), rs.getTimestamp("entered_at").toInstant()));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
