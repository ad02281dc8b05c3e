package org.earshot.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.earshot.telephony.CallRecord;

/**
 * What erasure on request and retention remove from the database, and the legal hold that stops both.
 *
 * <p>Neither touches the KPI rollups: figures already rolled up stay as they were when the calls they
 * count lose their caller, words or row. Every change writes the call's entry in the change log, so
 * the search index of every serve node follows (a call gone from the store leaves its index).
 */
public final class LifecycleStore {

    /** Written where a QA note's text was: the note (its time, author) stays, what it quoted goes. */
    public static final String ERASED_NOTE = "[erased]";

    private final Database db;
    private final ObjectMapper json;

    public LifecycleStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A call under legal hold: neither erased nor purged. */
    public static final class CallHeld extends RuntimeException {
        public CallHeld(String callId) {
            super("call " + callId + " is under legal hold: lift the hold first (PUT /api/calls/" + callId + "/legal-hold)");
        }
    }

    /** A call of a caller found for erasure, and whether it is under legal hold. */
    public record CallerCall(String callId, boolean held) {
    }

    /**
     * What the database named of a call whose data went: its recording files (as Asterisk named them),
     * which the caller deletes from disk.
     */
    public record Stripped(String callId, List<String> recordingFiles) {
    }

    /**
     * What retention removes: the recording, the analysis (transcript, index text), or the call (everything but the
     * anonymous facts KPIs count, as erasure leaves them).
     */
    public enum Part { AUDIO, TRANSCRIPT, CALL }

    /**
     * Which calls a retention policy reaches: those entered in [{@code from}, {@code before}) ({@code from} null:
     * any time before), of {@code queue} (or, when {@code queue} is null, of every queue but {@code otherQueues},
     * and of none).
     */
    public record Scope(Instant from, Instant before, String queue, Set<String> otherQueues) {
        public Scope {
            otherQueues = Set.copyOf(otherQueues);
        }
    }

    // ---- legal hold ----

    /** Sets or lifts the hold; false when there is no such call. */
    public boolean setLegalHold(String callId, boolean hold) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE calls SET legal_hold = ? WHERE id = ?")) {
            s.setBoolean(1, hold);
            s.setString(2, callId);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("setting the legal hold of call " + callId + " failed", e);
        }
    }

    /** The call's hold, or empty when there is no such call. */
    public Optional<Boolean> legalHold(String callId) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT legal_hold FROM calls WHERE id = ?")) {
            s.setString(1, callId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the legal hold of call " + callId + " failed", e);
        }
    }

    // ---- erasure ----

    /**
     * Every call whose caller is {@code number} as {@code normalise} compares numbers (the search's
     * {@code caller=} rule), oldest first.
     */
    public List<CallerCall> callsOfCaller(String number, UnaryOperator<String> normalise) {
        String wanted = normalise.apply(number);
        if (wanted.isEmpty()) {
            return List.of();
        }
        // The database narrows to callers holding the characters in order; the rule itself decides.
        StringBuilder like = new StringBuilder("%");
        for (char ch : wanted.toCharArray()) {
            if (ch == '%' || ch == '_' || ch == '\\') {
                like.append('\\');
            }
            like.append(ch).append('%');
        }
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT id, caller, legal_hold FROM calls"
                     + " WHERE LOWER(caller) LIKE ? ESCAPE '\\' ORDER BY entered_at, id")) {
            s.setString(1, like.toString());
            List<CallerCall> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (wanted.equals(normalise.apply(rs.getString(2)))) {
                        found.add(new CallerCall(rs.getString(1), rs.getBoolean(3)));
                    }
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreException("finding the calls of a caller failed", e);
        }
    }

    /**
     * Deletes the call and everything stored about it; its KPI rollups stay.
     *
     * @return the files it named, or empty when there is no such call
     * @throws CallHeld when the call is under legal hold
     */
    public Optional<Stripped> deleteCall(String callId) {
        return db.inTransaction("deleting call " + callId, c -> {
            Row row = lockRow(c, callId);
            if (row == null) {
                return Optional.empty();
            }
            if (row.held) {
                throw new CallHeld(callId);
            }
            removeAround(c, row);
            removeAnalysis(c, callId);
            update(c, "DELETE FROM qa_notes WHERE call_id = ?", callId);
            update(c, "DELETE FROM qa_reviews WHERE call_id = ?", callId);
            update(c, "DELETE FROM call_agents WHERE call_id = ?", callId);
            update(c, "DELETE FROM calls WHERE id = ?", callId);
            logChange(c, callId);
            return Optional.of(new Stripped(callId, row.files));
        });
    }

    /**
     * Removes the caller from the call (number, name, recording, analysis, survey answers, CRM link,
     * webhook events, QA notes' text); the anonymous call stays for the KPIs.
     *
     * @return the files it named, or empty when there is no such call
     * @throws CallHeld when the call is under legal hold
     */
    public Optional<Stripped> anonymise(String callId) {
        return db.inTransaction("erasing the caller of call " + callId, c -> {
            Row row = lockRow(c, callId);
            if (row == null) {
                return Optional.empty();
            }
            if (row.held) {
                throw new CallHeld(callId);
            }
            removeAround(c, row);
            removeAnalysis(c, callId);
            rewriteRecord(c, row, true);
            logChange(c, callId);
            return Optional.of(new Stripped(callId, row.files));
        });
    }

    // ---- retention ----

    /** The webhook events created before {@code before} with no delivery pending: finished business. */
    private static final String OLD_WEBHOOK_EVENTS = "e.created_at < ? AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d"
            + " WHERE d.event_id = e.id AND d.status = '" + WebhookDeliveries.PENDING + "')";

    /** How many webhook events created before {@code before} are done with (none of their deliveries pending). */
    public long countOldWebhookEvents(Instant before) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM webhook_events e WHERE " + OLD_WEBHOOK_EVENTS)) {
            s.setTimestamp(1, Timestamp.from(before));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("counting old webhook events failed", e);
        }
    }

    /**
     * Deletes up to {@code limit} of those events with their deliveries and attempts, in one transaction.
     *
     * @return how many events it deleted (0: none left)
     */
    public int purgeOldWebhookEvents(Instant before, int limit) {
        return db.inTransaction("purging old webhook events", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT e.id FROM webhook_events e WHERE " + OLD_WEBHOOK_EVENTS
                    + " ORDER BY e.created_at, e.id FETCH FIRST " + limit + " ROWS ONLY")) {
                s.setTimestamp(1, Timestamp.from(before));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            for (String id : ids) {
                // Attempts go with their delivery (ON DELETE CASCADE).
                update(c, "DELETE FROM webhook_deliveries WHERE event_id = ?", id);
                update(c, "DELETE FROM webhook_events WHERE id = ?", id);
            }
            return ids.size();
        });
    }

    /** How many calls not under hold {@code part} of the scope would remove now. */
    public long countDue(Part part, Scope scope) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM calls c WHERE " + due(part, scope))) {
            bindScope(s, scope);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("counting calls due for retention failed", e);
        }
    }

    /** Up to {@code limit} calls (not under hold) that {@code part} of the scope would remove, oldest first. */
    public List<String> due(Part part, Scope scope, int limit) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT c.id FROM calls c WHERE " + due(part, scope)
                     + " ORDER BY c.entered_at, c.id FETCH FIRST " + limit + " ROWS ONLY")) {
            bindScope(s, scope);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreException("listing calls due for retention failed", e);
        }
    }

    /**
     * The recording files these calls name, calls under hold left out: deleted before the rows change, so a
     * crash in between leaves a row naming a missing file (tolerated when the work is done again), never a
     * file no row names.
     */
    public List<Stripped> files(List<String> callIds) {
        return db.inTransaction("reading recording files", c -> {
            List<Stripped> files = new ArrayList<>();
            for (String id : callIds) {
                Row row = readRow(c, id, false);
                if (row != null && !row.held && !row.files.isEmpty()) {
                    files.add(new Stripped(id, row.files));
                }
            }
            return files;
        });
    }

    /**
     * Removes {@code part} of these calls in one transaction, skipping any put under hold since they were
     * listed. Running it again for the same calls changes nothing.
     *
     * @return how many calls it changed
     */
    public int purge(Part part, List<String> callIds) {
        return db.inTransaction("purging " + part.name().toLowerCase(java.util.Locale.ROOT) + " of " + callIds.size()
                + " call(s)", c -> {
            int changed = 0;
            for (String id : callIds) {
                Row row = lockRow(c, id);
                if (row == null || row.held) {
                    continue;
                }
                switch (part) {
                    case AUDIO -> rewriteRecord(c, row, false);
                    case TRANSCRIPT -> {
                        keepKpiFlags(c, id);
                        removeAnalysis(c, id);
                        update(c, "UPDATE qa_notes SET text = '" + ERASED_NOTE + "' WHERE call_id = ?", id);
                    }
                    case CALL -> {
                        // As erasure does: the caller and the conversation go, the anonymous facts the KPIs count
                        // (times, queue, agent, outcome) stay, so no KPI of those days changes: not at a range's
                        // edges (read from calls) nor when the rollups are counted again.
                        removeAround(c, row, false);
                        keepKpiFlags(c, id);
                        removeAnalysis(c, id);
                        rewriteRecord(c, row, true);
                    }
                }
                logChange(c, id);
                changed++;
            }
            return changed;
        });
    }

    // ---- inside ----

    private static String due(Part part, Scope scope) {
        String what = switch (part) {
            case AUDIO -> "c.recording_file IS NOT NULL";
            case TRANSCRIPT -> "EXISTS (SELECT 1 FROM analyses a WHERE a.call_id = c.id)";
            case CALL -> "c.erased_at IS NULL";
        };
        String queue;
        if (scope.queue() != null) {
            queue = "c.queue = ?";
        } else if (scope.otherQueues().isEmpty()) {
            queue = "1 = 1";
        } else {
            queue = "(c.queue IS NULL OR c.queue NOT IN ("
                    + String.join(",", java.util.Collections.nCopies(scope.otherQueues().size(), "?")) + "))";
        }
        return what + " AND c.legal_hold = FALSE AND c.entered_at < ?" + (scope.from() == null ? "" : " AND c.entered_at >= ?")
                + " AND " + queue;
    }

    private static void bindScope(PreparedStatement s, Scope scope) throws SQLException {
        int i = 1;
        s.setTimestamp(i++, Timestamp.from(scope.before()));
        if (scope.from() != null) {
            s.setTimestamp(i++, Timestamp.from(scope.from()));
        }
        if (scope.queue() != null) {
            s.setString(i, scope.queue());
        } else {
            for (String other : scope.otherQueues().stream().sorted().toList()) {
                s.setString(i++, other);
            }
        }
    }

    private record Row(String id, String linkedId, boolean held, String recordJson, List<String> files) {
    }

    private Row lockRow(Connection c, String callId) throws SQLException {
        return readRow(c, callId, true);
    }

    private Row readRow(Connection c, String callId, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT linked_id, legal_hold, record_json, recording_file"
                + " FROM calls WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            s.setString(1, callId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Set<String> files = new LinkedHashSet<>();
                if (rs.getString(4) != null) {
                    files.add(rs.getString(4));
                }
                String record = rs.getString(3);
                if (record != null) {
                    try {
                        json.readTree(record).path("recordingFiles").forEach(f -> {
                            if (f.isTextual()) {
                                files.add(f.asText());
                            }
                        });
                    } catch (JsonProcessingException e) {
                        throw new SQLException("call " + callId + " has an unreadable record: " + e.getOriginalMessage(), e);
                    }
                }
                return new Row(callId, rs.getString(1), rs.getBoolean(2), record, List.copyOf(files));
            }
        }
    }

    /** What is kept beside the call about its caller: survey answers, CRM link, webhook events, the job. */
    private static void removeAround(Connection c, Row row) throws SQLException {
        removeAround(c, row, true);
    }

    /**
     * The same; {@code surveys} false keeps the survey scores (no personal data once the call is anonymous), so
     * the KPIs of a call retention purged stay as they were.
     */
    private static void removeAround(Connection c, Row row, boolean surveys) throws SQLException {
        update(c, "DELETE FROM call_crm WHERE call_id = ?", row.id);
        if (surveys && row.linkedId != null) {
            update(c, "DELETE FROM surveys WHERE linked_id = ?", row.linkedId);
        }
        // Event bodies hold the caller, delivered or not: the events go with their deliveries and attempts.
        for (String subject : row.linkedId == null ? List.of(row.id) : List.of(row.id, row.linkedId)) {
            update(c, "DELETE FROM webhook_deliveries WHERE event_id IN (SELECT id FROM webhook_events WHERE subject = ?)",
                    subject);
            update(c, "DELETE FROM webhook_events WHERE subject = ?", subject);
        }
        // The job names the recording (MixMonitor names carry the caller's number).
        update(c, "DELETE FROM jobs WHERE call_id = ?", row.id);
        update(c, "UPDATE qa_notes SET text = '" + ERASED_NOTE + "' WHERE call_id = ?", row.id);
    }

    /** Moves the analysis' flags (what the KPIs count of it) onto the call before the analysis goes. */
    private static void keepKpiFlags(Connection c, String callId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE calls SET kept_flags = (SELECT a.flags FROM analyses a"
                + " WHERE a.call_id = calls.id) WHERE id = ? AND EXISTS (SELECT 1 FROM analyses a WHERE a.call_id = calls.id)")) {
            s.setString(1, callId);
            s.executeUpdate();
        }
    }

    private static void removeAnalysis(Connection c, String callId) throws SQLException {
        update(c, "DELETE FROM analyses WHERE call_id = ?", callId);
    }

    /** Drops the recording (and, if {@code caller}, the caller's number and name) from the call's row and record. */
    private void rewriteRecord(Connection c, Row row, boolean caller) throws SQLException {
        String record = row.recordJson;
        if (record != null) {
            // Written as CallStore writes a record, so the call arriving again compares equal to it.
            try {
                CallRecord.Builder call = json.readValue(record, CallRecord.class).toBuilder().recordingFile(null)
                        .recordingFiles(List.of()).recordingChannels(List.of());
                if (caller) {
                    call.caller(null).callerName(null);
                }
                record = json.writeValueAsString(call.build());
            } catch (JsonProcessingException e) {
                throw new SQLException("call " + row.id + " has an unreadable record: " + e.getOriginalMessage(), e);
            }
        }
        String sql = caller
                ? "UPDATE calls SET recording_file = NULL, record_json = ?, caller = NULL, caller_name = NULL,"
                        + " erased_at = CURRENT_TIMESTAMP WHERE id = ?"
                : "UPDATE calls SET recording_file = NULL, record_json = ? WHERE id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, record);
            s.setString(2, row.id);
            s.executeUpdate();
        }
    }

    private static int update(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            return s.executeUpdate();
        }
    }

    private static void logChange(Connection c, String callId) throws SQLException {
        update(c, "INSERT INTO call_changes (call_id, changed_at) VALUES (?, CURRENT_TIMESTAMP)", callId);
    }
}
