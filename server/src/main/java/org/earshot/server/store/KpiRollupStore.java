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
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * KPI rollups: per queue and agent, the {@link KpiSums} of every 15-minute UTC bucket and of every
 * local day, and per call the facts about its caller's previous and next calls that FCR, cases and
 * retention need. Every write that changes a call, its analysis or its survey updates them in its own
 * transaction, after taking one lock row (so two writers never race, nor deadlock). Changing a KPI
 * definition makes them stale until {@link #rebuild} has run.
 */
public final class KpiRollupStore {

    /** The finest rollup: every local hour of a real time zone (offsets are whole quarter hours) is whole buckets. */
    public static final Duration BUCKET = Duration.ofMinutes(15);

    /** How fine a rollup row is. */
    public enum Grain {
        BUCKET("15m"), DAY("day");

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

    public KpiRollupStore(Database db, RollupRules rules) {
        this.db = db;
        this.rules = rules;
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

    /** Where a call stood before a write. */
    record Prior(String caller, String queue, Instant enteredAt, Instant endedAt) {
    }

    /** A call's place in its caller's history, and the facts stored with it. */
    private record Place(String id, String queue, Instant enteredAt, Instant endedAt, Instant prevEndedAt,
                         Instant nextEnteredAt, String caseFirstId, Instant caseEndedAt) {

        Place withFacts(Instant prev, Instant next, String caseFirst, Instant caseEnded) {
            return new Place(id, queue, enteredAt, endedAt, prev, next, caseFirst, caseEnded);
        }

        Bucket bucket() {
            return Bucket.of(queue, enteredAt);
        }
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
        Place now = new Place(id, queue, enteredAt, endedAt, null, null, null, null);
        Set<Bucket> dirty = changes.buckets;
        dirty.add(now.bucket());
        if (prior != null) {
            dirty.add(Bucket.of(prior.queue(), prior.enteredAt()));
        }
        boolean moved = prior == null || !Objects.equals(prior.caller(), caller) || !Objects.equals(prior.queue(), now.queue())
                || !prior.enteredAt().equals(now.enteredAt()) || !prior.endedAt().equals(now.endedAt());
        if (moved) {
            if (prior != null && prior.caller() != null && !prior.caller().equals(caller) && rules.knownCaller(prior.caller())) {
                walk(c, prior.caller(), dirty);
            }
            if (!rules.knownCaller(caller)) {
                if (prior != null) {
                    // A caller no longer known (a corrected caller id) has no history to link to.
                    writeFacts(c, now);
                }
            } else if (prior != null || !appended(c, caller, now, dirty)) {
                walk(c, caller, dirty);
            }
        }
    }

    /** The analyses or surveys of these calls changed: their rows follow. */
    void callsChanged(Connection c, Collection<String> ids) throws SQLException {
        Set<Bucket> dirty = new HashSet<>();
        for (String id : ids) {
            Place place = place(c, id);
            if (place != null) {
                dirty.add(place.bucket());
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

    /**
     * The common case, a caller's newest call: it links to the previous one and extends or starts a
     * case without reading the caller's history. False when it is not the newest (an import of an
     * older log, a corrected time) or the history has no facts yet: then the history is walked.
     */
    private boolean appended(Connection c, String caller, Place now, Set<Bucket> dirty) throws SQLException {
        try (PreparedStatement later = c.prepareStatement("SELECT id FROM calls WHERE caller = ? AND (entered_at > ?"
                + " OR (entered_at = ? AND id > ?)) FETCH FIRST 1 ROWS ONLY")) {
            bindAfter(later, caller, now);
            try (ResultSet rs = later.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        Place previous;
        try (PreparedStatement before = c.prepareStatement("SELECT " + PLACE_COLUMNS + " FROM calls WHERE caller = ?"
                + " AND (entered_at < ? OR (entered_at = ? AND id < ?)) ORDER BY entered_at DESC, id DESC FETCH FIRST 1 ROWS ONLY")) {
            bindAfter(before, caller, now);
            try (ResultSet rs = before.executeQuery()) {
                previous = rs.next() ? readPlace(rs) : null;
            }
        }
        if (previous == null) {
            writeFacts(c, now.withFacts(null, null, now.id(), now.endedAt()));
            return true;
        }
        if (previous.caseFirstId() == null) {
            return false;
        }
        writeFacts(c, previous.withFacts(previous.prevEndedAt(), now.enteredAt(), previous.caseFirstId(), previous.caseEndedAt()));
        dirty.add(previous.bucket());
        if (continuesCase(previous.endedAt(), now)) {
            writeFacts(c, now.withFacts(previous.endedAt(), null, previous.caseFirstId(), null));
            Place first = previous.caseFirstId().equals(previous.id()) ? previous : place(c, previous.caseFirstId());
            if (first == null) {
                return false;
            }
            if (first.caseEndedAt() == null || now.endedAt().isAfter(first.caseEndedAt())) {
                Instant prevOfFirst = first == previous ? previous.prevEndedAt() : first.prevEndedAt();
                Instant nextOfFirst = first == previous ? now.enteredAt() : first.nextEnteredAt();
                writeFacts(c, first.withFacts(prevOfFirst, nextOfFirst, first.id(), now.endedAt()));
                dirty.add(first.bucket());
            }
        } else {
            writeFacts(c, now.withFacts(previous.endedAt(), null, now.id(), now.endedAt()));
        }
        return true;
    }

    private boolean continuesCase(Instant previousEnded, Place call) {
        return previousEnded != null && !call.enteredAt().isAfter(previousEnded.plus(rules.repeatWindow(call.queue())));
    }

    private static void bindAfter(PreparedStatement s, String caller, Place now) throws SQLException {
        s.setString(1, caller);
        s.setTimestamp(2, Timestamp.from(now.enteredAt()));
        s.setTimestamp(3, Timestamp.from(now.enteredAt()));
        s.setString(4, now.id());
    }

    /** Derives the facts of all of a caller's calls again, writing those that changed. */
    private void walk(Connection c, String caller, Set<Bucket> dirty) throws SQLException {
        List<Place> calls = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + PLACE_COLUMNS + " FROM calls WHERE caller = ?"
                + " ORDER BY entered_at, id")) {
            s.setString(1, caller);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    calls.add(readPlace(rs));
                }
            }
        }
        List<Place> derived = derive(calls);
        for (int i = 0; i < calls.size(); i++) {
            if (!derived.get(i).equals(calls.get(i))) {
                writeFacts(c, derived.get(i));
                dirty.add(derived.get(i).bucket());
            }
        }
    }

    /** The facts of one caller's calls, in time order: each call's neighbours, and cases (docs/kpis.md). */
    private List<Place> derive(List<Place> calls) {
        List<Place> out = new ArrayList<>(calls.size());
        Instant prevEnded = null;
        int first = -1;
        Instant caseEnd = null;
        for (int i = 0; i < calls.size(); i++) {
            Place call = calls.get(i);
            Instant next = i + 1 < calls.size() ? calls.get(i + 1).enteredAt() : null;
            boolean continues = continuesCase(prevEnded, call);
            if (continues) {
                caseEnd = call.endedAt().isAfter(caseEnd) ? call.endedAt() : caseEnd;
                out.add(call.withFacts(prevEnded, next, calls.get(first).id(), null));
            } else {
                closeCase(out, first, caseEnd);
                first = i;
                caseEnd = call.endedAt();
                out.add(call.withFacts(prevEnded, next, call.id(), null));
            }
            prevEnded = call.endedAt();
        }
        closeCase(out, first, caseEnd);
        return out;
    }

    private static void closeCase(List<Place> out, int first, Instant caseEnd) {
        if (first >= 0) {
            Place p = out.get(first);
            out.set(first, p.withFacts(p.prevEndedAt(), p.nextEnteredAt(), p.caseFirstId(), caseEnd));
        }
    }

    private static final String PLACE_COLUMNS = "id, queue, entered_at, ended_at, prev_ended_at, next_entered_at,"
            + " case_first_id, case_ended_at";

    private static Place readPlace(ResultSet rs) throws SQLException {
        return readPlace(rs, 1);
    }

    private static Place place(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + PLACE_COLUMNS + " FROM calls WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? readPlace(rs) : null;
            }
        }
    }

    private static void writeFacts(Connection c, Place p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE calls SET prev_ended_at = ?, next_entered_at = ?,"
                + " case_first_id = ?, case_ended_at = ? WHERE id = ?")) {
            bindFacts(s, p);
            s.executeUpdate();
        }
    }

    private static void bindFacts(PreparedStatement s, Place p) throws SQLException {
        s.setTimestamp(1, p.prevEndedAt() == null ? null : Timestamp.from(p.prevEndedAt()));
        s.setTimestamp(2, p.nextEnteredAt() == null ? null : Timestamp.from(p.nextEnteredAt()));
        s.setString(3, p.caseFirstId());
        s.setTimestamp(4, p.caseEndedAt() == null ? null : Timestamp.from(p.caseEndedAt()));
        s.setString(5, p.id());
    }

    // ---- the rows ----

    /**
     * Recomputes the bucket rows of these buckets from their calls, and the day rows that contain them:
     * by difference where that is exact, else from the day's bucket rows.
     */
    private void refresh(Connection c, Set<Bucket> buckets) throws SQLException {
        Map<Bucket, Map<RowKey, KpiSums>> dayDeltas = new HashMap<>();
        Set<Bucket> daysToRecompute = new HashSet<>();
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
                if (now == null || old != null && !now.covers(old)) {
                    daysToRecompute.add(day);
                } else {
                    dayDeltas.computeIfAbsent(day, d -> new HashMap<>())
                            .computeIfAbsent(key, k -> new KpiSums()).merge(old == null ? now : now.minus(old));
                }
            }
        }
        for (var entry : dayDeltas.entrySet()) {
            Bucket day = entry.getKey();
            if (daysToRecompute.contains(day)) {
                continue;
            }
            Map<RowKey, KpiSums> rows = readRows(c, Grain.DAY, day);
            for (var delta : entry.getValue().entrySet()) {
                KpiSums row = rows.get(delta.getKey());
                if (row == null) {
                    // No day row to add to (its first call, or rollups from before): count the day again.
                    daysToRecompute.add(day);
                    break;
                }
                row.merge(delta.getValue());
            }
            if (!daysToRecompute.contains(day)) {
                for (RowKey key : entry.getValue().keySet()) {
                    deleteRow(c, Grain.DAY, day, key);
                    insertRow(c, Grain.DAY, day, key, rows.get(key));
                }
            }
        }
        for (Bucket day : daysToRecompute) {
            recomputeDay(c, day);
        }
    }

    /** A day's rows as the sums of its bucket rows. */
    private void recomputeDay(Connection c, Bucket day) throws SQLException {
        Map<RowKey, KpiSums> sums = new HashMap<>();
        Instant end = nextDayStart(day.start());
        try (PreparedStatement s = c.prepareStatement("SELECT " + ROW_COLUMNS + " FROM kpi_rollups WHERE grain = ?"
                + " AND queue = ? AND bucket_start >= ? AND bucket_start < ?")) {
            s.setString(1, Grain.BUCKET.column);
            s.setString(2, day.queue());
            s.setTimestamp(3, Timestamp.from(day.start()));
            s.setTimestamp(4, Timestamp.from(end));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sums.computeIfAbsent(new RowKey(rs.getString(4), rs.getString(3)), k -> new KpiSums()).merge(readSums(rs));
                }
            }
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM kpi_rollups WHERE grain = ? AND queue = ?"
                + " AND bucket_start = ?")) {
            delete.setString(1, Grain.DAY.column);
            delete.setString(2, day.queue());
            delete.setTimestamp(3, Timestamp.from(day.start()));
            delete.executeUpdate();
        }
        insertRows(c, Grain.DAY, day, sums);
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
            rebuildFacts();
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
            try (PreparedStatement s = c.prepareStatement("DELETE FROM kpi_rollups WHERE bucket_start >= ? AND bucket_start < ?")) {
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

    /** Every known caller's facts, a slice of callers per transaction. */
    private void rebuildFacts() throws SQLException {
        String after = "";
        int slice = 20_000;
        while (true) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                lock(c);
                Map<String, List<Place>> byCaller = new LinkedHashMap<>();
                int read = 0;
                try (PreparedStatement s = c.prepareStatement("SELECT caller, " + PLACE_COLUMNS + " FROM calls"
                        + " WHERE caller > ? ORDER BY caller, entered_at, id FETCH FIRST " + slice + " ROWS ONLY")) {
                    s.setString(1, after);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            read++;
                            byCaller.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(readPlace(rs, 2));
                        }
                    }
                }
                if (byCaller.isEmpty()) {
                    c.commit();
                    return;
                }
                List<String> callers = new ArrayList<>(byCaller.keySet());
                String last = callers.get(callers.size() - 1);
                boolean more = read == slice;
                if (more && callers.size() == 1) {
                    // One caller fills the slice: read all of theirs on their own.
                    if (rules.knownCaller(last)) {
                        walk(c, last, new HashSet<>());
                    }
                } else {
                    if (more) {
                        // The slice may have cut the last caller's calls: they come whole in the next one.
                        byCaller.remove(last);
                        last = callers.get(callers.size() - 2);
                    }
                    for (var caller : byCaller.entrySet()) {
                        if (rules.knownCaller(caller.getKey())) {
                            writeChanged(c, caller.getValue(), derive(caller.getValue()));
                        }
                    }
                }
                c.commit();
                if (!more) {
                    return;
                }
                after = last;
            }
        }
    }

    private static void writeChanged(Connection c, List<Place> stored, List<Place> derived) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE calls SET prev_ended_at = ?, next_entered_at = ?,"
                + " case_first_id = ?, case_ended_at = ? WHERE id = ?")) {
            int n = 0;
            for (int i = 0; i < stored.size(); i++) {
                if (!stored.get(i).equals(derived.get(i))) {
                    bindFacts(s, derived.get(i));
                    s.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                s.executeBatch();
            }
        }
    }

    private static Place readPlace(ResultSet rs, int first) throws SQLException {
        int i = first;
        return new Place(rs.getString(i), rs.getString(i + 1), rs.getTimestamp(i + 2).toInstant(),
                rs.getTimestamp(i + 3).toInstant(), CallFactsQuery.instant(rs, i + 4), CallFactsQuery.instant(rs, i + 5),
                rs.getString(i + 6), CallFactsQuery.instant(rs, i + 7));
    }
}
