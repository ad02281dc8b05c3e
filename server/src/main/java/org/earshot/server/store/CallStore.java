package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallRecord;

/** Calls and their analysis reports. Saving a call twice keeps one row (the later version). */
public final class CallStore {

    private static final String COLUMNS = "id, linked_id, caller, caller_name, queue, agent, entered_at, answered_at,"
            + " ended_at, wait_seconds, talk_seconds, outcome, recording_file, hold_seconds, wrap_up_seconds, dnis, partial,"
            + " record_json, agent_count";
    // Rows of a bulk read of reports: each holds a whole report (tens of kilobytes with its transcript).
    private static final int REPORT_SLICE = 500;

    private final Database db;
    private final ObjectMapper json;
    private final KpiRollupStore rollups;
    private final EventOutbox outbox;

    /** @param rollups kept up to date in the transaction of every call and analysis written */
    public CallStore(Database db, ObjectMapper json, KpiRollupStore rollups) {
        this(db, json, rollups, EventOutbox.NONE);
    }

    /** @param outbox gets call.ended, call.analysed and call.flagged in the transaction of their change */
    public CallStore(Database db, ObjectMapper json, KpiRollupStore rollups, EventOutbox outbox) {
        this.db = db;
        this.json = json;
        this.rollups = rollups;
        this.outbox = outbox;
    }

    /** What {@link #save} did: a call seen again with nothing new (a re-delivered event) changes nothing. */
    public enum Saved { NEW, CHANGED, UNCHANGED }

    public Saved save(CallRecord call) {
        return saveAll(List.of(call)).get(0);
    }

    /**
     * Saves calls in one transaction (an import of a day of queue_log): their rollup rows are counted
     * once per bucket, not once per call. What each save did, in order.
     */
    public List<Saved> saveAll(List<CallRecord> batch) {
        try {
            return saveAllOnce(batch);
        } catch (StoreException e) {
            if (!(e.getCause() instanceof SQLException sql) || !"23505".equals(sql.getSQLState())) {
                throw e;
            }
            // Another node inserted one of them after we looked (writers of the rollups take one lock
            // first, so this is a safety net): now the update applies.
            return saveAllOnce(batch);
        }
    }

    private List<Saved> saveAllOnce(List<CallRecord> batch) {
        String id = batch.isEmpty() ? "" : batch.get(0).uniqueId();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            rollups.lock(c);
            KpiRollupStore.Changes changes = new KpiRollupStore.Changes();
            EventOutbox.Batch events = outbox.open(c);
            List<Saved> saved = new ArrayList<>(batch.size());
            for (CallRecord call : batch) {
                id = call.uniqueId();
                Saved one = saveIn(c, call, changes);
                if (one == Saved.NEW) {
                    events.raise(e -> e.callEnded(call));
                }
                saved.add(one);
            }
            rollups.apply(c, changes);
            c.commit();
            events.committed();
            return saved;
        } catch (SQLException e) {
            throw new StoreException("saving call " + id + " failed", e);
        }
    }

    private Saved saveIn(Connection c, CallRecord call, KpiRollupStore.Changes changes) throws SQLException {
        String recordJson = recordJson(call);
        Saved saved;
        KpiRollupStore.Prior prior = null;
        try (PreparedStatement current = c.prepareStatement("SELECT record_json, caller, queue, entered_at, ended_at,"
                + " erased_at FROM calls WHERE id = ?")) {
            current.setString(1, call.uniqueId());
            try (ResultSet rs = current.executeQuery()) {
                boolean found = rs.next();
                if (found && rs.getTimestamp(6) != null) {
                    // The caller's data was erased: the call arriving again (AMI re-delivery, a re-import) stays anonymous.
                    call = anonymous(call);
                    recordJson = recordJson(call);
                }
                saved = !found ? Saved.NEW : recordJson.equals(rs.getString(1)) ? Saved.UNCHANGED : Saved.CHANGED;
                if (saved == Saved.CHANGED) {
                    prior = new KpiRollupStore.Prior(rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            rs.getTimestamp(5).toInstant());
                }
            }
        }
        if (saved == Saved.UNCHANGED) {
            return saved;
        }
        if (saved == Saved.NEW) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO calls (" + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, call.uniqueId());
                bindAfterId(insert, call, 2);
                insert.executeUpdate();
            }
        } else {
            try (PreparedStatement update = c.prepareStatement("UPDATE calls SET linked_id = ?, caller = ?, caller_name = ?,"
                    + " queue = ?, agent = ?, entered_at = ?, answered_at = ?, ended_at = ?, wait_seconds = ?, talk_seconds = ?,"
                    + " outcome = ?, recording_file = ?, hold_seconds = ?, wrap_up_seconds = ?, dnis = ?, partial = ?,"
                    + " record_json = ?, agent_count = ? WHERE id = ?")) {
                bindAfterId(update, call, 1);
                update.setString(19, call.uniqueId());
                update.executeUpdate();
            }
        }
        saveAgents(c, call, saved == Saved.NEW);
        rollups.callWritten(c, prior, call.uniqueId(), call.caller(), call.queue(), call.enteredAt(), call.endedAt(), changes);
        logChange(c, call.uniqueId());
        return saved;
    }

    /** The call without its caller's number and name or its recordings, as erasure leaves it. */
    private static CallRecord anonymous(CallRecord call) {
        return call.toBuilder().caller(null).callerName(null).recordingFile(null).recordingFiles(List.of())
                .recordingChannels(List.of()).build();
    }

    public Optional<CallRecord> find(String id) {
        return Optional.ofNullable(findAll(List.of(id)).get(id));
    }

    /** The calls with these ids, keyed by id, in the order the ids were given; unknown ids are left out. */
    public Map<String, CallRecord> findAll(Collection<String> ids) {
        Map<String, CallRecord> found = new java.util.HashMap<>();
        List<String> all = List.copyOf(ids);
        // Databases bound the number of parameters of one statement: ask in slices.
        for (int from = 0; from < all.size(); from += 1000) {
            findSlice(all.subList(from, Math.min(all.size(), from + 1000)), found);
        }
        Map<String, CallRecord> ordered = new LinkedHashMap<>();
        for (String id : ids) {
            if (found.containsKey(id)) {
                ordered.put(id, found.get(id));
            }
        }
        return ordered;
    }

    private void findSlice(List<String> ids, Map<String, CallRecord> found) {
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM calls WHERE id IN (" + marks + ")")) {
            int i = 1;
            for (String id : ids) {
                s.setString(i++, id);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    CallRecord call = read(rs);
                    found.put(call.uniqueId(), call);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading calls failed", e);
        }
    }

    /**
     * Streams the calls that entered in [from, to), of one queue and/or agent when not null (an agent's
     * calls include those they took over by a transfer), with their surveys, flags, agents and caller
     * facts. Memory stays bounded however many calls the range holds.
     */
    public void forEachCallFacts(Instant from, Instant to, String queue, String agent,
                                 java.util.function.Consumer<CallFacts> sink) {
        try (Connection c = db.connection()) {
            // PostgreSQL streams a result set only inside a transaction. H2 must not have one: inside a
            // transaction it keeps a reference to every row's CLOB it reads till the commit.
            c.setAutoCommit(!db.isPostgres());
            CallFactsQuery.forEach(c, new CallFactsQuery.Range(from, to, queue, false, agent), sink);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the calls from " + from + " to " + to + " failed", e);
        }
    }

    public long count() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM calls");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("counting calls failed", e);
        }
    }

    /**
     * Stores a call's analysis report (replacing an earlier one), with the figures lists and KPIs need
     * (its flags and sentiments) copied into columns. Nothing is stored for a call deleted or erased
     * meanwhile (its analysis was running when the erasure came).
     */
    public void saveAnalysis(String callId, AnalysisReport report, Instant analysedAt) {
        String reportJson = reportJson(callId, report);
        AnalysisSummary summary = AnalysisSummary.of(report);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            rollups.lock(c);
            if (!analysable(c, callId)) {
                // Deleted or erased while its analysis ran: the report would bring back what was erased.
                c.rollback();
                return;
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM analyses WHERE call_id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO analyses (call_id, report, analysed_at, flags,"
                         + " customer_sentiment, agent_sentiment, sentiment) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, callId);
                delete.executeUpdate();
                insert.setString(1, callId);
                insert.setString(2, reportJson);
                insert.setTimestamp(3, Timestamp.from(analysedAt));
                insert.setString(4, summary.flags().isEmpty() ? null : String.join(",", summary.flags()));
                setNullableDouble(insert, 5, summary.customerSentiment());
                setNullableDouble(insert, 6, summary.agentSentiment());
                setNullableDouble(insert, 7, summary.sentiment());
                insert.executeUpdate();
            }
            rollups.callsChanged(c, List.of(callId));
            logChange(c, callId);
            EventOutbox.Batch events = outbox.open(c);
            events.raise(e -> e.callAnalysed(callId, report, analysedAt));
            c.commit();
            events.committed();
        } catch (SQLException e) {
            throw new StoreException("saving the analysis of call " + callId + " failed", e);
        }
    }

    private static boolean analysable(Connection c, String callId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT erased_at FROM calls WHERE id = ?")) {
            s.setString(1, callId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) == null;
            }
        }
    }

    /**
     * The call's analysis report, if it was analysed.
     *
     * @throws StoreException naming the call when its stored report cannot be read
     */
    public Optional<AnalysisReport> findAnalysis(String callId) {
        String stored;
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT report FROM analyses WHERE call_id = ?")) {
            s.setString(1, callId);
            try (ResultSet rs = s.executeQuery()) {
                stored = rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new StoreException("reading the analysis of call " + callId + " failed", e);
        }
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(report(callId, stored));
        } catch (JsonProcessingException e) {
            throw new StoreException("the analysis report of call " + callId + " cannot be read", e);
        }
    }

    /**
     * One call's stored analysis as {@link #distilAnalyses} reads it: when it was made, and its report, or
     * (report null) why the stored JSON cannot be read.
     */
    public record StoredAnalysis(String callId, Instant analysedAt, AnalysisReport report, String unreadable) {
    }

    /**
     * What {@code distil} makes of the stored analysis of each of these calls, keyed by call; calls not
     * analysed are left out. Reports are read one at a time and not kept, so a reader of thousands of
     * them (coaching) holds only what it distils; {@code distil} runs while the rows are read, so it should
     * only compute. A report that cannot be read is handed over as such, rather than failing the others.
     */
    public <T> Map<String, T> distilAnalyses(Collection<String> ids, Function<StoredAnalysis, T> distil) {
        List<String> all = List.copyOf(ids);
        Map<String, T> distilled = new java.util.HashMap<>();
        // Databases bound the number of parameters of one statement: ask in slices.
        for (int from = 0; from < all.size(); from += REPORT_SLICE) {
            distilSlice(all.subList(from, Math.min(all.size(), from + REPORT_SLICE)), distil, distilled);
        }
        return distilled;
    }

    private <T> void distilSlice(List<String> ids, Function<StoredAnalysis, T> distil, Map<String, T> distilled) {
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT call_id, analysed_at, report FROM analyses"
                     + " WHERE call_id IN (" + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                s.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    Instant at = rs.getTimestamp(2).toInstant();
                    StoredAnalysis analysis;
                    try {
                        analysis = new StoredAnalysis(id, at, report(id, rs.getString(3)), null);
                    } catch (JsonProcessingException e) {
                        analysis = new StoredAnalysis(id, at, null, e.getOriginalMessage());
                    }
                    distilled.put(id, distil.apply(analysis));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading analysis reports failed", e);
        }
    }

    /** What a call list shows of each analysis: the call's sentiment and flags. */
    public record Summary(Double sentiment, List<String> flags) {
    }

    /** The analysis summaries of these calls; calls not analysed are left out. */
    public Map<String, Summary> summaries(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        Map<String, Summary> found = new java.util.HashMap<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT call_id, sentiment, flags FROM analyses WHERE call_id IN ("
                     + marks + ")")) {
            int i = 1;
            for (String id : ids) {
                s.setString(i++, id);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    double sentiment = rs.getDouble(2);
                    Double score = rs.wasNull() ? null : sentiment;
                    String flags = rs.getString(3);
                    found.put(rs.getString(1), new Summary(score, flags == null ? List.of() : List.of(flags.split(","))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreException("reading analysis summaries failed", e);
        }
    }

    /** Ids of every stored call, and of those with an analysis: for checking the search index against the store. */
    public List<String> ids(boolean analysedOnly) {
        String sql = analysedOnly ? "SELECT call_id FROM analyses" : "SELECT id FROM calls";
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreException("listing call ids failed", e);
        }
    }

    /** Changes after {@code afterId}, oldest first, at most {@code limit}, with the database's current time. */
    public Changes changesAfter(long afterId, int limit) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT id, call_id, changed_at FROM call_changes"
                     + " WHERE id > ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY");
             PreparedStatement now = c.prepareStatement("SELECT CURRENT_TIMESTAMP")) {
            s.setLong(1, afterId);
            List<Change> changes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    changes.add(new Change(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
                }
            }
            try (ResultSet rs = now.executeQuery()) {
                rs.next();
                return new Changes(changes, rs.getTimestamp(1).toInstant());
            }
        } catch (SQLException e) {
            throw new StoreException("reading call changes failed", e);
        }
    }

    /** How many changes the log holds after {@code afterId}: for telling how far an index lags. */
    public long changeCountAfter(long afterId) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM call_changes WHERE id > ?")) {
            s.setLong(1, afterId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("counting call changes failed", e);
        }
    }

    /** A page of the change log and the database's time when it was read. */
    public record Changes(List<Change> changes, Instant databaseNow) {
    }

    /** One entry of the change log that search indexes follow. */
    public record Change(long id, String callId, Instant changedAt) {
    }

    private void logChange(Connection c, String callId) throws SQLException {
        // The database's clock, not this node's: nodes compare it with the database's clock too.
        try (PreparedStatement s = c.prepareStatement("INSERT INTO call_changes (call_id, changed_at) VALUES (?, CURRENT_TIMESTAMP)")) {
            s.setString(1, callId);
            s.executeUpdate();
        }
    }

    private static void setNullableDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }

    private static void saveAgents(Connection c, CallRecord call, boolean isNew) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM call_agents WHERE call_id = ?");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO call_agents (call_id, seq, agent, talk_seconds) VALUES (?, ?, ?, ?)")) {
            if (!isNew) {
                delete.setString(1, call.uniqueId());
                delete.executeUpdate();
            }
            int seq = 0;
            for (AgentTalk talk : call.agents()) {
                insert.setString(1, call.uniqueId());
                insert.setInt(2, seq++);
                insert.setString(3, talk.agent());
                insert.setDouble(4, talk.talkSeconds());
                insert.addBatch();
            }
            if (seq > 0) {
                insert.executeBatch();
            }
        }
    }

    private void bindAfterId(PreparedStatement s, CallRecord call, int first) throws SQLException {
        int i = first;
        s.setString(i++, call.linkedId());
        s.setString(i++, call.caller());
        s.setString(i++, call.callerName());
        s.setString(i++, call.queue());
        s.setString(i++, call.agent());
        s.setTimestamp(i++, Timestamp.from(call.enteredAt()));
        s.setTimestamp(i++, call.answeredAt() == null ? null : Timestamp.from(call.answeredAt()));
        s.setTimestamp(i++, Timestamp.from(call.endedAt()));
        s.setDouble(i++, call.waitSeconds());
        setNullableDouble(s, i++, call.talkSeconds());
        s.setString(i++, call.outcome().key());
        s.setString(i++, call.recordingFile());
        setNullableDouble(s, i++, call.holdSeconds());
        setNullableDouble(s, i++, call.wrapUpSeconds());
        s.setString(i++, call.dnis());
        s.setBoolean(i++, call.partial());
        s.setString(i++, recordJson(call));
        s.setInt(i, call.agents().size());
    }

    private String recordJson(CallRecord call) {
        try {
            return json.writeValueAsString(call);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("call " + call.uniqueId() + " cannot be written as JSON", e);
        }
    }

    private String reportJson(String callId, AnalysisReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the analysis report of call " + callId + " cannot be written as JSON", e);
        }
    }

    private AnalysisReport report(String callId, String stored) throws JsonProcessingException {
        AnalysisReport report = json.readValue(stored, AnalysisReport.class);
        if (report == null) {
            // JSON null parses without complaint, but it is no report.
            throw new JsonMappingException(null, "the stored report of call " + callId + " is JSON null");
        }
        return report;
    }

    private CallRecord read(ResultSet rs) throws SQLException {
        try {
            return json.readValue(rs.getString("record_json"), CallRecord.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("call " + rs.getString("id") + " has an unreadable record: " + e.getOriginalMessage(), e);
        }
    }
}
