package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * KPI rollups: per queue and agent, the {@link KpiSums} of every 15-minute UTC bucket, of every
 * local day and of every local month (grain 'mon', which V10's comment predates) (and, through {@link CallerFacts}, the facts about each caller's previous and next calls
 * that FCR, cases and retention need). Every write that changes a call, its analysis or its survey updates them in its own
 * transaction, after taking one lock row (so two writers never race, nor deadlock). Changing a KPI
 * definition makes them stale until {@link #rebuild} has run.
 */
public final class KpiRollupStore {

    /** The finest rollup: every local hour of a real time zone (offsets are whole quarter hours) is whole buckets. */
    public static final Duration BUCKET = Duration.ofMinutes(15);

    /** How fine a rollup row is. */
    public enum Grain {
        BUCKET("15m"), DAY("day"), MONTH("mon");

        private final String column;

        Grain(String column) {
            this.column = column;
        }
    }

    /** One rollup row: the sums of the calls of one queue ("" none) and agent ("" none) in one bucket or day. */
    public record Row(Instant start, String queue, String agent, KpiSums sums) {
    }

    private static final String VIEW_CALL = "call";
    private static final String VIEW_AGENT = "agent";
    private static final String SUM_COLUMNS = java.util.Arrays.stream(KpiSums.Field.values())
            .map(KpiSums.Field::column).collect(Collectors.joining(", "));
    private static final String ROW_COLUMNS = "bucket_start, queue, agent, view_of, " + SUM_COLUMNS
            + ", max_wait_ms, flags, callers";

    private final Database db;
    private final RollupRules rules;
    private final CallerFacts callerFacts;

    public KpiRollupStore(Database db, RollupRules rules) {
        this.db = db;
        this.rules = rules;
        this.callerFacts = new CallerFacts(rules);
    }

    public ZoneId zone() {
        return rules.zone();
    }

    // ---- reading ----

    /**
     * The rows of one grain whose start is in [from, to): of calls as a whole, or with {@code perAgent}
     * of each agent's part; of one queue and/or agent when not null.
     */
    public void forEachRow(Grain grain, boolean perAgent, Instant from, Instant to, String queue, String agent,
                           Consumer<Row> sink) {
        String sql = "SELECT " + ROW_COLUMNS + " FROM kpi_rollups WHERE grain = ? AND view_of = ?"
                + " AND bucket_start >= ? AND bucket_start < ?" + (queue != null ? " AND queue = ?" : "")
                + (agent != null ? " AND agent = ?" : "");
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, grain.column);
            s.setString(i++, perAgent ? VIEW_AGENT : VIEW_CALL);
            s.setTimestamp(i++, Timestamp.from(from));
            s.setTimestamp(i++, Timestamp.from(to));
            if (queue != null) {
                s.setString(i++, queue);
            }
            if (agent != null) {
                s.setString(i, agent);
            }
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new Row(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), readSums(rs)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading KPI rollups failed", e);
        }
    }

    /** Whether the rollups were built with the definitions in force (else the KPIs read raw calls until a rebuild). */
    public boolean current() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT definitions FROM kpi_rollup_state WHERE id = 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() && rules.fingerprint().equals(rs.getString(1));
        } catch (SQLException e) {
            throw new StoreException("reading the KPI rollup state failed", e);
        }
    }

    // ---- writing, inside the transactions of CallStore and SurveyStore ----

    /** Where a call stood before a write: its caller's facts and rows must leave that place. */
    record Prior(String caller, String queue, Instant enteredAt, Instant endedAt) {
    }

    /** One queue's 15-minute bucket. */
    private record Bucket(String queue, Instant start) {
        static Bucket of(String queue, Instant at) {
            long seconds = BUCKET.toSeconds();
            return new Bucket(queue == null ? "" : queue,
                    Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds));
        }
    }

    /** A row's identity within its bucket or day. */
    private record RowKey(String view, String agent) {
    }

    /** Serialises writers of rollups: taken first in every transaction that changes them. */
    void lock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM kpi_rollup_state WHERE id = 1 FOR UPDATE");
             ResultSet rs = s.executeQuery()) {
            rs.next();
        }
    }

    /**
     * The buckets a transaction changed calls of: their rows are counted again once, at the end, however
     * many calls of a batch fell in them.
     */
    static final class Changes {
        private final Set<Bucket> buckets = new HashSet<>();
    }

    /** Counts the rows of the changed buckets again. */
    void apply(Connection c, Changes changes) throws SQLException {
        refresh(c, changes.buckets);
        changes.buckets.clear();
    }

    /**
     * The call {@code id} was inserted ({@code prior} null) or updated to these values: its caller's
     * facts follow at once, its rows at {@link #apply}.
     */
    void callWritten(Connection c, Prior prior, String id, String caller, String queue, Instant enteredAt,
                     Instant endedAt, Changes changes) throws SQLException {
        changes.buckets.add(Bucket.of(queue, enteredAt));
        if (prior != null) {
            changes.buckets.add(Bucket.of(prior.queue(), prior.enteredAt()));
        }
        callerFacts.callWritten(c, prior, new CallerFacts.Place(id, queue, enteredAt, endedAt, null, null, null, null),
                caller, changed -> changes.buckets.add(Bucket.of(changed.queue(), changed.enteredAt())));
    }

    /** The analyses or surveys of these calls changed: their rows follow. */
    void callsChanged(Connection c, Collection<String> ids) throws SQLException {
        Set<Bucket> dirty = new HashSet<>();
        for (String id : ids) {
            CallerFacts.Place place = CallerFacts.place(c, id);
            if (place != null) {
                dirty.add(Bucket.of(place.queue(), place.enteredAt()));
            }
        }
        refresh(c, dirty);
    }

    /** The calls of a linkedid (its survey changed). */
    List<String> callsOfLinkedId(Connection c, String linkedId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM calls WHERE linked_id = ?")) {
            s.setString(1, linkedId);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    // ---- the rows ----

    /** Changes of the rows of one level, on their way to the level above: by difference, or recount. */
    private static final class LevelChanges {
        final Map<Bucket, Map<RowKey, KpiSums>> deltas = new HashMap<>();
        final Set<Bucket> recount = new HashSet<>();

        /** A row of {@code parent}'s children went from {@code old} to {@code now} (either may be null). */
        void changed(Bucket parent, RowKey key, KpiSums old, KpiSums now) {
            if (now == null || old != null && !now.covers(old)) {
                recount.add(parent);
            } else {
                deltas.computeIfAbsent(parent, d -> new HashMap<>()).computeIfAbsent(key, k -> new KpiSums())
                        .merge(old == null ? now : now.minus(old));
            }
        }
    }

    /**
     * Recomputes the bucket rows of these buckets from their calls, then the day rows that contain them
     * and the month rows that contain those: by difference where that is exact, else from the rows below.
     */
    private void refresh(Connection c, Set<Bucket> buckets) throws SQLException {
        LevelChanges days = new LevelChanges();
        for (Bucket bucket : buckets) {
            Map<RowKey, KpiSums> before = readRows(c, Grain.BUCKET, bucket);
            Map<RowKey, KpiSums> after = sumsOf(CallFactsQuery.list(c, new CallFactsQuery.Range(bucket.start(),
                    bucket.start().plus(BUCKET), bucket.queue(), bucket.queue().isEmpty(), null)));
            Bucket day = new Bucket(bucket.queue(), dayStart(bucket.start()));
            Set<RowKey> keys = new HashSet<>(before.keySet());
            keys.addAll(after.keySet());
            for (RowKey key : keys) {
                KpiSums old = before.get(key);
                KpiSums now = after.get(key);
                if (old != null && now != null && now.sameAs(old)) {
                    continue;
                }
                deleteRow(c, Grain.BUCKET, bucket, key);
                if (now != null) {
                    insertRow(c, Grain.BUCKET, bucket, key, now);
                }
                days.changed(day, key, old, now);
            }
        }
        LevelChanges months = carryUp(c, Grain.DAY, days);
        carryUp(c, Grain.MONTH, months);
    }

    /** Applies the changes of the rows below to the rows of {@code grain}; the changes of those, for the level above. */
    private LevelChanges carryUp(Connection c, Grain grain, LevelChanges below) throws SQLException {
        LevelChanges changes = new LevelChanges();
        Set<Bucket> parents = new HashSet<>(below.deltas.keySet());
        parents.addAll(below.recount);
        for (Bucket parent : parents) {
            Map<RowKey, KpiSums> before = readRows(c, grain, parent);
            Map<RowKey, KpiSums> deltas = below.deltas.getOrDefault(parent, Map.of());
            // No row to add to (its first call, or rollups from before): count it again from below.
            boolean recount = below.recount.contains(parent) || !before.keySet().containsAll(deltas.keySet());
            Map<RowKey, KpiSums> after = new HashMap<>();
            if (recount) {
                after = sumOfRowsBelow(c, grain, parent);
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM kpi_rollups WHERE grain = ? AND queue = ?"
                        + " AND bucket_start = ?")) {
                    delete.setString(1, grain.column);
                    delete.setString(2, parent.queue());
                    delete.setTimestamp(3, Timestamp.from(parent.start()));
                    delete.executeUpdate();
                }
                insertRows(c, grain, parent, after);
            } else {
                for (var delta : deltas.entrySet()) {
                    KpiSums row = new KpiSums();
                    row.merge(before.get(delta.getKey()));
                    row.merge(delta.getValue());
                    after.put(delta.getKey(), row);
                    deleteRow(c, grain, parent, delta.getKey());
                    insertRow(c, grain, parent, delta.getKey(), row);
                }
            }
            if (grain == Grain.DAY) {
                Bucket month = new Bucket(parent.queue(), monthStart(parent.start()));
                Set<RowKey> keys = new HashSet<>(after.keySet());
                if (recount) {
                    keys.addAll(before.keySet());
                }
                for (RowKey key : keys) {
                    KpiSums old = before.get(key);
                    KpiSums now = after.get(key);
                    if (old == null || now == null || !now.sameAs(old)) {
                        changes.changed(month, key, old, now);
                    }
                }
            }
        }
        return changes;
    }

    /** A day's rows as the sums of its bucket rows, or a month's as the sums of its day rows. */
    private Map<RowKey, KpiSums> sumOfRowsBelow(Connection c, Grain grain, Bucket parent) throws SQLException {
        Map<RowKey, KpiSums> sums = new HashMap<>();
        Grain below = grain == Grain.MONTH ? Grain.DAY : Grain.BUCKET;
        Instant end = grain == Grain.MONTH ? nextMonthStart(parent.start()) : nextDayStart(parent.start());
        try (PreparedStatement s = c.prepareStatement("SELECT " + ROW_COLUMNS + " FROM kpi_rollups WHERE grain = ?"
                + " AND queue = ? AND bucket_start >= ? AND bucket_start < ?")) {
            s.setString(1, below.column);
            s.setString(2, parent.queue());
            s.setTimestamp(3, Timestamp.from(parent.start()));
            s.setTimestamp(4, Timestamp.from(end));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sums.computeIfAbsent(new RowKey(rs.getString(4), rs.getString(3)), k -> new KpiSums()).merge(readSums(rs));
                }
            }
        }
        return sums;
    }

    private Instant monthStart(Instant at) {
        return at.atZone(rules.zone()).toLocalDate().withDayOfMonth(1).atStartOfDay(rules.zone()).toInstant();
    }

    private Instant nextMonthStart(Instant monthStart) {
        return monthStart.atZone(rules.zone()).toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(rules.zone())
                .toInstant();
    }

    /** The rows of a set of calls: as whole calls under their first agent, and as each agent's part. */
    private Map<RowKey, KpiSums> sumsOf(List<CallFacts> calls) {
        Map<RowKey, KpiSums> rows = new HashMap<>();
        for (CallFacts call : calls) {
            rules.add(call, false, agent -> rows.computeIfAbsent(new RowKey(VIEW_CALL, agent), k -> new KpiSums()));
            rules.add(call, true, agent -> rows.computeIfAbsent(new RowKey(VIEW_AGENT, agent), k -> new KpiSums()));
        }
        return rows;
    }

    private Instant dayStart(Instant at) {
        return at.atZone(rules.zone()).toLocalDate().atStartOfDay(rules.zone()).toInstant();
    }

    private Instant nextDayStart(Instant dayStart) {
        return dayStart.atZone(rules.zone()).toLocalDate().plusDays(1).atStartOfDay(rules.zone()).toInstant();
    }

    private static Map<RowKey, KpiSums> readRows(Connection c, Grain grain, Bucket bucket) throws SQLException {
        Map<RowKey, KpiSums> rows = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + ROW_COLUMNS + " FROM kpi_rollups WHERE grain = ?"
                + " AND queue = ? AND bucket_start = ?")) {
            s.setString(1, grain.column);
            s.setString(2, bucket.queue());
            s.setTimestamp(3, Timestamp.from(bucket.start()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.put(new RowKey(rs.getString(4), rs.getString(3)), readSums(rs));
                }
            }
        }
        return rows;
    }

    private static void deleteRow(Connection c, Grain grain, Bucket bucket, RowKey key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM kpi_rollups WHERE grain = ? AND view_of = ?"
                + " AND bucket_start = ? AND queue = ? AND agent = ?")) {
            s.setString(1, grain.column);
            s.setString(2, key.view());
            s.setTimestamp(3, Timestamp.from(bucket.start()));
            s.setString(4, bucket.queue());
            s.setString(5, key.agent());
            s.executeUpdate();
        }
    }

    private static void insertRow(Connection c, Grain grain, Bucket bucket, RowKey key, KpiSums sums) throws SQLException {
        insertRows(c, grain, bucket, Map.of(key, sums));
    }

    private static void insertRows(Connection c, Grain grain, Bucket bucket, Map<RowKey, KpiSums> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int fields = KpiSums.Field.values().length;
        String marks = String.join(", ", java.util.Collections.nCopies(fields + 8, "?"));
        try (PreparedStatement s = c.prepareStatement("INSERT INTO kpi_rollups (grain, " + ROW_COLUMNS + ") VALUES ("
                + marks + ")")) {
            for (var row : rows.entrySet()) {
                int i = 1;
                s.setString(i++, grain.column);
                s.setTimestamp(i++, Timestamp.from(bucket.start()));
                s.setString(i++, bucket.queue());
                s.setString(i++, row.getKey().agent());
                s.setString(i++, row.getKey().view());
                KpiSums sums = row.getValue();
                for (KpiSums.Field field : KpiSums.Field.values()) {
                    s.setLong(i++, sums.get(field));
                }
                s.setLong(i++, sums.maxWaitMillis());
                s.setString(i++, sums.flagsColumn());
                s.setBytes(i, sums.callers() == 0 ? null : sums.callersColumn());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static KpiSums readSums(ResultSet rs) throws SQLException {
        KpiSums sums = new KpiSums();
        int i = 5;
        for (KpiSums.Field field : KpiSums.Field.values()) {
            sums.set(field, rs.getLong(i++));
        }
        sums.setMaxWaitMillis(rs.getLong(i++));
        sums.readFlagsColumn(rs.getString(i++));
        sums.readCallersColumn(rs.getBytes(i));
        return sums;
    }

    // ---- rebuilding ----

    /**
     * Derives every caller's facts and every rollup row again, with the definitions in force, then marks
     * the rollups current. Works in small transactions under the write lock, so calls keep arriving
     * meanwhile; {@code progress} is told of each day done.
     */
    public void rebuild(Consumer<String> progress) {
        try {
            callerFacts.rebuild(db, this::lock);
            Instant[] span;
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                lock(c);
                // Stale from here (readers compute from the calls) until every day is counted again; calls
                // stored from now on keep their own rows, on top of none.
                setDefinitions(c, null);
                try (PreparedStatement s = c.prepareStatement("DELETE FROM kpi_rollups")) {
                    s.executeUpdate();
                }
                span = span(c);
                c.commit();
            }
            if (span != null) {
                Instant day = dayStart(span[0]);
                while (!day.isAfter(span[1])) {
                    rebuildDay(day);
                    progress.accept(day.atZone(rules.zone()).toLocalDate().toString());
                    day = nextDayStart(day);
                }
                for (Instant month = monthStart(span[0]); !month.isAfter(span[1]); month = nextMonthStart(month)) {
                    rebuildMonth(month);
                }
            }
            try (Connection c = db.connection()) {
                setDefinitions(c, rules.fingerprint());
            }
        } catch (SQLException e) {
            throw new StoreException("rebuilding KPI rollups failed", e);
        }
    }

    /**
     * A store without calls has current rollups whatever the definitions: marks them so (a first start,
     * an import into a new store) and says whether it did.
     */
    public boolean markCurrentIfEmpty() {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            lock(c);
            boolean empty;
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM calls FETCH FIRST 1 ROWS ONLY");
                 ResultSet rs = s.executeQuery()) {
                empty = !rs.next();
            }
            if (empty) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM kpi_rollups")) {
                    s.executeUpdate();
                }
                setDefinitions(c, rules.fingerprint());
            }
            c.commit();
            return empty;
        } catch (SQLException e) {
            throw new StoreException("reading whether the store holds calls failed", e);
        }
    }

    private static void setDefinitions(Connection c, String definitions) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE kpi_rollup_state SET definitions = ?, built_at = ? WHERE id = 1")) {
            s.setString(1, definitions);
            s.setTimestamp(2, Timestamp.from(Instant.now()));
            s.executeUpdate();
        }
    }

    /** Every queue's month rows as the sums of their day rows. */
    private void rebuildMonth(Instant month) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            lock(c);
            Map<String, Map<RowKey, KpiSums>> byQueue = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + ROW_COLUMNS + " FROM kpi_rollups WHERE grain = ?"
                    + " AND bucket_start >= ? AND bucket_start < ?")) {
                s.setString(1, Grain.DAY.column);
                s.setTimestamp(2, Timestamp.from(month));
                s.setTimestamp(3, Timestamp.from(nextMonthStart(month)));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        byQueue.computeIfAbsent(rs.getString(2), q -> new HashMap<>())
                                .computeIfAbsent(new RowKey(rs.getString(4), rs.getString(3)), k -> new KpiSums()).merge(readSums(rs));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM kpi_rollups WHERE grain = ? AND bucket_start = ?")) {
                s.setString(1, Grain.MONTH.column);
                s.setTimestamp(2, Timestamp.from(month));
                s.executeUpdate();
            }
            for (var queue : byQueue.entrySet()) {
                insertRows(c, Grain.MONTH, new Bucket(queue.getKey(), month), queue.getValue());
            }
            c.commit();
        }
    }

    private static Instant[] span(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MIN(entered_at), MAX(entered_at) FROM calls");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            Timestamp min = rs.getTimestamp(1);
            return min == null ? null : new Instant[] {min.toInstant(), rs.getTimestamp(2).toInstant()};
        }
    }

    private void rebuildDay(Instant day) throws SQLException {
        Instant end = nextDayStart(day);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            lock(c);
            Map<Bucket, List<CallFacts>> byBucket = new LinkedHashMap<>();
            CallFactsQuery.forEach(c, new CallFactsQuery.Range(day, end, null, false, null),
                    call -> byBucket.computeIfAbsent(Bucket.of(call.queue(), call.enteredAt()), b -> new ArrayList<>()).add(call));
            try (PreparedStatement s = c.prepareStatement("DELETE FROM kpi_rollups WHERE grain <> 'mon' AND bucket_start >= ? AND bucket_start < ?")) {
                s.setTimestamp(1, Timestamp.from(day));
                s.setTimestamp(2, Timestamp.from(end));
                s.executeUpdate();
            }
            Map<String, Map<RowKey, KpiSums>> days = new HashMap<>();
            for (var bucket : byBucket.entrySet()) {
                Map<RowKey, KpiSums> rows = sumsOf(bucket.getValue());
                insertRows(c, Grain.BUCKET, bucket.getKey(), rows);
                Map<RowKey, KpiSums> dayRows = days.computeIfAbsent(bucket.getKey().queue(), q -> new HashMap<>());
                rows.forEach((key, sums) -> dayRows.computeIfAbsent(key, k -> new KpiSums()).merge(sums));
            }
            for (var queueDay : days.entrySet()) {
                insertRows(c, Grain.DAY, new Bucket(queueDay.getKey(), day), queueDay.getValue());
            }
            c.commit();
        }
    }


}
