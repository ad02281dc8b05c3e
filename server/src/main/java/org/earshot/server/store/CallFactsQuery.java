package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The one query of calls by time with their surveys, flags, agents and caller facts (KPIs, rollups, coaching). */
final class CallFactsQuery {

    private static final String CALLS = "SELECT c.id, c.caller, c.queue, c.agent, c.entered_at, c.ended_at, c.outcome,"
            + " c.wait_seconds, c.talk_seconds, c.hold_seconds, c.wrap_up_seconds, COALESCE(a.flags, c.kept_flags),"
            + " s.csat, s.nps, s.ces,"
            + " c.prev_ended_at, c.next_entered_at, c.case_first_id, c.case_ended_at, a.analysed_at, c.agent_count"
            + " FROM calls c LEFT JOIN analyses a ON a.call_id = c.id LEFT JOIN surveys s ON s.linked_id = c.linked_id"
            + " WHERE c.entered_at >= ? AND c.entered_at < ?";

    /** Which calls: those that entered in [from, to), of one queue and/or one agent when not null. */
    record Range(Instant from, Instant to, String queue, boolean noQueue, String agent) {
    }

    private CallFactsQuery() {
    }

    /** Streams the calls of the range: a million calls are never held in memory at once. */
    static void forEach(Connection c, Range range, Consumer<CallFacts> sink) throws SQLException {
        Map<String, List<CallFacts.AgentPart>> agents = transferredCallsAgents(c, range);
        String sql = CALLS + (range.noQueue() ? " AND c.queue IS NULL" : range.queue() != null ? " AND c.queue = ?" : "")
                + (range.agent() != null ? " AND (c.agent = ? OR c.id IN (SELECT call_id FROM call_agents WHERE agent = ?))" : "");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = bindRange(s, range);
            if (range.agent() != null) {
                s.setString(i++, range.agent());
                s.setString(i, range.agent());
            }
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs, agents.getOrDefault(rs.getString(1), List.of())));
                }
            }
        }
    }

    /**
     * The calls of a small range (a bucket): the agents of the few transferred ones are read by id,
     * not through a join over the range.
     */
    static List<CallFacts> list(Connection c, Range range) throws SQLException {
        List<CallFacts> calls = new ArrayList<>();
        List<String> transferred = new ArrayList<>();
        String sql = CALLS + (range.noQueue() ? " AND c.queue IS NULL" : range.queue() != null ? " AND c.queue = ?" : "");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bindRange(s, range);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    calls.add(read(rs, List.of()));
                    if (rs.getInt(21) >= 2) {
                        transferred.add(rs.getString(1));
                    }
                }
            }
        }
        if (transferred.isEmpty()) {
            return calls;
        }
        Map<String, List<CallFacts.AgentPart>> agents = new HashMap<>();
        String marks = String.join(",", java.util.Collections.nCopies(transferred.size(), "?"));
        try (PreparedStatement s = c.prepareStatement("SELECT call_id, agent, talk_seconds FROM call_agents"
                + " WHERE call_id IN (" + marks + ") ORDER BY call_id, seq")) {
            for (int i = 0; i < transferred.size(); i++) {
                s.setString(i + 1, transferred.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    agents.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new CallFacts.AgentPart(rs.getString(2), rs.getDouble(3)));
                }
            }
        }
        return calls.stream().map(call -> agents.containsKey(call.id()) ? call.withAgents(agents.get(call.id())) : call)
                .toList();
    }

    private static int bindRange(PreparedStatement s, Range range) throws SQLException {
        int i = 1;
        s.setTimestamp(i++, Timestamp.from(range.from()));
        s.setTimestamp(i++, Timestamp.from(range.to()));
        if (!range.noQueue() && range.queue() != null) {
            s.setString(i++, range.queue());
        }
        return i;
    }

    /** The agents of the range's calls that more than one agent handled, in the order they talked. */
    private static Map<String, List<CallFacts.AgentPart>> transferredCallsAgents(Connection c, Range range) throws SQLException {
        Map<String, List<CallFacts.AgentPart>> byCall = new HashMap<>();
        String sql = "SELECT ca.call_id, ca.agent, ca.talk_seconds FROM call_agents ca JOIN calls c ON c.id = ca.call_id"
                + " WHERE c.entered_at >= ? AND c.entered_at < ? AND c.agent_count >= 2"
                + (range.noQueue() ? " AND c.queue IS NULL" : range.queue() != null ? " AND c.queue = ?" : "")
                + " ORDER BY ca.call_id, ca.seq";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bindRange(s, range);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byCall.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new CallFacts.AgentPart(rs.getString(2), rs.getDouble(3)));
                }
            }
        }
        byCall.values().removeIf(list -> list.size() < 2);
        return byCall;
    }

    private static CallFacts read(ResultSet rs, List<CallFacts.AgentPart> agents) throws SQLException {
        String flags = rs.getString(12);
        return new CallFacts(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                instant(rs, 6), rs.getString(7), rs.getDouble(8), rs.getObject(9, Double.class),
                rs.getObject(10, Double.class), rs.getObject(11, Double.class),
                flags == null ? List.of() : Arrays.asList(flags.split(",")), rs.getObject(13, Integer.class),
                rs.getObject(14, Integer.class), rs.getObject(15, Integer.class), agents, instant(rs, 16),
                instant(rs, 17), rs.getString(18), instant(rs, 19), instant(rs, 20));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
