package org.earshot.bench.search;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.earshot.search.CallDocument;
import org.earshot.search.CallDocument.TimedWord;
import org.earshot.search.Figures;

/**
 * The baseline: the same calls in one H2 table on disk, transcripts in text columns, answered with
 * SQL LIKE. Metadata columns a DBA would index (start time, queue) are indexed; a transcript LIKE
 * with a leading % cannot use an index, so it scans every row. Each question is answered in one
 * pass (count, first page and facet counts from the same rows), the most generous way to ask it.
 */
final class H2Baseline implements AutoCloseable {

    private final Connection db;

    H2Baseline(Path dir) throws SQLException {
        db = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("calls").toAbsolutePath(), "sa", "");
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS calls");
            s.execute("CREATE TABLE calls (id VARCHAR(40) PRIMARY KEY, started_at BIGINT NOT NULL, duration DOUBLE,"
                    + " wait DOUBLE, talk DOUBLE, queue VARCHAR(40), agent VARCHAR(40), agents VARCHAR(200),"
                    + " outcome VARCHAR(20), flags VARCHAR(200), interruptions_customer DOUBLE,"
                    + " sentiment_customer DOUBLE, sentiment DOUBLE, customer_text VARCHAR, agent_text VARCHAR)");
        }
    }

    void load(SyntheticCalls calls, int n) throws SQLException {
        db.setAutoCommit(false);
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO calls VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (int i = 0; i < n; i++) {
                CallDocument call = calls.call(i);
                insert.setString(1, call.id());
                insert.setLong(2, call.startedAt().toEpochMilli());
                insert.setDouble(3, call.durationSeconds());
                insert.setObject(4, call.waitSeconds());
                insert.setObject(5, call.talkSeconds());
                insert.setString(6, call.queue());
                insert.setString(7, call.agents().isEmpty() ? null : call.agents().get(0));
                insert.setString(8, "," + String.join(",", call.agents()) + ",");
                insert.setString(9, call.outcome());
                insert.setString(10, "," + String.join(",", call.flags()) + ",");
                insert.setObject(11, call.figures().get(Figures.INTERRUPTIONS_CUSTOMER));
                insert.setObject(12, call.figures().get(Figures.SENTIMENT_CUSTOMER));
                insert.setObject(13, call.figures().get(Figures.SENTIMENT));
                insert.setString(14, text(call, "customer"));
                insert.setString(15, text(call, "agent"));
                insert.addBatch();
                if (i % 500 == 499) {
                    insert.executeBatch();
                    db.commit();
                }
            }
            insert.executeBatch();
            db.commit();
        }
        try (Statement s = db.createStatement()) {
            s.execute("CREATE INDEX calls_started ON calls(started_at)");
            s.execute("CREATE INDEX calls_queue ON calls(queue)");
            s.execute("ANALYZE");
        }
        db.setAutoCommit(true);
    }

    /** The party's words padded with spaces, so that LIKE '% word %' finds whole words. */
    private static String text(CallDocument call, String party) {
        return " " + call.words().stream().filter(w -> w.party().equals(party)).map(TimedWord::word)
                .collect(Collectors.joining(" ")) + " ";
    }

    /** Total, first page of 20 newest first, and (if asked) facet counts: the answer the API gives. */
    long answer(Question q) throws SQLException {
        String sql = "SELECT id, queue, agents, outcome, flags FROM calls WHERE " + q.where() + " ORDER BY started_at DESC";
        try (PreparedStatement select = db.prepareStatement(sql)) {
            for (int i = 0; i < q.args().size(); i++) {
                select.setObject(i + 1, q.args().get(i));
            }
            long total = 0;
            List<String> page = new ArrayList<>();
            Map<String, Map<String, Long>> facets = new TreeMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    total++;
                    if (page.size() < 20) {
                        page.add(rows.getString(1));
                    }
                    if (q.facets()) {
                        count(facets, "queue", rows.getString(2));
                        for (String agent : rows.getString(3).split(",")) {
                            count(facets, "agent", agent);
                        }
                        count(facets, "outcome", rows.getString(4));
                        for (String flag : rows.getString(5).split(",")) {
                            count(facets, "flag", flag);
                        }
                    }
                }
            }
            return total;
        }
    }

    private static void count(Map<String, Map<String, Long>> facets, String facet, String value) {
        if (value != null && !value.isEmpty()) {
            facets.computeIfAbsent(facet, f -> new TreeMap<>()).merge(value, 1L, Long::sum);
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
