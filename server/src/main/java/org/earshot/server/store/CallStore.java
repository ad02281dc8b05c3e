package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;

/** Calls and their analysis reports. Saving a call twice keeps one row (the later version). */
public final class CallStore {

    private static final String COLUMNS = "id, linked_id, caller, caller_name, queue, agent, entered_at, answered_at,"
            + " ended_at, wait_seconds, talk_seconds, outcome, recording_file";

    private final Database db;

    public CallStore(Database db) {
        this.db = db;
    }

    public void save(CallRecord call) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("UPDATE calls SET linked_id = ?, caller = ?, caller_name = ?,"
                    + " queue = ?, agent = ?, entered_at = ?, answered_at = ?, ended_at = ?, wait_seconds = ?, talk_seconds = ?,"
                    + " outcome = ?, recording_file = ? WHERE id = ?")) {
                bindAfterId(update, call, 1);
                update.setString(13, call.uniqueId());
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO calls (" + COLUMNS + ")"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        insert.setString(1, call.uniqueId());
                        bindAfterId(insert, call, 2);
                        insert.executeUpdate();
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("saving call " + call.uniqueId() + " failed", e);
        }
    }

    public Optional<CallRecord> find(String id) {
        return Optional.ofNullable(findAll(List.of(id)).get(id));
    }

    /** The calls with these ids, keyed by id, in the order the ids were given; unknown ids are left out. */
    public Map<String, CallRecord> findAll(Collection<String> ids) {
        Map<String, CallRecord> found = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return Map.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM calls WHERE id IN (" + marks + ")")) {
            int i = 1;
            for (String id : ids) {
                s.setString(i++, id);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    CallRecord call = read(rs);
                    found.put(call.uniqueId(), call);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading calls failed", e);
        }
        Map<String, CallRecord> ordered = new LinkedHashMap<>();
        for (String id : ids) {
            if (found.containsKey(id)) {
                ordered.put(id, found.get(id));
            }
        }
        return ordered;
    }

    public long count() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM calls");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("counting calls failed", e);
        }
    }

    /** Every stored call, oldest first (for re-indexing). */
    public List<CallRecord> all() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM calls ORDER BY entered_at, id");
             ResultSet rs = s.executeQuery()) {
            List<CallRecord> calls = new ArrayList<>();
            while (rs.next()) {
                calls.add(read(rs));
            }
            return calls;
        } catch (SQLException e) {
            throw new StoreException("listing calls failed", e);
        }
    }

    public void saveAnalysis(String callId, String reportJson, Instant analysedAt) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM analyses WHERE call_id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO analyses (call_id, report, analysed_at) VALUES (?, ?, ?)")) {
                delete.setString(1, callId);
                delete.executeUpdate();
                insert.setString(1, callId);
                insert.setString(2, reportJson);
                insert.setTimestamp(3, Timestamp.from(analysedAt));
                insert.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("saving the analysis of call " + callId + " failed", e);
        }
    }

    /** The call's analysis report as JSON, if it was analysed. */
    public Optional<String> findAnalysis(String callId) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT report FROM analyses WHERE call_id = ?")) {
            s.setString(1, callId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the analysis of call " + callId + " failed", e);
        }
    }

    private static void bindAfterId(PreparedStatement s, CallRecord call, int first) throws SQLException {
        int i = first;
        s.setString(i++, call.linkedId());
        s.setString(i++, call.caller());
        s.setString(i++, call.callerName());
        s.setString(i++, call.queue());
        s.setString(i++, call.agent());
        s.setTimestamp(i++, Timestamp.from(call.enteredAt()));
        s.setTimestamp(i++, call.answeredAt() == null ? null : Timestamp.from(call.answeredAt()));
        s.setTimestamp(i++, Timestamp.from(call.endedAt()));
        s.setDouble(i++, call.waitSeconds());
        if (call.talkSeconds() == null) {
            s.setNull(i++, Types.DOUBLE);
        } else {
            s.setDouble(i++, call.talkSeconds());
        }
        s.setString(i++, call.outcome().key());
        s.setString(i, call.recordingFile());
    }

    private static CallRecord read(ResultSet rs) throws SQLException {
        Timestamp answered = rs.getTimestamp("answered_at");
        double talk = rs.getDouble("talk_seconds");
        Double talkSeconds = rs.wasNull() ? null : talk;
        return new CallRecord(rs.getString("id"), rs.getString("linked_id"), rs.getString("caller"),
                rs.getString("caller_name"), rs.getString("queue"), rs.getString("agent"),
                rs.getTimestamp("entered_at").toInstant(), answered == null ? null : answered.toInstant(),
                rs.getTimestamp("ended_at").toInstant(), rs.getDouble("wait_seconds"), talkSeconds,
                CallOutcome.fromKey(rs.getString("outcome")), rs.getString("recording_file"));
    }
}
