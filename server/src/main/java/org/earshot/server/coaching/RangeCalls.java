package org.earshot.server.coaching;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.earshot.server.store.Database;
import org.earshot.server.store.StoreException;

/**
 * The calls that entered a queue in a time range (like the KPIs, by entered_at in [from, to)), each
 * with its survey answer and the cues of its analysis. One query over the entered_at index; the
 * reports themselves come from the {@link CueCache}.
 */
final class RangeCalls {

    private static final String CALLS = "SELECT c.id, c.agent, c.queue, c.caller, c.entered_at, c.ended_at, c.outcome,"
            + " c.talk_seconds, c.wrap_up_seconds, a.analysed_at, s.csat,"
            + " (SELECT COUNT(*) FROM call_agents ca WHERE ca.call_id = c.id) AS agent_count"
            + " FROM calls c LEFT JOIN analyses a ON a.call_id = c.id LEFT JOIN surveys s ON s.linked_id = c.linked_id"
            + " WHERE c.entered_at >= ? AND c.entered_at < ?";

    private final Database db;
    private final CueCache cues;

    RangeCalls(Database db, CueCache cues) {
        this.db = db;
        this.cues = cues;
    }

    List<CoachingCall> load(Instant from, Instant to) {
        List<CoachingCall> calls = new ArrayList<>();
        Map<String, Instant> analysedAt = new HashMap<>();
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(CALLS)) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    calls.add(read(rs));
                    Timestamp analysed = rs.getTimestamp("analysed_at");
                    if (analysed != null) {
                        analysedAt.put(rs.getString("id"), analysed.toInstant());
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading calls for coaching failed", e);
        }
        Map<String, CallCues> found = cues.cuesOf(analysedAt);
        return calls.stream().map(call -> withCues(call, found.get(call.id()))).toList();
    }

    private static CoachingCall read(ResultSet rs) throws SQLException {
        boolean answered = "answered".equals(rs.getString("outcome"));
        Double talk = nullableDouble(rs, "talk_seconds");
        Double wrapUp = nullableDouble(rs, "wrap_up_seconds");
        // The KPIs' handle time (KpiCall.handleSeconds): Asterisk's talk already holds the hold time,
        // so talk + wrap-up; a part not measured counts as zero.
        Double handle = answered ? (talk == null ? 0 : talk) + (wrapUp == null ? 0 : wrapUp) : null;
        int csat = rs.getInt("csat");
        Integer survey = rs.wasNull() ? null : csat;
        return new CoachingCall(rs.getString("id"), rs.getString("agent"), rs.getInt("agent_count") <= 1,
                rs.getString("queue"), rs.getString("caller"), rs.getTimestamp("entered_at").toInstant(),
                rs.getTimestamp("ended_at").toInstant(), handle, survey, null);
    }

    private static CoachingCall withCues(CoachingCall call, CallCues cues) {
        return cues == null ? call : new CoachingCall(call.id(), call.agent(), call.soleAgent(), call.queue(),
                call.caller(), call.enteredAt(), call.endedAt(), call.handleSeconds(), call.csat(), cues);
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
