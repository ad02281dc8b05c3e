package org.earshot.server.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the pause rollups of V17: adds each closed paused interval to the local days it spans,
 * inside the transaction that closes it, and rebuilds them from the raw intervals. Every method
 * runs in the caller's transaction; the caller commits. Reasons are '' in the rollups for none.
 */
final class PauseRollups {

    static final String PAUSED = "paused";

    /** The state row: whether the day rows hold every closed pause, and their zone (null: none yet). */
    record State(boolean built, ZoneId dayZone) {
    }

    /** A day row's key, in the order a rebuild writes them. */
    private record DayKey(String agent, LocalDate day, String reason) implements Comparable<DayKey> {
        @Override
        public int compareTo(DayKey o) {
            int c = agent.compareTo(o.agent);
            c = c != 0 ? c : day.compareTo(o.day);
            return c != 0 ? c : reason.compareTo(o.reason);
        }
    }

    private static final int BATCH = 1000;

    private final boolean postgres;
    private final String upsert;

    PauseRollups(boolean postgres) {
        this.postgres = postgres;
        this.upsert = postgres
                ? "INSERT INTO agent_pause_days AS t (agent, local_day, reason, paused_ms, pauses, longest_ms, alive)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agent, local_day, reason) DO UPDATE SET"
                        + " paused_ms = t.paused_ms + EXCLUDED.paused_ms, pauses = t.pauses + EXCLUDED.pauses,"
                        + " longest_ms = GREATEST(t.longest_ms, EXCLUDED.longest_ms), alive = t.alive + EXCLUDED.alive"
                : "MERGE INTO agent_pause_days t USING (SELECT CAST(? AS VARCHAR(200)) AS agent, CAST(? AS DATE) AS local_day,"
                        + " CAST(? AS VARCHAR(200)) AS reason, CAST(? AS BIGINT) AS paused_ms, CAST(? AS BIGINT) AS pauses,"
                        + " CAST(? AS BIGINT) AS longest_ms, CAST(? AS INT) AS alive) s"
                        + " ON t.agent = s.agent AND t.local_day = s.local_day AND t.reason = s.reason"
                        + " WHEN MATCHED THEN UPDATE SET paused_ms = t.paused_ms + s.paused_ms, pauses = t.pauses + s.pauses,"
                        + " longest_ms = GREATEST(t.longest_ms, s.longest_ms), alive = t.alive + s.alive"
                        + " WHEN NOT MATCHED THEN INSERT (agent, local_day, reason, paused_ms, pauses, longest_ms, alive)"
                        + " VALUES (s.agent, s.local_day, s.reason, s.paused_ms, s.pauses, s.longest_ms, s.alive)";
    }

    State read(Connection c) throws SQLException {
        return read(c, "");
    }

    /** Locks the state row for a writer, as IntervalRollups does (shared on PostgreSQL, whose upserts keep writers apart). */
    State lockForWrite(Connection c) throws SQLException {
        return read(c, postgres ? " FOR SHARE" : " FOR UPDATE");
    }

    /** Gives the day rows a zone when they have none (in a transaction of its own: it takes the lock alone). */
    void claimZone(Connection c, ZoneId zone) throws SQLException {
        if (read(c, " FOR UPDATE").dayZone() == null) {
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_pause_rollup_state SET day_zone = ? WHERE id = 1")) {
                s.setString(1, zone.getId());
                s.executeUpdate();
            }
        }
    }

    private static State read(Connection c, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT built, day_zone FROM agent_pause_rollup_state WHERE id = 1" + lock);
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("agent_pause_rollup_state has no row: migration V17 did not run");
            }
            String zone = rs.getString(2);
            return new State(rs.getBoolean(1), zone == null ? null : ZoneId.of(zone));
        }
    }

    /** Adds one closed pause [start, end) to the day rows of {@code state}'s zone (none without a zone). */
    void add(Connection c, State state, String agent, String reason, long start, long end) throws SQLException {
        if (end <= start || state.dayZone() == null) {
            return;
        }
        Map<DayKey, long[]> rows = new TreeMap<>();
        split(rows, state.dayZone(), agent, reason, start, end);
        try (PreparedStatement s = c.prepareStatement(upsert)) {
            for (Map.Entry<DayKey, long[]> e : rows.entrySet()) {
                set(s, e.getKey(), e.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Recomputes every day row from the closed paused intervals, in {@code zone}, and marks the
     * rollups built. Memory holds one entry per agent, day and reason paused: a few hundred thousand
     * for years of a large floor.
     */
    void rebuild(Connection c, ZoneId zone) throws SQLException {
        read(c, " FOR UPDATE");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM agent_pause_days");
        }
        Map<DayKey, long[]> rows = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT agent, reason, started_at, ended_at FROM agent_intervals"
                + " WHERE activity = '" + PAUSED + "' AND ended_at IS NOT NULL")) {
            s.setFetchSize(BATCH);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long start = rs.getTimestamp(3).toInstant().toEpochMilli();
                    long end = rs.getTimestamp(4).toInstant().toEpochMilli();
                    if (end > start) {
                        split(rows, zone, rs.getString(1), rs.getString(2), start, end);
                    }
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO agent_pause_days"
                + " (agent, local_day, reason, paused_ms, pauses, longest_ms, alive) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int batched = 0;
            for (Map.Entry<DayKey, long[]> e : rows.entrySet()) {
                set(insert, e.getKey(), e.getValue());
                insert.addBatch();
                if (++batched % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE agent_pause_rollup_state SET built = TRUE, day_zone = ? WHERE id = 1")) {
            s.setString(1, zone.getId());
            s.executeUpdate();
        }
    }

    /** What one pause adds to each local day it spans: time that day; on its first day one pause and its length; alive after. */
    private static void split(Map<DayKey, long[]> rows, ZoneId zone, String agent, String reason, long start, long end) {
        String key = reason == null ? "" : reason;
        LocalDate day = dayOf(start, zone);
        long dayStart = startOf(day, zone);
        while (dayStart < end) {
            long next = startOf(day.plusDays(1), zone);
            long[] sums = rows.computeIfAbsent(new DayKey(agent, day, key), k -> new long[4]);
            sums[0] += Math.min(end, next) - Math.max(start, dayStart);
            if (start >= dayStart) {
                sums[1] += 1;
                sums[2] = Math.max(sums[2], end - start);
            } else {
                sums[3] += 1;
            }
            day = day.plusDays(1);
            dayStart = next;
        }
    }

    private static void set(PreparedStatement s, DayKey key, long[] sums) throws SQLException {
        s.setString(1, key.agent());
        s.setDate(2, Date.valueOf(key.day()));
        s.setString(3, key.reason());
        s.setLong(4, sums[0]);
        s.setLong(5, sums[1]);
        s.setLong(6, sums[2]);
        s.setInt(7, (int) sums[3]);
    }

    static LocalDate dayOf(long millis, ZoneId zone) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(millis), zone);
    }

    static long startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
