package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Alerts raised while calls are up, one row per condition episode. An episode is raised once: its key stays
 * on the row while the condition holds, and a second raise of the same key (another node, or this one after
 * a restart) finds it and raises nothing. The {@code alert.raised} webhook event is written in the
 * transaction of the row.
 */
public final class AlertStore {

    /** What the rules raise: {@code episodeKey} names the condition episode, e.g. "long-wait|support|1795.5". */
    public record Raise(String episodeKey, String rule, String callId, String agent, String queue, Instant at,
                        String detail) {
    }

    /**
     * A stored alert.
     *
     * @param clearedAt      when its condition ended, null while it holds
     * @param acknowledgedBy who acknowledged it, null while nobody has
     */
    public record Alert(long id, String rule, String callId, String agent, String queue, Instant raisedAt,
                        String detail, Instant clearedAt, String acknowledgedBy, Instant acknowledgedAt) {

        public boolean acknowledged() {
            return acknowledgedAt != null;
        }
    }

    /** An acknowledge's result: the alert as it now is, and whether this call acknowledged it (not an earlier one). */
    public record Acknowledged(Alert alert, boolean now) {
    }

    /** Which alerts to list. */
    public enum Status { OPEN, ACKNOWLEDGED, ALL }

    /**
     * A filter; null fields match everything. Without {@code from} every unacknowledged alert is listed with
     * the acknowledged ones raised since {@code recentSince}.
     */
    public record Query(Status status, String rule, String callId, String agent, String queue, Instant from,
                        Instant to, Instant recentSince, int limit) {
    }

    private static final String COLUMNS = "id, rule, call_id, agent, queue, raised_at, detail, cleared_at,"
            + " acknowledged_by, acknowledged_at";

    private final Database db;
    private final EventOutbox outbox;

    public AlertStore(Database db, EventOutbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /** Stores the alert and its webhook event; empty when the episode is open already (nothing is written). */
    public Optional<Alert> raise(Raise raise) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO alerts (rule, call_id, agent, queue, raised_at,"
                        + " detail, episode_key) VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                    s.setString(1, raise.rule());
                    s.setString(2, clip(raise.callId(), 200));
                    s.setString(3, clip(raise.agent(), 200));
                    s.setString(4, clip(raise.queue(), 200));
                    s.setTimestamp(5, Timestamp.from(raise.at()));
                    s.setString(6, clip(raise.detail(), 1000));
                    s.setString(7, clip(raise.episodeKey(), 600));
                    s.executeUpdate();
                    try (ResultSet keys = s.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                Alert alert = find(c, id).orElseThrow();
                EventOutbox.Batch events = outbox.open(c);
                events.raise(e -> e.alertRaised(alert));
                c.commit();
                events.committed();
                return Optional.of(alert);
            } catch (SQLException e) {
                c.rollback();
                // SQLSTATE 23505, unique violation on H2 and PostgreSQL alike: the episode is open already.
                if ("23505".equals(e.getSQLState())) {
                    return Optional.empty();
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("raising alert " + raise.episodeKey() + " failed", e);
        }
    }

    /** The episode's condition ended: a later one of the same key is a new alert. */
    public void clear(String episodeKey, Instant at) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE alerts SET episode_key = NULL, cleared_at = ?"
                     + " WHERE episode_key = ?")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, clip(episodeKey, 600));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("clearing alert " + episodeKey + " failed", e);
        }
    }

    /** The keys of every episode still open: what a restarted node must not raise again. */
    public Set<String> openEpisodes() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT episode_key FROM alerts WHERE episode_key IS NOT NULL");
             ResultSet rs = s.executeQuery()) {
            Set<String> keys = new HashSet<>();
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
            return keys;
        } catch (SQLException e) {
            throw new StoreException("reading the open alerts failed", e);
        }
    }

    public Optional<Alert> get(long id) {
        try (Connection c = db.connection()) {
            return find(c, id);
        } catch (SQLException e) {
            throw new StoreException("reading alert " + id + " failed", e);
        }
    }

    /**
     * Marks the alert acknowledged by {@code username}; the first acknowledgement stays. Empty when no alert has
     * that id.
     */
    public Optional<Acknowledged> acknowledge(long id, String username, Instant at) {
        try (Connection c = db.connection()) {
            int changed;
            try (PreparedStatement s = c.prepareStatement("UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ?"
                    + " WHERE id = ? AND acknowledged_at IS NULL")) {
                s.setString(1, clip(username, 120));
                s.setTimestamp(2, Timestamp.from(at));
                s.setLong(3, id);
                changed = s.executeUpdate();
            }
            return find(c, id).map(alert -> new Acknowledged(alert, changed == 1));
        } catch (SQLException e) {
            throw new StoreException("acknowledging alert " + id + " failed", e);
        }
    }

    /** Alerts nobody acknowledged yet (the open alerts of the list and of /metrics). */
    public long unacknowledged() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM alerts WHERE acknowledged_at IS NULL");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("counting open alerts failed", e);
        }
    }

    /** Matching alerts, newest first. */
    public List<Alert> find(Query q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.status() == Status.OPEN) {
            where.append(" AND acknowledged_at IS NULL");
        } else if (q.status() == Status.ACKNOWLEDGED) {
            where.append(" AND acknowledged_at IS NOT NULL");
        }
        equal(where, args, "rule", q.rule());
        equal(where, args, "call_id", q.callId());
        equal(where, args, "agent", q.agent());
        equal(where, args, "queue", q.queue());
        if (q.from() != null) {
            where.append(" AND raised_at >= ?");
            args.add(Timestamp.from(q.from()));
        } else if (q.recentSince() != null) {
            where.append(" AND (acknowledged_at IS NULL OR raised_at >= ?)");
            args.add(Timestamp.from(q.recentSince()));
        }
        if (q.to() != null) {
            where.append(" AND raised_at < ?");
            args.add(Timestamp.from(q.to()));
        }
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts" + where
                     + " ORDER BY raised_at DESC, id DESC LIMIT ?")) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            s.setInt(args.size() + 1, q.limit());
            List<Alert> alerts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    alerts.add(read(rs));
                }
            }
            return alerts;
        } catch (SQLException e) {
            throw new StoreException("listing alerts failed", e);
        }
    }

    private static void equal(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static Optional<Alert> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Alert read(ResultSet rs) throws SQLException {
        return new Alert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getString(7), instant(rs.getTimestamp(8)), rs.getString(9),
                instant(rs.getTimestamp(10)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
