package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/** Post-call survey answers by the call's linkedid; a later partial answer never erases an earlier one. */
public final class SurveyStore {

    private final Database db;
    private final KpiRollupStore rollups;
    private final EventOutbox outbox;

    /** @param rollups kept up to date in the transaction of every answer saved */
    public SurveyStore(Database db, KpiRollupStore rollups) {
        this(db, rollups, EventOutbox.NONE);
    }

    /** @param outbox gets survey.completed in the transaction of every answer saved */
    public SurveyStore(Database db, KpiRollupStore rollups, EventOutbox outbox) {
        this.db = db;
        this.rollups = rollups;
        this.outbox = outbox;
    }

    /** Survey answers of one call (null = not answered). */
    public record Survey(Integer csat, Integer nps, Integer ces, Instant answeredAt) {
    }

    public java.util.Optional<Survey> find(String linkedId) {
        try (Connection c = db.connection()) {
            return java.util.Optional.ofNullable(findIn(c, linkedId));
        } catch (SQLException e) {
            throw new StoreException("reading the survey of call " + linkedId + " failed", e);
        }
    }

    private static Survey findIn(Connection c, String linkedId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT csat, nps, ces, answered_at FROM surveys WHERE linked_id = ?")) {
            s.setString(1, linkedId);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Survey(rs.getObject(1, Integer.class), rs.getObject(2, Integer.class),
                        rs.getObject(3, Integer.class), rs.getTimestamp(4).toInstant());
            }
        }
    }

    /** Stores the answers given (null = not answered). */
    public void save(String linkedId, Integer csat, Integer nps, Integer ces, Instant answeredAt) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            rollups.lock(c);
            try (PreparedStatement update = c.prepareStatement("UPDATE surveys SET csat = COALESCE(?, csat),"
                    + " nps = COALESCE(?, nps), ces = COALESCE(?, ces), answered_at = ? WHERE linked_id = ?")) {
                bind(update, csat, nps, ces, answeredAt);
                update.setString(5, linkedId);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO surveys (csat, nps, ces, answered_at,"
                            + " linked_id) VALUES (?, ?, ?, ?, ?)")) {
                        bind(insert, csat, nps, ces, answeredAt);
                        insert.setString(5, linkedId);
                        insert.executeUpdate();
                    }
                }
            }
            rollups.callsChanged(c, rollups.callsOfLinkedId(c, linkedId));
            EventOutbox.Batch events = outbox.open(c);
            Survey answered = findIn(c, linkedId);
            events.raise(e -> e.surveyCompleted(linkedId, answered));
            c.commit();
            events.committed();
        } catch (SQLException e) {
            throw new StoreException("saving the survey of call " + linkedId + " failed", e);
        }
    }

    private static void bind(PreparedStatement s, Integer csat, Integer nps, Integer ces, Instant at) throws SQLException {
        setNullableInt(s, 1, csat);
        setNullableInt(s, 2, nps);
        setNullableInt(s, 3, ces);
        s.setTimestamp(4, Timestamp.from(at));
    }

    private static void setNullableInt(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }
}
