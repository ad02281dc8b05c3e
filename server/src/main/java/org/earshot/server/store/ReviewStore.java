package org.earshot.server.store;

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

/**
 * QA reviews (one per call) and reviewers' notes. A review's scores are kept as the JSON document
 * QA writes (the scorecard's criteria as they were, with their results and values), so editing a
 * scorecard never changes a past review; its score is a column for the per-agent figures.
 */
public final class ReviewStore {

    /**
     * A review as stored.
     *
     * @param scores    the JSON document of the review's lines, as QA wrote it
     * @param score     the weighted score QA computed from those lines, or null when nothing is scored
     * @param reviewer  who saved it; null only in a review not saved yet
     * @param updatedAt when it was saved; null only in a review not saved yet
     */
    public record Stored(String callId, String status, long scorecardId, String scorecardName, String scores,
                         Double score, String reviewer, Instant updatedAt) {
    }

    private static final String REVIEWED = "reviewed";

    private static final String COLUMNS = "call_id, status, scorecard_id, scorecard_name, scores, score, reviewer, updated_at";

    private final Database db;
    private final EventOutbox outbox;

    public ReviewStore(Database db) {
        this(db, EventOutbox.NONE);
    }

    /** @param outbox gets qa.reviewed in the transaction of a save that makes a review reviewed */
    public ReviewStore(Database db, EventOutbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    public Optional<Stored> find(String callId) {
        try (Connection c = db.connection()) {
            return find(c, callId, false);
        } catch (SQLException e) {
            throw new StoreException("reading the review of call " + callId + " failed", e);
        }
    }

    /**
     * Saves what {@code change} makes of the current review (empty when there is none), with the
     * row locked in between so two reviewers saving at once do not lose each other's values. An
     * exception from {@code change} leaves the review as it was.
     */
    public Stored update(String callId, Function<Optional<Stored>, Stored> change) {
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
                    s.setString(4, next.scores());
                    s.setString(5, next.reviewer());
                    s.setTimestamp(6, Timestamp.from(next.updatedAt()));
                    setNullableDouble(s, 7, next.score());
                    s.setString(8, callId);
                    s.executeUpdate();
                }
                EventOutbox.Batch events = outbox.open(c);
                if (REVIEWED.equals(next.status()) && !current.map(r -> REVIEWED.equals(r.status())).orElse(false)) {
                    events.raise(e -> e.qaReviewed(next));
                }
                c.commit();
                events.committed();
                return next;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("saving the review of call " + callId + " failed", e);
        }
    }

    /** The notes on a call, oldest first. */
    public List<Note> notes(String callId) {
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

    /** Adds a note on a call; {@code atSeconds} null when it is about the whole call. */
    public Note addNote(String callId, Double atSeconds, String text, String author, Instant at) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO qa_notes (call_id, at_seconds, text, author, created_at)"
                     + " VALUES (?, ?, ?, ?, ?)", new String[] {"id"})) {
            s.setString(1, callId);
            setNullableDouble(s, 2, atSeconds);
            s.setString(3, text);
            s.setString(4, author);
            s.setTimestamp(5, Timestamp.from(at));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new Note(keys.getLong(1), atSeconds, text, author, at);
            }
        } catch (SQLException e) {
            throw new StoreException("saving a note on call " + callId + " failed", e);
        }
    }

    private static Optional<Stored> find(Connection c, String callId, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM qa_reviews WHERE call_id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            s.setString(1, callId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                double score = rs.getDouble("score");
                Double scored = rs.wasNull() ? null : score;
                return Optional.of(new Stored(callId, rs.getString("status"), rs.getLong("scorecard_id"),
                        rs.getString("scorecard_name"), rs.getString("scores"), scored,
                        rs.getString("reviewer"), rs.getTimestamp("updated_at").toInstant()));
            }
        }
    }

    private static void setNullableDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }
}
