package org.earshot.server.store;

import static org.earshot.server.store.OccupancyRules.BUCKET_MILLIS;

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
 * Keeps the occupancy rollups of V11: adds each closed interval to the 15-minute buckets and local
 * days it spans, inside the transaction that closes it, and rebuilds them from the raw intervals.
 * Every method runs in the caller's transaction; the caller commits.
 */
final class IntervalRollups {

    /** The state row: whether the buckets hold every closed interval, and the zone of the day rows (null: none yet). */
    record State(boolean built, ZoneId dayZone) {
    }

    private static final String[] BUCKET_SUMS = {"handling_ms", "logged_in_ms", "handling_alive", "logged_in_alive"};
    private static final String[] DAY_SUMS = {"handling_ms", "logged_in_ms"};
    private static final int BATCH = 1000;

    private final boolean postgres;
    private final String upsertBucket;
    private final String upsertDay;

    IntervalRollups(boolean postgres) {
        this.postgres = postgres;
        this.upsertBucket = upsertAdding("agent_interval_buckets", "bucket_start", "BIGINT", BUCKET_SUMS);
        this.upsertDay = upsertAdding("agent_interval_days", "local_day", "DATE", DAY_SUMS);
    }

    State read(Connection c) throws SQLException {
        return read(c, "");
    }

    /**
     * Locks the state row for a writer till its commit. On PostgreSQL writers share the lock (the
     * upserts keep concurrent additions apart); a rebuild takes it alone, so no interval closes while
     * it reads them. H2 serves one process, whose few writers may as well take turns.
     */
    State lockForWrite(Connection c) throws SQLException {
        return read(c, postgres ? " FOR SHARE" : " FOR UPDATE");
    }

    private State lockAlone(Connection c) throws SQLException {
        return read(c, " FOR UPDATE");
    }

    private static State read(Connection c, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT built, day_zone FROM agent_interval_rollup_state WHERE id = 1" + lock);
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("agent_interval_rollup_state has no row: migration V11 did not run");
            }
            String zone = rs.getString(2);
            return new State(rs.getBoolean(1), zone == null ? null : ZoneId.of(zone));
        }
    }

    /** Adds one agent's closed interval [start, end) of {@code activity} to its buckets, and days when {@code state} has a zone. */
    void add(Connection c, State state, String agent, String activity, long start, long end) throws SQLException {
        if (!OccupancyRules.counted(activity) || end <= start) {
            return;
        }
        boolean handling = OccupancyRules.handling(activity);
        ZoneId zone = state.dayZone();
        // Ascending keys in every transaction: two writers upserting the same rows lock them in the same order.
        try (PreparedStatement buckets = c.prepareStatement(upsertBucket);
             PreparedStatement days = c.prepareStatement(upsertDay)) {
            LocalDate day = null;
            long dayMillis = 0;
            for (long bucket = OccupancyRules.bucketOf(start); bucket < end; bucket += BUCKET_MILLIS) {
                long millis = Math.min(end, bucket + BUCKET_MILLIS) - Math.max(start, bucket);
                long alive = start <= bucket ? 1 : 0;
                set(buckets, agent, bucket, handling ? millis : 0, millis, handling ? alive : 0, alive);
                buckets.addBatch();
                if (zone != null) {
                    LocalDate d = dayOf(bucket, zone);
                    if (day != null && !d.equals(day)) {
                        set(days, agent, Date.valueOf(day), handling ? dayMillis : 0, dayMillis);
                        days.addBatch();
                        dayMillis = 0;
                    }
                    day = d;
                    dayMillis += millis;
                }
            }
            buckets.executeBatch();
            if (day != null) {
                set(days, agent, Date.valueOf(day), handling ? dayMillis : 0, dayMillis);
                days.addBatch();
                days.executeBatch();
            }
        }
    }

    /**
     * Recomputes every rollup from the raw intervals, with day rows in {@code zone}. One pass over the
     * closed intervals in start order: a bucket before the current interval's start can get nothing
     * more, so it is written and forgotten, and memory holds only the buckets still open to additions.
     */
    void rebuild(Connection c, ZoneId zone) throws SQLException {
        lockAlone(c);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM agent_interval_buckets");
            s.executeUpdate("DELETE FROM agent_interval_days");
        }
        try (Sink sink = new Sink(c, zone);
             PreparedStatement s = c.prepareStatement("SELECT agent, activity, started_at, ended_at FROM agent_intervals"
                     + " WHERE ended_at IS NOT NULL ORDER BY started_at")) {
            s.setFetchSize(BATCH);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String activity = rs.getString(2);
                    long start = rs.getTimestamp(3).toInstant().toEpochMilli();
                    long end = rs.getTimestamp(4).toInstant().toEpochMilli();
                    sink.writeBefore(OccupancyRules.bucketOf(start));
                    if (OccupancyRules.counted(activity) && end > start) {
                        sink.add(rs.getString(1), OccupancyRules.handling(activity), start, end);
                    }
                }
            }
            sink.writeBefore(Long.MAX_VALUE);
        }
        setState(c, true, zone);
    }

    /** Gives day rows to rollups that have none yet (a new database's first writer), built from the buckets. */
    void claimZone(Connection c, ZoneId zone) throws SQLException {
        if (lockAlone(c).dayZone() == null) {
            rebuildDays(c, zone);
        }
    }

    /** Recomputes the day rows for {@code zone} from the buckets (a changed zone; the first writer of a new database). */
    void rebuildDays(Connection c, ZoneId zone) throws SQLException {
        lockAlone(c);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM agent_interval_days");
        }
        try (PreparedStatement days = c.prepareStatement("INSERT INTO agent_interval_days (agent, local_day, handling_ms, logged_in_ms)"
                + " VALUES (?, ?, ?, ?)");
             PreparedStatement s = c.prepareStatement("SELECT agent, bucket_start, handling_ms, logged_in_ms"
                     + " FROM agent_interval_buckets ORDER BY agent, bucket_start")) {
            s.setFetchSize(BATCH);
            String agent = null;
            LocalDate day = null;
            long[] sums = new long[2];
            int batched = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String a = rs.getString(1);
                    LocalDate d = dayOf(rs.getLong(2), zone);
                    if (day != null && (!d.equals(day) || !a.equals(agent))) {
                        set(days, agent, Date.valueOf(day), sums[0], sums[1]);
                        days.addBatch();
                        sums = new long[2];
                        if (++batched % BATCH == 0) {
                            days.executeBatch();
                        }
                    }
                    agent = a;
                    day = d;
                    sums[0] += rs.getLong(3);
                    sums[1] += rs.getLong(4);
                }
            }
            if (day != null) {
                set(days, agent, Date.valueOf(day), sums[0], sums[1]);
                days.addBatch();
            }
            days.executeBatch();
        }
        State state = read(c);
        setState(c, state.built(), zone);
    }

    private static void setState(Connection c, boolean built, ZoneId zone) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE agent_interval_rollup_state SET built = ?, day_zone = ? WHERE id = 1")) {
            s.setBoolean(1, built);
            s.setString(2, zone.getId());
            s.executeUpdate();
        }
    }

    static LocalDate dayOf(long millis, ZoneId zone) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(millis), zone);
    }

    /** An upsert that adds {@code sums} to the row keyed (agent, {@code key}), or inserts it. */
    private String upsertAdding(String table, String key, String keyType, String[] sums) {
        String columns = "agent, " + key + ", " + String.join(", ", sums);
        StringBuilder added = new StringBuilder();
        for (String sum : sums) {
            added.append(added.length() == 0 ? "" : ", ").append(sum).append(" = t.").append(sum)
                    .append(postgres ? " + EXCLUDED." : " + s.").append(sum);
        }
        if (postgres) {
            return "INSERT INTO " + table + " AS t (" + columns + ") VALUES (?, ?" + ", ?".repeat(sums.length) + ")"
                    + " ON CONFLICT (agent, " + key + ") DO UPDATE SET " + added;
        }
        StringBuilder source = new StringBuilder("SELECT CAST(? AS VARCHAR(200)) AS agent, CAST(? AS " + keyType + ") AS " + key);
        StringBuilder values = new StringBuilder("s.agent, s." + key);
        for (String sum : sums) {
            source.append(", CAST(? AS BIGINT) AS ").append(sum);
            values.append(", s.").append(sum);
        }
        return "MERGE INTO " + table + " t USING (" + source + ") s ON t.agent = s.agent AND t." + key + " = s." + key
                + " WHEN MATCHED THEN UPDATE SET " + added
                + " WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES (" + values + ")";
    }

    private static void set(PreparedStatement s, String agent, Object key, long... sums) throws SQLException {
        s.setString(1, agent);
        s.setObject(2, key);
        for (int i = 0; i < sums.length; i++) {
            s.setLong(3 + i, sums[i]);
        }
    }

    /** Key of a bucket being rebuilt: in time order, so the ones done are at the head. */
    private record BucketKey(long start, String agent) implements Comparable<BucketKey> {
        @Override
        public int compareTo(BucketKey o) {
            int byStart = Long.compare(start, o.start);
            return byStart != 0 ? byStart : agent.compareTo(o.agent);
        }
    }

    /** Where a rebuild puts its sums: buckets held till no interval can add to them, then written. */
    private static final class Sink implements AutoCloseable {
        private final ZoneId zone;
        private final PreparedStatement buckets;
        private final PreparedStatement days;
        private final TreeMap<BucketKey, long[]> open = new TreeMap<>();
        private final Map<String, long[]> today = new TreeMap<>();
        private LocalDate day;
        private int batched;

        Sink(Connection c, ZoneId zone) throws SQLException {
            this.zone = zone;
            this.buckets = c.prepareStatement("INSERT INTO agent_interval_buckets (agent, bucket_start, handling_ms,"
                    + " logged_in_ms, handling_alive, logged_in_alive) VALUES (?, ?, ?, ?, ?, ?)");
            this.days = c.prepareStatement("INSERT INTO agent_interval_days (agent, local_day, handling_ms, logged_in_ms)"
                    + " VALUES (?, ?, ?, ?)");
        }

        void add(String agent, boolean handling, long start, long end) {
            for (long bucket = OccupancyRules.bucketOf(start); bucket < end; bucket += BUCKET_MILLIS) {
                long millis = Math.min(end, bucket + BUCKET_MILLIS) - Math.max(start, bucket);
                long alive = start <= bucket ? 1 : 0;
                long[] sums = open.computeIfAbsent(new BucketKey(bucket, agent), k -> new long[4]);
                sums[0] += handling ? millis : 0;
                sums[1] += millis;
                sums[2] += handling ? alive : 0;
                sums[3] += alive;
            }
        }

        /** Writes the buckets that start before {@code bucket}, in time order, and the days they finish. */
        void writeBefore(long bucket) throws SQLException {
            while (!open.isEmpty() && open.firstKey().start() < bucket) {
                Map.Entry<BucketKey, long[]> e = open.pollFirstEntry();
                String agent = e.getKey().agent();
                long[] sums = e.getValue();
                set(buckets, agent, e.getKey().start(), sums);
                batch(buckets);
                LocalDate d = dayOf(e.getKey().start(), zone);
                if (!d.equals(day)) {
                    writeDay();
                    day = d;
                }
                long[] daySums = today.computeIfAbsent(agent, a -> new long[2]);
                daySums[0] += sums[0];
                daySums[1] += sums[1];
            }
            if (bucket == Long.MAX_VALUE) {
                writeDay();
                buckets.executeBatch();
                days.executeBatch();
            }
        }

        private void writeDay() throws SQLException {
            for (Map.Entry<String, long[]> e : today.entrySet()) {
                set(days, e.getKey(), Date.valueOf(day), e.getValue());
                batch(days);
            }
            today.clear();
        }

        private void batch(PreparedStatement s) throws SQLException {
            s.addBatch();
            if (++batched % BATCH == 0) {
                buckets.executeBatch();
                days.executeBatch();
            }
        }

        @Override
        public void close() throws SQLException {
            try (buckets; days) {
                // closes both
            }
        }
    }
}
