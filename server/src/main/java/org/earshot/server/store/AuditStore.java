package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log: who logged in, who changed which account, who opened or played which call, and when.
 * Entries are only ever appended; call centres must be able to show who listened to a recording.
 */
public final class AuditStore {

    /** One audited action. {@code target} is what it was done to (a user name, a call id). */
    public record Entry(Instant at, String username, String action, String target, String detail) {
    }

    /** A filter over the log; null fields match everything. */
    public record Query(String username, String action, String target, Instant from, Instant to, int page, int size) {
    }

    public record Page(long total, List<Entry> entries) {
    }

    private final Database db;

    public AuditStore(Database db) {
        this.db = db;
    }

    public void append(Entry entry) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO audit_log (at, username, action, target, detail) VALUES (?, ?, ?, ?, ?)")) {
            s.setTimestamp(1, Timestamp.from(entry.at()));
            s.setString(2, clip(entry.username(), 120)); // "key:" + a key's name of up to 80 (V12)
            s.setString(3, clip(entry.action(), 40));
            s.setString(4, clip(entry.target(), 200));
            s.setString(5, clip(entry.detail(), 1000));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("writing the audit log failed", e);
        }
    }

    /** Matching entries, newest first. */
    public Page find(Query query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.username() != null) {
            where.append(" AND username = ?");
            args.add(query.username());
        }
        if (query.action() != null) {
            where.append(" AND action = ?");
            args.add(query.action());
        }
        if (query.target() != null) {
            where.append(" AND target = ?");
            args.add(query.target());
        }
        if (query.from() != null) {
            where.append(" AND at >= ?");
            args.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND at < ?");
            args.add(Timestamp.from(query.to()));
        }
        try (Connection c = db.connection()) {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM audit_log" + where)) {
                bind(s, args);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT at, username, action, target, detail FROM audit_log"
                    + where + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?")) {
                bind(s, args);
                s.setInt(args.size() + 1, query.size());
                s.setLong(args.size() + 2, (long) query.page() * query.size());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return new Page(total, entries);
        } catch (SQLException e) {
            throw new StoreException("reading the audit log failed", e);
        }
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
