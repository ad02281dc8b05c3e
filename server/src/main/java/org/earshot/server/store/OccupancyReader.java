package org.earshot.server.store;

import static org.earshot.server.store.OccupancyRules.BUCKET_MILLIS;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The occupancy sums of consecutive ranges, from the rollups: a day row for each whole local day
 * inside a range, a bucket row for each other whole bucket, and the raw intervals only between a
 * bucket's start and a range edge inside that bucket. Open intervals are not rolled up: they are
 * read apart and counted till now. All times are epoch milliseconds.
 *
 * <p>A range edge {@code t} inside bucket {@code q}: the sums over [q, t) are the bucket's intervals
 * under way at q (its alive counts) times (t - q), less what those that ended in (q, t) did not
 * do, plus what the intervals started in (q, t) did — the few intervals whose start or end falls
 * in (q, t), found by the indexes on started_at and ended_at however long the intervals are.
 */
final class OccupancyReader {

    /** Sums per key (an agent, or "" for all together): handling and logged-in millis of range i at [2i] and [2i + 1]. */
    private final Map<String, long[]> sums = new TreeMap<>();

    private final Connection c;
    private final String agent;
    private final boolean perAgent;
    private final RangeParts parts;
    private final long[] bounds;
    private final long now;

    private final TreeSet<LocalDate> daysNeeded = new TreeSet<>();
    private final List<long[]> spansNeeded = new ArrayList<>();
    private final TreeSet<Long> edges = new TreeSet<>();
    private final Map<String, TreeMap<Long, long[]>> buckets = new HashMap<>();
    private final Map<String, Map<LocalDate, long[]>> days = new HashMap<>();
    private final Map<String, Map<Long, long[]>> edgeIntervals = new HashMap<>();

    /**
     * @param agent    one agent, or null for all
     * @param perAgent keep each agent's sums apart (else one key, "")
     * @param dayZone  the zone of the day rows, null when they are not for the zone asked about
     * @param bounds   b0 < b1 < ... < bn: n consecutive ranges
     */
    OccupancyReader(Connection c, String agent, boolean perAgent, ZoneId dayZone, long[] bounds, long now) {
        this.c = c;
        this.agent = agent;
        this.perAgent = perAgent;
        this.parts = new RangeParts(dayZone);
        this.bounds = bounds;
        this.now = now;
    }

    Map<String, long[]> fromRollups() throws SQLException {
        RangeParts.Parts plan = new Plan();
        for (int i = 0; i + 1 < bounds.length; i++) {
            parts.split(bounds[i], bounds[i + 1], plan);
        }
        readBuckets();
        readDays();
        for (long edge : edges) {
            readEdgeIntervals(edge);
        }
        List<String> keys = new ArrayList<>(buckets.keySet());
        keys.addAll(days.keySet());
        keys.addAll(edgeIntervals.keySet());
        for (String key : new TreeSet<>(keys)) {
            long[] ranges = sumsOf(key);
            for (int i = 0; i + 1 < bounds.length; i++) {
                Sum sum = new Sum(key);
                parts.split(bounds[i], bounds[i + 1], sum);
                ranges[2 * i] += sum.handling;
                ranges[2 * i + 1] += sum.loggedIn;
            }
        }
        readOpen();
        return sums;
    }

    /** The same sums from the raw intervals alone: before the rollups are built, and to check them. */
    Map<String, long[]> fromIntervals() throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT agent, activity, started_at, ended_at FROM agent_intervals"
                + " WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?)" + (agent != null ? " AND agent = ?" : ""))) {
            s.setTimestamp(1, timestamp(bounds[bounds.length - 1]));
            s.setTimestamp(2, timestamp(bounds[0]));
            if (agent != null) {
                s.setString(3, agent);
            }
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp end = rs.getTimestamp(4);
                    spread(rs.getString(1), rs.getString(2), millis(rs.getTimestamp(3)), end == null ? now : millis(end));
                }
            }
        }
        return sums;
    }

    /** Gathers what the ranges need read. */
    private final class Plan implements RangeParts.Parts {
        @Override
        public void buckets(long from, long to) {
            if (from < to) {
                spansNeeded.add(new long[] {from, to});
            }
        }

        @Override
        public void day(LocalDate day) {
            daysNeeded.add(day);
        }

        @Override
        public void bucket(long start) {
            buckets(start, start + BUCKET_MILLIS);
        }

        @Override
        public void prefix(long edge, int sign) {
            if (!OccupancyRules.aligned(edge)) {
                edges.add(edge);
                bucket(OccupancyRules.bucketOf(edge));
            }
        }
    }

    /** Adds up one key's parts of one range. */
    private final class Sum implements RangeParts.Parts {
        private final TreeMap<Long, long[]> keyBuckets;
        private final Map<LocalDate, long[]> keyDays;
        private final Map<Long, long[]> keyEdges;
        long handling;
        long loggedIn;

        Sum(String key) {
            keyBuckets = buckets.getOrDefault(key, new TreeMap<>());
            keyDays = days.getOrDefault(key, Map.of());
            keyEdges = edgeIntervals.getOrDefault(key, Map.of());
        }

        @Override
        public void buckets(long from, long to) {
            if (from < to) {
                for (long[] row : keyBuckets.subMap(from, to).values()) {
                    handling += row[0];
                    loggedIn += row[1];
                }
            }
        }

        @Override
        public void day(LocalDate day) {
            long[] row = keyDays.get(day);
            if (row != null) {
                handling += row[0];
                loggedIn += row[1];
            }
        }

        @Override
        public void bucket(long start) {
            buckets(start, start + BUCKET_MILLIS);
        }

        @Override
        public void prefix(long edge, int sign) {
            if (OccupancyRules.aligned(edge)) {
                return;
            }
            long bucket = OccupancyRules.bucketOf(edge);
            long[] row = keyBuckets.get(bucket);
            long[] moved = keyEdges.get(edge);
            long h = (row == null ? 0 : row[2] * (edge - bucket)) + (moved == null ? 0 : moved[0]);
            long l = (row == null ? 0 : row[3] * (edge - bucket)) + (moved == null ? 0 : moved[1]);
            handling += sign * h;
            loggedIn += sign * l;
        }
    }

    /** The bucket rows of every span needed, spans that touch read together. */
    private void readBuckets() throws SQLException {
        spansNeeded.sort((x, y) -> Long.compare(x[0], y[0]));
        try (PreparedStatement s = c.prepareStatement("SELECT " + (perAgent ? "agent, " : "") + "bucket_start, SUM(handling_ms),"
                + " SUM(logged_in_ms), SUM(handling_alive), SUM(logged_in_alive) FROM agent_interval_buckets"
                + " WHERE bucket_start >= ? AND bucket_start < ?" + (agent != null ? " AND agent = ?" : "")
                + " GROUP BY " + (perAgent ? "agent, " : "") + "bucket_start")) {
            int i = 0;
            while (i < spansNeeded.size()) {
                long from = spansNeeded.get(i)[0];
                long to = spansNeeded.get(i)[1];
                for (i++; i < spansNeeded.size() && spansNeeded.get(i)[0] <= to; i++) {
                    to = Math.max(to, spansNeeded.get(i)[1]);
                }
                s.setLong(1, from);
                s.setLong(2, to);
                if (agent != null) {
                    s.setString(3, agent);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        int col = perAgent ? 2 : 1;
                        buckets.computeIfAbsent(perAgent ? rs.getString(1) : "", k -> new TreeMap<>()).put(rs.getLong(col),
                                new long[] {rs.getLong(col + 1), rs.getLong(col + 2), rs.getLong(col + 3), rs.getLong(col + 4)});
                    }
                }
            }
        }
    }

    /** The day rows of every day needed, runs of consecutive days read together. */
    private void readDays() throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + (perAgent ? "agent, " : "") + "local_day, SUM(handling_ms),"
                + " SUM(logged_in_ms) FROM agent_interval_days WHERE local_day >= ? AND local_day < ?" + (agent != null ? " AND agent = ?" : "")
                + " GROUP BY " + (perAgent ? "agent, " : "") + "local_day")) {
            LocalDate from = null;
            LocalDate to = null;
            for (LocalDate day : daysNeeded) {
                if (from != null && !day.equals(to)) {
                    readDays(s, from, to);
                    from = null;
                }
                from = from == null ? day : from;
                to = day.plusDays(1);
            }
            if (from != null) {
                readDays(s, from, to);
            }
        }
    }

    private void readDays(PreparedStatement s, LocalDate from, LocalDate to) throws SQLException {
        s.setDate(1, Date.valueOf(from));
        s.setDate(2, Date.valueOf(to));
        if (agent != null) {
            s.setString(3, agent);
        }
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                int col = perAgent ? 2 : 1;
                days.computeIfAbsent(perAgent ? rs.getString(1) : "", k -> new HashMap<>())
                        .put(rs.getDate(col).toLocalDate(), new long[] {rs.getLong(col + 1), rs.getLong(col + 2)});
            }
        }
    }

    /**
     * The closed intervals that start or end between the edge's bucket start q and the edge: those
     * started in (q, edge) add what they did before the edge, those under way at q that ended in
     * (q, edge) take away the time from their end to the edge (their alive count assumed them on).
     * Times are kept to the millisecond, so "after q" is "at or after q + 1 ms".
     */
    private void readEdgeIntervals(long edge) throws SQLException {
        long bucket = OccupancyRules.bucketOf(edge);
        String byAgent = agent != null ? " AND agent = ?" : "";
        try (PreparedStatement started = c.prepareStatement("SELECT agent, activity, started_at, ended_at FROM agent_intervals"
                + " WHERE started_at >= ? AND started_at < ? AND ended_at IS NOT NULL" + byAgent);
             PreparedStatement ended = c.prepareStatement("SELECT agent, activity, started_at, ended_at FROM agent_intervals"
                     + " WHERE ended_at >= ? AND ended_at < ? AND started_at < ?" + byAgent)) {
            started.setTimestamp(1, timestamp(bucket + 1));
            started.setTimestamp(2, timestamp(edge));
            ended.setTimestamp(1, timestamp(bucket + 1));
            ended.setTimestamp(2, timestamp(edge));
            ended.setTimestamp(3, timestamp(bucket + 1));
            if (agent != null) {
                started.setString(3, agent);
                ended.setString(4, agent);
            }
            try (ResultSet rs = started.executeQuery()) {
                while (rs.next()) {
                    long start = millis(rs.getTimestamp(3));
                    edgeTime(rs.getString(1), rs.getString(2), edge, Math.max(0, Math.min(millis(rs.getTimestamp(4)), edge) - start));
                }
            }
            try (ResultSet rs = ended.executeQuery()) {
                while (rs.next()) {
                    edgeTime(rs.getString(1), rs.getString(2), edge, -(edge - millis(rs.getTimestamp(4))));
                }
            }
        }
    }

    private void edgeTime(String agentName, String activity, long edge, long millis) {
        if (OccupancyRules.counted(activity)) {
            long[] sum = edgeIntervals.computeIfAbsent(perAgent ? agentName : "", k -> new HashMap<>())
                    .computeIfAbsent(edge, e -> new long[2]);
            sum[0] += OccupancyRules.handling(activity) ? millis : 0;
            sum[1] += millis;
        }
    }

    /** The open intervals (served by the index on ended_at), each counted till now. */
    private void readOpen() throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT agent, activity, started_at FROM agent_intervals"
                + " WHERE ended_at IS NULL" + (agent != null ? " AND agent = ?" : ""))) {
            if (agent != null) {
                s.setString(1, agent);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    spread(rs.getString(1), rs.getString(2), millis(rs.getTimestamp(3)), now);
                }
            }
        }
    }

    /** Adds the interval [start, end) to each range it overlaps. */
    private void spread(String agentName, String activity, long start, long end) {
        long from = Math.max(start, bounds[0]);
        long to = Math.min(end, bounds[bounds.length - 1]);
        if (!OccupancyRules.counted(activity) || to <= from) {
            return;
        }
        long[] ranges = sumsOf(perAgent ? agentName : "");
        boolean handling = OccupancyRules.handling(activity);
        int i = Arrays.binarySearch(bounds, from);
        for (i = i >= 0 ? i : -i - 2; i + 1 < bounds.length && bounds[i] < to; i++) {
            long millis = Math.min(to, bounds[i + 1]) - Math.max(from, bounds[i]);
            ranges[2 * i] += handling ? millis : 0;
            ranges[2 * i + 1] += millis;
        }
    }

    private long[] sumsOf(String key) {
        return sums.computeIfAbsent(key, k -> new long[2 * (bounds.length - 1)]);
    }

    private static Timestamp timestamp(long millis) {
        return Timestamp.from(Instant.ofEpochMilli(millis));
    }

    private static long millis(Timestamp t) {
        return t.toInstant().toEpochMilli();
    }
}
