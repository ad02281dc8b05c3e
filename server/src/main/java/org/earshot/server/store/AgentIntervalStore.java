package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Agents' activity over time, one row per stretch of the same activity. */
public final class AgentIntervalStore {

    /** One stretch of an agent's activity; {@code end} is null while it lasts. */
    public record Interval(String agent, String activity, Instant start, Instant end) {
    }

    private final Database db;

    public AgentIntervalStore(Database db) {
        this.db = db;
    }

    /** The agent does {@code activity} from {@code at}: ends their open stretch there and opens a new one. */
    public void record(String agent, String activity, Instant at) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            String current = null;
            try (PreparedStatement open = c.prepareStatement(
                    "SELECT activity FROM agent_intervals WHERE agent = ? AND ended_at IS NULL")) {
                open.setString(1, agent);
                try (ResultSet rs = open.executeQuery()) {
                    if (rs.next()) {
                        current = rs.getString(1);
                    }
                }
            }
            if (!activity.equals(current)) {
                try (PreparedStatement close = c.prepareStatement(
                        "UPDATE agent_intervals SET ended_at = ? WHERE agent = ? AND ended_at IS NULL");
                     PreparedStatement insert = c.prepareStatement(
                             "INSERT INTO agent_intervals (agent, activity, started_at) VALUES (?, ?, ?)")) {
                    close.setTimestamp(1, Timestamp.from(at));
                    close.setString(2, agent);
                    close.executeUpdate();
                    insert.setString(1, agent);
                    insert.setString(2, activity);
                    insert.setTimestamp(3, Timestamp.from(at));
                    insert.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("recording the activity of agent " + agent + " failed", e);
        }
    }

    /**
     * Ends every open stretch at {@code at}. Called at start-up: what agents did while Earshot was
     * down is unknown, so their last known activity is taken to have lasted until then.
     */
    public int closeOpen(Instant at) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE agent_intervals SET ended_at = ? WHERE ended_at IS NULL"
                     + " AND started_at <= ?")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setTimestamp(2, Timestamp.from(at));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("closing open agent intervals failed", e);
        }
    }

    /** Stretches that overlap [from, to), in start order. */
    public List<Interval> overlapping(Instant from, Instant to) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT agent, activity, started_at, ended_at FROM agent_intervals"
                     + " WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?) ORDER BY started_at")) {
            s.setTimestamp(1, Timestamp.from(to));
            s.setTimestamp(2, Timestamp.from(from));
            List<Interval> intervals = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp end = rs.getTimestamp(4);
                    intervals.add(new Interval(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            end == null ? null : end.toInstant()));
                }
            }
            return intervals;
        } catch (SQLException e) {
            throw new StoreException("reading agent intervals failed", e);
        }
    }
}
