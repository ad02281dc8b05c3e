package org.earshot.server.qa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.earshot.server.store.Database;
import org.earshot.server.store.StoreException;

/** Reviews (one per call, with their scorecard snapshot) and reviewers' notes. */
final class ReviewStore {

    /** A review as stored. */
    record Stored(String callId, String status, long scorecardId, String scorecardName, List<Scoring.Line> lines,
                  String reviewer, Instant updatedAt) {
        Stored {
            lines = List.copyOf(lines);
        }
    }

    private static final String COLUMNS = "call_id, status, scorecard_id, scorecard_name, scores, reviewer, updated_at";

    private final Database db;
    private final ObjectMapper json;

    ReviewStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    Optional<Stored> find(String callId) {
        try (Connection c = db.connection()) {
            return find(c, callId, false);
        } catch (SQLException e) {
            throw new StoreException("reading the review of call " + callId + " failed", e);
        }
    }

    /**
     * Saves what {@code change} makes of the current review (empty when there is none), with the
     * row locked in between so two reviewers saving at once do not lose each other's values.
     */
    Stored update(String callId, Function<Optional<Stored>, Stored> change) {
        try {
            return updateOnce(callId, change);
        } catch (StoreException e) {
            if (!(e.getCause() instanceof SQLException sql) || !"23505".equals(sql.getSQLState())) {
                throw e;
            }
            // Another reviewer saved the first review of this call meanwhile: now there is a row to lock.
            return updateOnce(callId, change);
        }
    }

    private Stored updateOnce(String callId, Function<Optional<Stored>, Stored> change) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<Stored> current = find(c, callId, true);
                Stored next = change.apply(current);
                String sql = current.isPresent()
                        ? "UPDATE qa_reviews SET status = ?, scorecard_id = ?, scorecard_name = ?, scores = ?, reviewer = ?,"
                                + " updated_at = ?, score = ? WHERE call_id = ?"
                        : "INSERT INTO qa_reviews (status, scorecard_id, scorecard_name, scores, reviewer, updated_at, score,"
                                + " call_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, next.status());
                    s.setLong(2, next.scorecardId());
                    s.setString(3, next.scorecardName());
                    s.setString(4, json.writeValueAsString(next.lines()));
                    s.setString(5, next.reviewer());
                    s.setTimestamp(6, Timestamp.from(next.updatedAt()));
                    Double score = Scoring.score(next.lines());
                    if (score == null) {
                        s.setNull(7, Types.DOUBLE);
                    } else {
                        s.setDouble(7, score);
                    }
                    s.setString(8, callId);
                    s.executeUpdate();
                }
                c.commit();
                return next;
            } catch (SQLException | RuntimeException | JsonProcessingException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("saving the review of call " + callId + " failed", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the review of call " + callId + " cannot be written as JSON", e);
        }
    }

    List<Note> notes(String callId) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT id, at_seconds, text, author, created_at FROM qa_notes"
                     + " WHERE call_id = ? ORDER BY id")) {
            s.setString(1, callId);
            List<Note> notes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    double at = rs.getDouble(2);
                    Double atSeconds = rs.wasNull() ? null : at;
                    notes.add(new Note(rs.getLong(1), atSeconds, rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return notes;
        } catch (SQLException e) {
            throw new StoreException("reading the notes of call " + callId + " failed", e);
        }
    }

    Note addNote(String callId, NoteInput note, String author, Instant at) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO qa_notes (call_id, at_seconds, text, author, created_at)"
                     + " VALUES (?, ?, ?, ?, ?)", new String[] {"id"})) {
            s.setString(1, callId);
            if (note.atSeconds() == null) {
                s.setNull(2, Types.DOUBLE);
            } else {
                s.setDouble(2, note.atSeconds());
            }
            s.setString(3, note.text());
            s.setString(4, author);
            s.setTimestamp(5, Timestamp.from(at));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new Note(keys.getLong(1), note.atSeconds(), note.text(), author, at);
            }
        } catch (SQLException e) {
            throw new StoreException("saving a note on call " + callId + " failed", e);
        }
    }

    private Optional<Stored> find(Connection c, String callId, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM qa_reviews WHERE call_id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            s.setString(1, callId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(callId, rs.getString("status"), rs.getLong("scorecard_id"),
                        rs.getString("scorecard_name"), lines(callId, rs.getString("scores")), rs.getString("reviewer"),
                        rs.getTimestamp("updated_at").toInstant()));
            }
        }
    }

    private List<Scoring.Line> lines(String callId, String stored) throws SQLException {
        try {
            List<Scoring.Line> lines = new ArrayList<>();
            for (JsonNode node : json.readTree(stored)) {
                JsonNode auto = node.get("auto");
                AutoResult result = auto == null || auto.isNull() ? null
                        : new AutoResult(auto.path("passed").isBoolean() ? auto.get("passed").asBoolean() : null,
                        auto.path("evidence").asText(null));
                JsonNode value = node.get("value");
                lines.add(new Scoring.Line(CriteriaJson.criterion(node.get("criterion"), "criterion"), result,
                        value == null || value.isNull() ? null : value.asDouble(), node.path("overridden").asBoolean()));
            }
            return lines;
        } catch (JsonProcessingException | QaException e) {
            throw new SQLException("the review of call " + callId + " has unreadable scores: " + e.getMessage(), e);
        }
    }
}
