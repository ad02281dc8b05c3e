package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Agents' activity over time, one row per stretch of the same activity, and the occupancy sums
 * over any range. Closing a stretch adds it to rollups (per agent, per 15-minute UTC bucket and per
 * local day in {@code zone}) in the same transaction, so a year of occupancy reads a year of day
 * rows rather than every stretch. Instants are kept to the millisecond.
 */
public final class AgentIntervalStore {

    /** One stretch of an agent's activity; {@code end} is null while it lasts. */
    public record Interval(String agent, String activity, Instant start, Instant end) {
    }

    private final Database db;
    private final ZoneId zone;
    private final IntervalRollups rollups;
    private final PauseRollups pauses;

    /** @param zone the zone of the KPIs' days ({@code KpiDefinitions.zone()}): day rollups are kept in it */
    public AgentIntervalStore(Database db, ZoneId zone) {
        this.db = db;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.rollups = new IntervalRollups(db.isPostgres());
        this.pauses = new PauseRollups(db.isPostgres());
    }

    /** The agent does {@code activity} from {@code at}: ends their open stretch there and opens a new one. */
    public void record(String agent, String activity, Instant at) {
        record(agent, activity, null, at);
    }

    /**
     * As {@link #record(String, String, Instant)}, with the reason of a pause (kept on paused
     * stretches only; null: none). A paused agent whose reason changes starts a new stretch.
     */
    public void record(String agent, String activity, String pauseReason, Instant at) {
        Instant start = at.truncatedTo(ChronoUnit.MILLIS);
        String reason = PauseRollups.PAUSED.equals(activity) ? pauseReason : null;
        db.inTransaction("recording the activity of agent " + agent, c -> {
            Locks state = lockRollups(c);
            Map<Long, Open> open = open(c, " AND agent = ?", agent, start);
            Open current = open.isEmpty() ? null : open.values().iterator().next();
            if (current == null || !activity.equals(current.interval().activity()) || !Objects.equals(reason, current.reason())) {
                for (Map.Entry<Long, Open> e : open.entrySet()) {
                    close(c, state, e.getKey(), e.getValue());
                }
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO agent_intervals (agent, activity, started_at, reason) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, agent);
                    insert.setString(2, activity);
                    insert.setTimestamp(3, Timestamp.from(start));
                    insert.setString(4, reason);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * Ends every open stretch at {@code at}. Called at start-up: what agents did while Earshot was
     * down is unknown, so their last known activity is taken to have lasted until then.
     */
    public int closeOpen(Instant at) {
        Instant end = at.truncatedTo(ChronoUnit.MILLIS);
        return db.inTransaction("closing open agent intervals", c -> {
            Locks state = lockRollups(c);
            int closed = 0;
            for (Map.Entry<Long, Open> e : open(c, " AND started_at <= ?", Timestamp.from(end), end).entrySet()) {
                closed += close(c, state, e.getKey(), e.getValue());
            }
            return closed;
        });
    }

    /** The open stretches that {@code condition} (with one parameter) selects, by id, as if they ended at {@code end}. */
    private static Map<Long, Open> open(Connection c, String condition, Object parameter, Instant end) throws SQLException {
        Map<Long, Open> open = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, agent, activity, started_at, reason FROM agent_intervals"
                + " WHERE ended_at IS NULL" + condition + " ORDER BY id")) {
            s.setObject(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    open.put(rs.getLong(1), new Open(new Interval(rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), end), rs.getString(5)));
                }
            }
        }
        return open;
    }

    /**
     * Ends the open stretch {@code id} at {@code closed.end()} and adds it to the rollups. Only the
     * transaction whose update ends it adds it: another node closing the same stretch updates nothing.
     */
    private int close(Connection c, Locks state, long id, Open stretch) throws SQLException {
        Interval closed = stretch.interval();
        try (PreparedStatement s = c.prepareStatement("UPDATE agent_intervals SET ended_at = ? WHERE id = ? AND ended_at IS NULL")) {
            s.setTimestamp(1, Timestamp.from(closed.end()));
            s.setLong(2, id);
            if (s.executeUpdate() == 0) {
                return 0;
            }
        }
        rollups.add(c, state.occupancy(), closed.agent(), closed.activity(), closed.start().toEpochMilli(),
                closed.end().toEpochMilli());
        if (PauseRollups.PAUSED.equals(closed.activity())) {
            pauses.add(c, state.pauses(), closed.agent(), stretch.reason(), closed.start().toEpochMilli(),
                    closed.end().toEpochMilli());
        }
        return 1;
    }

    /**
     * Locks the rollups for a writer. The first writer of a new database, whose rollups have no zone
     * yet, gives them this store's (in a transaction of its own: it takes the lock alone).
     */
    private Locks lockRollups(Connection c) throws SQLException {
        IntervalRollups.State state = rollups.lockForWrite(c);
        if (state.dayZone() == null && state.built()) {
            c.rollback();
            rollups.claimZone(c, zone);
            c.commit();
            state = rollups.lockForWrite(c);
        }
        // Always after the occupancy lock: every writer and the rebuild take the two in this order.
        PauseRollups.State pauseState = pauses.lockForWrite(c);
        if (pauseState.dayZone() == null) {
            c.rollback();
            rollups.lockForWrite(c);
            pauses.claimZone(c, zone);
            c.commit();
            state = rollups.lockForWrite(c);
            pauseState = pauses.lockForWrite(c);
        }
        return new Locks(state, pauseState);
    }

    /** The rollup states a writer holds locked. */
    private record Locks(IntervalRollups.State occupancy, PauseRollups.State pauses) {
    }

    /** An open stretch, and its pause reason. */
    private record Open(Interval interval, String reason) {
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

    /**
     * The occupancy sums of one agent (or all, with null) over each of the consecutive ranges
     * [b0, b1), [b1, b2), ... that {@code boundaries} b0 < b1 < ... < bn give, in one read: day rows
     * for whole local days, bucket rows for other whole 15-minute buckets, raw stretches only at
     * range edges inside a bucket, and open stretches counted till {@code now}.
     */
    public List<OccupancyTime> occupancy(String agentOrNull, List<Instant> boundaries, Instant now) {
        long[] bounds = millis(boundaries);
        return times(read(agentOrNull, false, bounds, now).get(""), bounds.length - 1);
    }

    /** The occupancy sums of each agent over [from, to); an agent with neither sum may be left out. */
    public Map<String, OccupancyTime> occupancyByAgent(Instant from, Instant to, Instant now) {
        Map<String, OccupancyTime> byAgent = new HashMap<>();
        read(null, true, millis(List.of(from, to)), now)
                .forEach((agent, sums) -> byAgent.put(agent, new OccupancyTime(sums[0], sums[1])));
        return byAgent;
    }

    /**
     * What {@link #occupancy} answers, from the raw stretches alone (every stretch of the ranges is
     * read): the reference the rollups must equal, and the answer until they are built.
     */
    public List<OccupancyTime> occupancyFromIntervals(String agentOrNull, List<Instant> boundaries, Instant now) {
        long[] bounds = millis(boundaries);
        try (Connection c = db.connection()) {
            c.setAutoCommit(!db.isPostgres());   // PostgreSQL streams a result set only inside a transaction
            long[] sums = new OccupancyReader(c, agentOrNull, false, null, bounds, now.toEpochMilli()).fromIntervals().get("");
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return times(sums, bounds.length - 1);
        } catch (SQLException e) {
            throw new StoreException("reading agent intervals failed", e);
        }
    }

    /**
     * One consistent read: the rollups, the edge stretches and the open ones as of one snapshot, so a
     * stretch closing meanwhile is counted once. Day rows built for another zone are not used.
     */
    private Map<String, long[]> read(String agent, boolean perAgent, long[] bounds, Instant now) {
        try (Connection c = db.connection()) {
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                IntervalRollups.State state = rollups.read(c);
                OccupancyReader reader = new OccupancyReader(c, agent, perAgent,
                        zone.equals(state.dayZone()) ? zone : null, bounds, now.toEpochMilli());
                Map<String, long[]> sums = state.built() ? reader.fromRollups() : reader.fromIntervals();
                c.commit();
                return sums;
            } finally {
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("reading occupancy failed", e);
        }
    }

    /** True when the rollups hold every closed stretch and their days are in this store's zone. */
    public boolean rollupsCurrent() {
        try (Connection c = db.connection()) {
            IntervalRollups.State state = rollups.read(c);
            PauseRollups.State pauseState = pauses.read(c);
            return state.built() && zone.equals(state.dayZone()) && pauseState.built() && zone.equals(pauseState.dayZone());
        } catch (SQLException e) {
            throw new StoreException("reading the state of the occupancy rollups failed", e);
        }
    }

    /**
     * Recomputes every rollup from the stored stretches, with days in this store's zone (after a
     * reindex, on a database from before the rollups, or when the zone changed). One streaming pass:
     * memory holds only the buckets still open to additions. Writers wait till it commits.
     */
    public void rebuildRollups() {
        db.inTransaction("rebuilding the occupancy rollups", c -> {
            rollups.rebuild(c, zone);
            pauses.rebuild(c, zone);
            return null;
        });
    }

    /**
     * What each agent's time went to over [from, to) besides calls: pauses by reason (from the day
     * rollups, raw stretches only inside the edge days, open pauses till {@code now}) and unanswered
     * rings of the calls that entered in the range (of one queue, when not null). One consistent read.
     */
    public Map<String, AgentTime> agentTime(String agentOrNull, String queueOrNull, Instant from, Instant to, Instant now) {
        return agentTime(agentOrNull, queueOrNull, from, to, now, false);
    }

    /** What {@link #agentTime} answers, from the raw stretches alone: the reference the pause rollups must equal. */
    public Map<String, AgentTime> agentTimeFromIntervals(String agentOrNull, String queueOrNull, Instant from, Instant to,
                                                         Instant now) {
        return agentTime(agentOrNull, queueOrNull, from, to, now, true);
    }

    private Map<String, AgentTime> agentTime(String agent, String queue, Instant from, Instant to, Instant now, boolean raw) {
        long[] range = millis(List.of(from, to));
        try (Connection c = db.connection()) {
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                PauseRollups.State state = pauses.read(c);
                PauseReader reader = new PauseReader(c, agent, now.toEpochMilli());
                boolean rollupsUsable = !raw && state.built() && zone.equals(state.dayZone());
                Map<String, List<PauseTime>> paused = (rollupsUsable ? reader.fromRollups(range[0], range[1], zone)
                        : reader.fromIntervals(range[0], range[1])).pauses();
                Map<String, long[]> rings = RingMisses.read(c, agent, queue, range[0], range[1]);
                c.commit();
                Map<String, AgentTime> byAgent = new TreeMap<>();
                paused.forEach((a, list) -> byAgent.put(a, new AgentTime(a, list, 0, 0)));
                rings.forEach((a, counts) -> byAgent.put(a, new AgentTime(a,
                        byAgent.getOrDefault(a, AgentTime.NONE).pauses(), counts[0], counts[1])));
                return byAgent;
            } finally {
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("reading the agents' pauses and missed calls from " + from + " to " + to + " failed", e);
        }
    }

    /** The sums of {@code ranges} ranges, as the reader keeps them (null: nothing counted). */
    private static List<OccupancyTime> times(long[] sums, int ranges) {
        List<OccupancyTime> times = new ArrayList<>(ranges);
        for (int i = 0; i < ranges; i++) {
            times.add(sums == null ? OccupancyTime.NONE : new OccupancyTime(sums[2 * i], sums[2 * i + 1]));
        }
        return times;
    }

    private static long[] millis(List<Instant> boundaries) {
        if (boundaries.size() < 2) {
            throw new IllegalArgumentException("ranges need at least two boundaries, got " + boundaries);
        }
        long[] bounds = new long[boundaries.size()];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = boundaries.get(i).toEpochMilli();
            if (i > 0 && bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("range boundaries must increase: " + boundaries.get(i - 1) + " then "
                        + boundaries.get(i));
            }
        }
        return bounds;
    }
}
