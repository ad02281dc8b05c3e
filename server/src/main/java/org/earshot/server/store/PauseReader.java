package org.earshot.server.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pause figures of a range [from, to), per agent and reason, from the day rows or from the raw
 * intervals. From the rollups: each day the range touches from its day row; the part of a day
 * before a range edge inside it is the day's pauses under way at its start (alive) times the
 * part's length, less what those that ended in the part did not pause, plus what the pauses begun
 * in the part did (the few pauses that begin or end there, found by the indexes on started_at
 * and ended_at); pauses begun in a partial day are counted and measured from the raw intervals.
 * Open pauses are not rolled up: they are read apart and counted till now. Times are epoch ms.
 */
final class PauseReader {

    /** Per agent, per reason ('' for none): millis, count, longest. */
    private final Map<String, Map<String, long[]>> sums = new TreeMap<>();

    private final Connection c;
    private final String agent;
    private final long now;

    /** @param agent one agent, or null for all */
    PauseReader(Connection c, String agent, long now) {
        this.c = c;
        this.agent = agent;
        this.now = now;
    }

    /** Reads every paused interval overlapping [from, to): the reference, and the answer while the rollups are not usable. */
    PauseReader fromIntervals(long from, long to) throws SQLException {
        query("started_at < ? AND (ended_at IS NULL OR ended_at > ?)", rs -> {
            long start = millis(rs, 3);
            long end = rs.getTimestamp(4) == null ? now : millis(rs, 4);
            pause(rs.getString(1), rs.getString(2), start, end, from, to);
        }, to, from);
        return this;
    }

    /** Reads [from, to) from the day rows of {@code zone}, raw intervals only at the edges, open pauses apart. */
    PauseReader fromRollups(long from, long to, ZoneId zone) throws SQLException {
        LocalDate first = PauseRollups.dayOf(from, zone);
        LocalDate last = PauseRollups.dayOf(to, zone);
        long firstStart = PauseRollups.startOf(first, zone);
        long lastStart = PauseRollups.startOf(last, zone);
        Map<LocalDate, Map<String, Map<String, long[]>>> days = days(first, last);
        boolean firstWhole = from == firstStart;
        for (Map.Entry<LocalDate, Map<String, Map<String, long[]>>> day : days.entrySet()) {
            boolean counted = day.getKey().isBefore(last) && (firstWhole || day.getKey().isAfter(first));
            day.getValue().forEach((a, reasons) -> reasons.forEach((reason, row) -> {
                long[] s = sums(a, reason);
                if (day.getKey().isBefore(last)) {
                    s[0] += row[0];
                }
                if (counted) {
                    s[1] += row[1];
                    s[2] = Math.max(s[2], row[2]);
                }
            }));
        }
        prefix(days.get(first), firstStart, from, -1);
        prefix(days.get(last), lastStart, to, 1);
        // Pauses begun in a partial day: their count and length (their time is in the sums above).
        long firstEnd = first.equals(last) ? to : PauseRollups.startOf(first.plusDays(1), zone);
        if (!firstWhole) {
            begunIn(from, firstEnd);
        }
        if (lastStart < to && (firstWhole || !first.equals(last))) {
            begunIn(lastStart, to);
        }
        open(from, to);
        return this;
    }

    /** The day rows of [first, last], per day, agent and reason: millis, count, longest, alive. */
    private Map<LocalDate, Map<String, Map<String, long[]>>> days(LocalDate first, LocalDate last) throws SQLException {
        Map<LocalDate, Map<String, Map<String, long[]>>> days = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT agent, reason, local_day, paused_ms, pauses, longest_ms, alive"
                + " FROM agent_pause_days WHERE local_day >= ? AND local_day <= ?" + (agent == null ? "" : " AND agent = ?"))) {
            s.setDate(1, Date.valueOf(first));
            s.setDate(2, Date.valueOf(last));
            if (agent != null) {
                s.setString(3, agent);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    days.computeIfAbsent(rs.getDate(3).toLocalDate(), d -> new TreeMap<>())
                            .computeIfAbsent(rs.getString(1), a -> new TreeMap<>())
                            .put(rs.getString(2), new long[] {rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)});
                }
            }
        }
        return days;
    }

    /** Adds {@code sign} times the closed pauses' time in [dayStart, edge). */
    private void prefix(Map<String, Map<String, long[]>> day, long dayStart, long edge, int sign) throws SQLException {
        if (edge == dayStart) {
            return;
        }
        if (day != null) {
            day.forEach((a, reasons) -> reasons.forEach((reason, row) -> sums(a, reason)[0] += sign * row[3] * (edge - dayStart)));
        }
        query("ended_at > ? AND ended_at < ? AND started_at < ?",
                rs -> sums(rs.getString(1), rs.getString(2))[0] -= sign * (edge - millis(rs, 4)), dayStart, edge, dayStart);
        query("started_at >= ? AND started_at < ? AND ended_at IS NOT NULL",
                rs -> sums(rs.getString(1), rs.getString(2))[0] += sign * (Math.min(millis(rs, 4), edge) - millis(rs, 3)),
                dayStart, edge);
    }

    /** Counts and measures the closed pauses begun in [from, to). */
    private void begunIn(long from, long to) throws SQLException {
        query("started_at >= ? AND started_at < ? AND ended_at IS NOT NULL", rs -> {
            long length = millis(rs, 4) - millis(rs, 3);
            if (length > 0) {
                long[] s = sums(rs.getString(1), rs.getString(2));
                s[1] += 1;
                s[2] = Math.max(s[2], length);
            }
        }, from, to);
    }

    /** The open pauses, as if they ended now. */
    private void open(long from, long to) throws SQLException {
        query("ended_at IS NULL AND started_at < ?", rs -> pause(rs.getString(1), rs.getString(2), millis(rs, 3), now, from, to), to);
    }

    /** One pause [start, end): its time inside [from, to); counted when it began there. */
    private void pause(String a, String reason, long start, long end, long from, long to) {
        if (end <= start) {
            return;
        }
        long inside = Math.min(end, to) - Math.max(start, from);
        if (inside <= 0 && !(start >= from && start < to)) {
            return;
        }
        long[] s = sums(a, reason);
        s[0] += Math.max(0, inside);
        if (start >= from && start < to) {
            s[1] += 1;
            s[2] = Math.max(s[2], end - start);
        }
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /** Paused intervals (agent, reason, started_at, ended_at) matching {@code condition}, whose parameters are epoch millis. */
    private void query(String condition, Row row, long... parameters) throws SQLException {
        String sql = "SELECT agent, reason, started_at, ended_at FROM agent_intervals WHERE activity = 'paused' AND "
                + condition + (agent == null ? "" : " AND agent = ?");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (long p : parameters) {
                s.setTimestamp(i++, new Timestamp(p));
            }
            if (agent != null) {
                s.setString(i, agent);
            }
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    private static long millis(ResultSet rs, int column) throws SQLException {
        return rs.getTimestamp(column).toInstant().toEpochMilli();
    }

    private long[] sums(String a, String reason) {
        return sums.computeIfAbsent(a, k -> new TreeMap<>()).computeIfAbsent(reason == null ? "" : reason, k -> new long[3]);
    }

    /** Per agent, in name order: pauses by reason (none first), with this many ring-no-answers and missed calls. */
    Map<String, List<PauseTime>> pauses() {
        Map<String, List<PauseTime>> byAgent = new TreeMap<>();
        sums.forEach((a, reasons) -> {
            List<PauseTime> list = new ArrayList<>();
            reasons.forEach((reason, s) -> {
                if (s[0] != 0 || s[1] != 0) {
                    list.add(new PauseTime(reason.isEmpty() ? null : reason, s[0], s[1], s[2]));
                }
            });
            if (!list.isEmpty()) {
                byAgent.put(a, list);
            }
        });
        return byAgent;
    }
}
