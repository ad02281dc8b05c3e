package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What each known caller did before and after each of their calls, kept on the calls: when the
 * previous call ended, when the next one started, the first call of its case and, on that one, the
 * case's latest end (docs/kpis.md, "Resolution time"). FCR, retention and cases read these instead
 * of every caller's history. A caller's newest call links to the previous one without reading more;
 * a call stored late or corrected has its caller's history derived again.
 */
final class CallerFacts {

    /** Takes the rollups' write lock in a transaction. */
    interface Lock {
        void take(Connection c) throws SQLException;
    }

    private final RollupRules rules;

    CallerFacts(RollupRules rules) {
        this.rules = rules;
    }

    /** A call's place in its caller's history, and the facts stored with it. */
    record Place(String id, String queue, Instant enteredAt, Instant endedAt, Instant prevEndedAt,
                         Instant nextEnteredAt, String caseFirstId, Instant caseEndedAt) {

        Place withFacts(Instant prev, Instant next, String caseFirst, Instant caseEnded) {
            return new Place(id, queue, enteredAt, endedAt, prev, next, caseFirst, caseEnded);
        }
    }

    /**
     * The call was inserted ({@code prior} null) or updated to {@code now}: the facts of its caller's
     * calls follow; {@code changed} is told of every call whose facts changed.
     */
    void callWritten(Connection c, KpiRollupStore.Prior prior, Place now, String caller, Consumer<Place> changed)
            throws SQLException {
        boolean moved = prior == null || !Objects.equals(prior.caller(), caller) || !Objects.equals(prior.queue(), now.queue())
                || !prior.enteredAt().equals(now.enteredAt()) || !prior.endedAt().equals(now.endedAt());
        if (!moved) {
            return;
        }
        if (prior != null && prior.caller() != null && !prior.caller().equals(caller) && rules.knownCaller(prior.caller())) {
            walk(c, prior.caller(), changed);
        }
        if (!rules.knownCaller(caller)) {
            if (prior != null) {
                // A caller no longer known (a corrected caller id) has no history to link to.
                writeFacts(c, now);
            }
        } else if (prior != null || !appended(c, caller, now, changed)) {
            walk(c, caller, changed);
        }
    }

    /**
     * The common case, a caller's newest call: it links to the previous one and extends or starts a
     * case without reading the caller's history. False when it is not the newest (an import of an
     * older log, a corrected time) or the history has no facts yet: then the history is walked.
     */
    private boolean appended(Connection c, String caller, Place now, Consumer<Place> changed) throws SQLException {
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
        changed.accept(previous);
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
                changed.accept(first);
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
    private void walk(Connection c, String caller, Consumer<Place> changed) throws SQLException {
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
                changed.accept(derived.get(i));
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

    static Place place(Connection c, String id) throws SQLException {
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

    /** Every known caller's facts, a slice of callers per transaction. */
    void rebuild(Database db, Lock lock) throws SQLException {
        String after = "";
        int slice = 20_000;
        while (true) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                lock.take(c);
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
                        walk(c, last, changed -> { });
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
    }}
