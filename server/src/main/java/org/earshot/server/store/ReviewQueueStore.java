package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** The QA review queue and the per-agent QA figures, read from calls, analyses and reviews together. */
public final class ReviewQueueStore {

    /**
     * Which calls of the queue to count and list.
     *
     * @param status to-review (no review yet, or one saved as to-review), reviewed, disputed or all
     * @param flag   only calls whose analysis raised this flag, or null
     * @param agent  only calls answered by this agent, or null
     * @param queue  only calls of this queue, or null
     */
    public record Filter(String status, String flag, String agent, String queue) {

        public static final Set<String> STATUSES = Set.of("to-review", "reviewed", "disputed", "all");

        public Filter {
            if (!STATUSES.contains(status)) {
                throw new IllegalArgumentException("status must be one of " + STATUSES + ", was '" + status + "'");
            }
        }
    }

    /**
     * A call of the queue with its analysis flags and the state of its review; the call record is the caller's to join.
     *
     * @param status  to-review when nobody saved a review yet
     * @param reasons why the call is in the queue besides its flags, e.g. {@code saved search "Cancellations"}
     */
    public record Row(String callId, List<String> flags, List<String> reasons, Double sentiment, String status,
                      Double score, String reviewer, Instant updatedAt) {

        public Row {
            flags = List.copyOf(flags);
            reasons = List.copyOf(reasons);
        }

        /** A row in the queue for its flags or its review only. */
        public Row(String callId, List<String> flags, Double sentiment, String status, Double score, String reviewer,
                   Instant updatedAt) {
            this(callId, flags, List.of(), sentiment, status, score, reviewer, updatedAt);
        }
    }

    /** One page of rows, newest call first, and how many calls match in all. */
    public record Page(long total, List<Row> rows) {

        public Page {
            rows = List.copyOf(rows);
        }
    }

    // In the queue: calls whose analysis raised a flag, calls flagged for a reason (qa_flags: a saved
    // search), and any call somebody saved a review of (a reviewer may pick a call from search), so a
    // saved review is never out of sight.
    private static final String QUEUE = " FROM calls c LEFT JOIN analyses a ON a.call_id = c.id"
            + " LEFT JOIN qa_reviews r ON r.call_id = c.id"
            + " WHERE ((a.flags IS NOT NULL AND a.flags <> '') OR r.call_id IS NOT NULL"
            + " OR EXISTS (SELECT 1 FROM qa_flags f WHERE f.call_id = c.id))";
    private static final String TO_REVIEW = "(r.status IS NULL OR r.status = 'to-review')";

    private final Database db;

    public ReviewQueueStore(Database db) {
        this.db = db;
    }

    /** The rows matching {@code filter}, skipping {@code offset} and listing at most {@code limit}. */
    public Page page(Filter filter, long offset, int limit) {
        StringBuilder where = new StringBuilder(QUEUE);
        List<Object> args = new ArrayList<>();
        switch (filter.status()) {
            case "to-review" -> where.append(" AND ").append(TO_REVIEW);
            case "reviewed", "disputed" -> {
                where.append(" AND r.status = ?");
                args.add(filter.status());
            }
            default -> { }
        }
        if (filter.flag() != null) {
            // flags is a comma-separated list: match a whole entry, with LIKE's wildcards taken literally.
            where.append(" AND (',' || a.flags || ',') LIKE ? ESCAPE '!'");
            args.add("%," + filter.flag().replace("!", "!!").replace("%", "!%").replace("_", "!_") + ",%");
        }
        if (filter.agent() != null) {
            where.append(" AND c.agent = ?");
            args.add(filter.agent());
        }
        if (filter.queue() != null) {
            where.append(" AND c.queue = ?");
            args.add(filter.queue());
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
                pageArgs.add(offset);
                pageArgs.add(limit);
                bind(s, pageArgs);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            return new Page(total, withReasons(c, rows));
        } catch (SQLException e) {
            throw new StoreException("reading the review queue failed", e);
        }
    }

    /**
     * Figures per agent over the calls of the queue that entered from {@code from} (inclusive) to
     * {@code to}, sorted by agent name.
     */
    public List<AgentFigures> agents(Instant from, Instant to) {
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

    private static List<Row> withReasons(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return rows;
        }
        java.util.Map<String, List<String>> reasons = new java.util.HashMap<>();
        String marks = String.join(", ", java.util.Collections.nCopies(rows.size(), "?"));
        try (PreparedStatement s = c.prepareStatement("SELECT call_id, reason FROM qa_flags WHERE call_id IN (" + marks
                + ") ORDER BY flagged_at, reason")) {
            bind(s, rows.stream().map(Row::callId).map(Object.class::cast).toList());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reasons.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return rows.stream().map(r -> new Row(r.callId(), r.flags(), reasons.getOrDefault(r.callId(), List.of()),
                r.sentiment(), r.status(), r.score(), r.reviewer(), r.updatedAt())).toList();
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
