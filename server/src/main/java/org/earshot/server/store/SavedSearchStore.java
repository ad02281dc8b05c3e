package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users' saved searches (query text and the filters of {@code GET /api/calls}), the calls that matched
 * the watched ones, and the calls a match put in the QA queue ({@code qa_flags}).
 */
public final class SavedSearchStore {

    /**
     * The filters of a saved search, named as the search route's parameters; null or empty = no constraint.
     * {@code from} and {@code to} are kept as written (a day is read in the KPI zone when the search runs).
     */
    public record Filters(String party, String from, String to, Double minDuration, Double maxDuration, Double minWait,
                          Double maxWait, Double minTalk, Double maxTalk, List<String> caller, List<String> queue,
                          List<String> agent, List<String> outcome, List<String> flag, List<String> where,
                          List<String> crmId, String sort) {

        public static final Filters NONE = new Filters(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);

        public Filters {
            caller = copy(caller);
            queue = copy(queue);
            agent = copy(agent);
            outcome = copy(outcome);
            flag = copy(flag);
            where = copy(where);
            crmId = copy(crmId);
        }

        /** The search route's parameters these filters stand for (without {@code q}, {@code page}, {@code size}). */
        public Map<String, List<String>> parameters() {
            Map<String, List<String>> params = new LinkedHashMap<>();
            put(params, "party", party);
            put(params, "from", from);
            put(params, "to", to);
            put(params, "minDuration", minDuration);
            put(params, "maxDuration", maxDuration);
            put(params, "minWait", minWait);
            put(params, "maxWait", maxWait);
            put(params, "minTalk", minTalk);
            put(params, "maxTalk", maxTalk);
            lists().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    params.put(name, values);
                }
            });
            put(params, "sort", sort);
            return params;
        }

        /** The repeatable filters by parameter name. */
        Map<String, List<String>> lists() {
            Map<String, List<String>> lists = new LinkedHashMap<>();
            lists.put("caller", caller);
            lists.put("queue", queue);
            lists.put("agent", agent);
            lists.put("outcome", outcome);
            lists.put("flag", flag);
            lists.put("where", where);
            lists.put("crmId", crmId);
            return lists;
        }

        private static void put(Map<String, List<String>> params, String name, Object value) {
            if (value != null) {
                // A whole number of seconds reads back as it was written: 60, not 60.0.
                params.put(name, List.of(value instanceof Double d && d == Math.rint(d) && !d.isInfinite()
                        ? Long.toString(d.longValue()) : value.toString()));
            }
        }

        private static List<String> copy(List<String> values) {
            return values == null ? List.of() : List.copyOf(values);
        }
    }

    /** What a user writes when saving a search (all of it, on update too). */
    public record Draft(String name, String query, Filters filters, boolean watch, boolean flagForQa) {

        public Draft {
            filters = filters == null ? Filters.NONE : filters;
        }
    }

    /**
     * A saved search as its owner sees it.
     *
     * @param newMatches matches since the owner last marked the search seen
     * @param matches    every match so far
     */
    public record SavedSearch(long id, String owner, String name, String query, Filters filters, boolean watch,
                              boolean flagForQa, Instant createdAt, Instant lastSeenAt, long newMatches, long matches) {

        /** Why a call this search matched is in the QA queue. */
        public String qaReason() {
            return "saved search \"" + name + "\"";
        }
    }

    /** A call that matched a search; {@code isNew} until the owner marks the search seen. */
    public record Match(String callId, Instant matchedAt, boolean isNew) {
    }

    private static final String COLUMNS = "s.id, s.owner, s.name, s.query, s.party, s.from_when, s.to_when,"
            + " s.min_duration, s.max_duration, s.min_wait, s.max_wait, s.min_talk, s.max_talk, s.sort_order, s.watch,"
            + " s.flag_for_qa, s.created_at, s.last_seen_at,"
            + " (SELECT COUNT(*) FROM saved_search_matches m WHERE m.search_id = s.id AND m.matched_at > s.last_seen_at),"
            + " (SELECT COUNT(*) FROM saved_search_matches m WHERE m.search_id = s.id)";

    private final Database db;
    private final EventOutbox outbox;

    /** @param outbox gets call.flagged, in the transaction of the match */
    public SavedSearchStore(Database db, EventOutbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    public SavedSearch create(String owner, Draft draft, Instant at) {
        long id = db.inTransaction("saving the search \"" + draft.name() + "\" of " + owner, c -> {
            long created;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO saved_searches (owner, name, query, party, from_when,"
                    + " to_when, min_duration, max_duration, min_wait, max_wait, min_talk, max_talk, sort_order, watch,"
                    + " flag_for_qa, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
                s.setString(1, owner);
                int next = bindDraft(s, 2, draft);
                s.setTimestamp(next, Timestamp.from(at));
                s.setTimestamp(next + 1, Timestamp.from(at));
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    created = keys.getLong(1);
                }
            }
            insertValues(c, created, draft.filters());
            return created;
        });
        return find(id).orElseThrow();
    }

    /** Replaces the search's name, query, filters and switches; empty when there is no such search. */
    public Optional<SavedSearch> update(long id, Draft draft) {
        boolean found = db.inTransaction("changing saved search " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE saved_searches SET name = ?, query = ?, party = ?,"
                    + " from_when = ?, to_when = ?, min_duration = ?, max_duration = ?, min_wait = ?, max_wait = ?,"
                    + " min_talk = ?, max_talk = ?, sort_order = ?, watch = ?, flag_for_qa = ? WHERE id = ?")) {
                int next = bindDraft(s, 1, draft);
                s.setLong(next, id);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM saved_search_values WHERE search_id = ?")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            insertValues(c, id, draft.filters());
            return true;
        });
        return found ? find(id) : Optional.empty();
    }

    /** Deletes the search and its matches; the calls it put in the QA queue stay there. */
    public boolean delete(long id) {
        return db.inTransaction("deleting saved search " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM saved_searches WHERE id = ?")) {
                s.setLong(1, id);
                return s.executeUpdate() > 0;
            }
        });
    }

    public Optional<SavedSearch> find(long id) {
        return read("s.id = ?", id).stream().findFirst();
    }

    /** The owner's searches, oldest first. */
    public List<SavedSearch> ofOwner(String owner) {
        return read("s.owner = ?", owner);
    }

    /** Every watched search, of every owner: what a newly analysed call is tested against. */
    public List<SavedSearch> watched() {
        return read("s.watch = ?", true);
    }

    /**
     * Marks every match so far seen: {@code last_seen_at} becomes {@code at}, or the newest match when a node
     * whose clock runs ahead recorded one later than that. Empty when there is no such search.
     */
    public Optional<SavedSearch> markSeen(long id, Instant at) {
        int updated = db.inTransaction("marking saved search " + id + " seen", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE saved_searches SET last_seen_at = GREATEST(?,"
                    + " COALESCE((SELECT MAX(m.matched_at) FROM saved_search_matches m WHERE m.search_id = ?), ?))"
                    + " WHERE id = ?")) {
                s.setTimestamp(1, Timestamp.from(at));
                s.setLong(2, id);
                s.setTimestamp(3, Timestamp.from(at));
                s.setLong(4, id);
                return s.executeUpdate();
            }
        });
        return updated == 0 ? Optional.empty() : find(id);
    }

    /** The search's matches, newest first, at most {@code limit}. */
    public List<Match> matches(long id, int limit) {
        String sql = "SELECT m.call_id, m.matched_at, m.matched_at > s.last_seen_at FROM saved_search_matches m"
                + " JOIN saved_searches s ON s.id = m.search_id WHERE m.search_id = ?"
                + " ORDER BY m.matched_at DESC, m.call_id DESC FETCH FIRST ? ROWS ONLY";
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.setInt(2, limit);
            List<Match> matches = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    matches.add(new Match(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getBoolean(3)));
                }
            }
            return matches;
        } catch (SQLException e) {
            throw new StoreException("reading the matches of saved search " + id + " failed", e);
        }
    }

    /**
     * Records that the call matched the search, once: with the search's {@code flagForQa} the call joins the QA
     * queue with {@link SavedSearch#qaReason}, and {@code call.flagged} is raised in the same transaction.
     *
     * @return false when the call had matched before (a re-analysis) or is no longer stored (erased meanwhile)
     */
    public boolean recordMatch(SavedSearch search, String callId, List<String> flags, Instant at) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO saved_search_matches (search_id, call_id,"
                        + " matched_at) SELECT ?, ?, ? FROM calls WHERE id = ? AND NOT EXISTS (SELECT 1 FROM"
                        + " saved_search_matches WHERE search_id = ? AND call_id = ?)")) {
                    s.setLong(1, search.id());
                    s.setString(2, callId);
                    s.setTimestamp(3, Timestamp.from(at));
                    s.setString(4, callId);
                    s.setLong(5, search.id());
                    s.setString(6, callId);
                    if (s.executeUpdate() == 0) {
                        c.rollback();
                        return false;
                    }
                }
                if (search.flagForQa()) {
                    flagForQa(c, callId, search.qaReason(), at);
                }
                EventOutbox.Batch events = outbox.open(c);
                events.raise(e -> e.searchMatched(callId, flags, search));
                c.commit();
                events.committed();
                return true;
            } catch (SQLException e) {
                c.rollback();
                // 23: the match raced another node's (unique key) or the search or call went meanwhile (foreign key).
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    return false;
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("recording that call " + callId + " matched saved search " + search.id() + " failed", e);
        }
    }

    private static void flagForQa(Connection c, String callId, String reason, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO qa_flags (call_id, reason, flagged_at)"
                + " SELECT ?, ?, ? FROM calls WHERE id = ? AND NOT EXISTS (SELECT 1 FROM qa_flags WHERE call_id = ?"
                + " AND reason = ?)")) {
            s.setString(1, callId);
            s.setString(2, reason);
            s.setTimestamp(3, Timestamp.from(at));
            s.setString(4, callId);
            s.setString(5, callId);
            s.setString(6, reason);
            s.executeUpdate();
        }
    }

    /** Binds name .. flag_for_qa from {@code first} on; returns the next index. */
    private static int bindDraft(PreparedStatement s, int first, Draft draft) throws SQLException {
        Filters f = draft.filters();
        int i = first;
        s.setString(i++, draft.name());
        s.setString(i++, draft.query());
        s.setString(i++, f.party());
        s.setString(i++, f.from());
        s.setString(i++, f.to());
        for (Double seconds : new Double[] {f.minDuration(), f.maxDuration(), f.minWait(), f.maxWait(), f.minTalk(),
                f.maxTalk()}) {
            if (seconds == null) {
                s.setNull(i++, Types.DOUBLE);
            } else {
                s.setDouble(i++, seconds);
            }
        }
        s.setString(i++, f.sort());
        s.setBoolean(i++, draft.watch());
        s.setBoolean(i++, draft.flagForQa());
        return i;
    }

    private static void insertValues(Connection c, long id, Filters filters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO saved_search_values (search_id, param, ordinal, val)"
                + " VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, List<String>> list : filters.lists().entrySet()) {
                for (int i = 0; i < list.getValue().size(); i++) {
                    s.setLong(1, id);
                    s.setString(2, list.getKey());
                    s.setInt(3, i);
                    s.setString(4, list.getValue().get(i));
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    private List<SavedSearch> read(String where, Object arg) {
        try (Connection c = db.connection()) {
            Map<Long, Map<String, List<String>>> values = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT v.search_id, v.param, v.val FROM saved_search_values v"
                    + " JOIN saved_searches s ON s.id = v.search_id WHERE " + where + " ORDER BY v.search_id, v.param,"
                    + " v.ordinal")) {
                s.setObject(1, arg);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        values.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                                .computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getString(3));
                    }
                }
            }
            List<SavedSearch> searches = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM saved_searches s WHERE " + where
                    + " ORDER BY s.id")) {
                s.setObject(1, arg);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        searches.add(search(rs, values.getOrDefault(rs.getLong(1), Map.of())));
                    }
                }
            }
            return searches;
        } catch (SQLException e) {
            throw new StoreException("reading saved searches failed", e);
        }
    }

    private static SavedSearch search(ResultSet rs, Map<String, List<String>> lists) throws SQLException {
        Filters filters = new Filters(rs.getString(5), rs.getString(6), rs.getString(7), seconds(rs, 8), seconds(rs, 9),
                seconds(rs, 10), seconds(rs, 11), seconds(rs, 12), seconds(rs, 13), lists.get("caller"),
                lists.get("queue"), lists.get("agent"), lists.get("outcome"), lists.get("flag"), lists.get("where"),
                lists.get("crmId"), rs.getString(14));
        return new SavedSearch(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), filters,
                rs.getBoolean(15), rs.getBoolean(16), rs.getTimestamp(17).toInstant(), rs.getTimestamp(18).toInstant(),
                rs.getLong(19), rs.getLong(20));
    }

    private static Double seconds(ResultSet rs, int column) throws SQLException {
        double d = rs.getDouble(column);
        return rs.wasNull() ? null : d;
    }
}
