package org.earshot.server.qa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.earshot.server.store.Database;
import org.earshot.server.store.StoreException;

/** The review queue and the per-agent figures, read from calls, analyses and reviews together. */
final class QueueQueries {

    /** A queue row before the call record is joined in. */
    record Row(String callId, List<String> flags, Double sentiment, String status, Double score, String reviewer,
               Instant updatedAt) {
    }

    record Rows(long total, List<Row> rows) {
    }

    // In the queue: calls whose analysis raised a flag, and any call somebody saved a review of
    // (a reviewer may pick a call from search), so a saved review is never out of sight.
    private static final String QUEUE = " FROM calls c LEFT JOIN analyses a ON a.call_id = c.id"
            + " LEFT JOIN qa_reviews r ON r.call_id = c.id"
            + " WHERE ((a.flags IS NOT NULL AND a.flags <> '') OR r.call_id IS NOT NULL)";
    private static final String TO_REVIEW = "(r.status IS NULL OR r.status = 'to-review')";

    private final Database db;

    QueueQueries(Database db) {
        this.db = db;
    }

    Rows queue(QueueQuery query) {
        StringBuilder where = new StringBuilder(QUEUE);
        List<Object> args = new ArrayList<>();
        switch (query.status()) {
            case "to-review" -> where.append(" AND ").append(TO_REVIEW);
            case "reviewed", "disputed" -> {
                where.append(" AND r.status = ?");
                args.add(query.status());
            }
            default -> { }
        }
        if (query.flag() != null) {
            // flags is a comma-separated list: match a whole entry, with LIKE's wildcards taken literally.
            where.append(" AND (',' || a.flags || ',') LIKE ? ESCAPE '!'");
            args.add("%," + query.flag().replace("!", "!!").replace("%", "!%").replace("_", "!_") + ",%");
        }
        if (query.agent() != null) {
            where.append(" AND c.agent = ?");
            args.add(query.agent());
        }
        if (query.queue() != null) {
            where.append(" AND c.queue = ?");
            args.add(query.queue());
        }
        try (Connection c = db.connection()) {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*)" + where)) {
                bind(s, args);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT c.id, a.flags, a.sentiment, r.status, r.score, r.reviewer,"
                    + " r.updated_at" + where + " ORDER BY c.entered_at DESC, c.id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                List<Object> pageArgs = new ArrayList<>(args);
                pageArgs.add((long) query.page() * query.size());
                pageArgs.add(query.size());
                bind(s, pageArgs);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            return new Rows(total, rows);
        } catch (SQLException e) {
            throw new StoreException("reading the review queue failed", e);
        }
    }

    /** Figures per agent over the calls that entered the queue from {@code from} (inclusive) to {@code to}. */
    List<AgentFigures> agents(Instant from, Instant to) {
        String sql = "SELECT c.agent,"
                + " SUM(CASE WHEN r.status = 'reviewed' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN r.status = 'disputed' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN " + TO_REVIEW + " THEN 1 ELSE 0 END),"
                + " AVG(CASE WHEN r.status = 'reviewed' THEN r.score END),"
                + " MIN(CASE WHEN r.status = 'reviewed' THEN r.score END),"
                + " MAX(CASE WHEN r.status IN ('reviewed', 'disputed') THEN r.updated_at END)"
                + QUEUE + " AND c.agent IS NOT NULL AND c.entered_at >= ? AND c.entered_at < ? GROUP BY c.agent";
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            List<AgentFigures> figures = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp last = rs.getTimestamp(7);
                    figures.add(new AgentFigures(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            nullableDouble(rs, 5), nullableDouble(rs, 6), last == null ? null : last.toInstant()));
                }
            }
            // Sorted here, not in SQL: H2 and PostgreSQL collate names differently.
            figures.sort(Comparator.comparing((AgentFigures f) -> f.agent().toLowerCase(java.util.Locale.ROOT))
                    .thenComparing(AgentFigures::agent));
            return figures;
        } catch (SQLException e) {
            throw new StoreException("reading QA figures per agent failed", e);
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        String flags = rs.getString(2);
        Timestamp updated = rs.getTimestamp(7);
        String status = rs.getString(4);
        return new Row(rs.getString(1), flags == null || flags.isEmpty() ? List.of() : List.of(flags.split(",")),
                nullableDouble(rs, 3), status == null ? "to-review" : status, nullableDouble(rs, 5), rs.getString(6),
                updated == null ? null : updated.toInstant());
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double d = rs.getDouble(column);
        return rs.wasNull() ? null : d;
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }
}
