package org.earshot.server.coaching;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiSettings;
import org.earshot.server.store.Database;
import org.earshot.server.store.StoreException;

/**
 * Whether an answered call was followed by a repeat call: the same caller called again (any queue,
 * any outcome) within the call's queue's repeat window after it ended, the FCR rule of the KPIs
 * (docs/kpis.md; kpi.CallerHistory, which is private to the KPIs). As in FCR, callers with a blank
 * or anonymous caller id are left out. Unlike FCR, so are calls whose window is still open: a call
 * from yesterday has not had seven days to be repeated yet, and counting it as "not repeated" would
 * load the comparison with recent calls.
 */
final class RepeatCalls {

    // The caller ids kpi.KpiCall treats as unknown; keep the two lists alike.
    private static final Set<String> ANONYMOUS = Set.of("", "anonymous", "unknown", "<unknown>", "restricted",
            "private", "unavailable", "withheld");

    private final Database db;
    private final KpiDefinitions definitions;

    RepeatCalls(Database db, KpiDefinitions definitions) {
        this.db = db;
        this.definitions = definitions;
    }

    /** For each call whose repeat window closed by {@code now}: true when the caller called again within it. */
    Map<String, Boolean> of(List<CoachingCall> calls, Instant from, Instant to, Instant now) {
        Map<String, long[]> callersCalls = callersCalls(from, to.plus(longestWindow()));
        Map<String, Boolean> repeated = new HashMap<>();
        for (CoachingCall call : calls) {
            if (!call.answered() || !knownCaller(call.caller())) {
                continue;
            }
            Instant windowEnd = call.endedAt().plus(definitions.forQueue(call.queue()).repeatWindow());
            if (windowEnd.isAfter(now)) {
                continue;
            }
            long[] entered = callersCalls.getOrDefault(call.caller(), new long[0]);
            long next = nextAfter(entered, call.enteredAt().toEpochMilli());
            repeated.put(call.id(), next != Long.MIN_VALUE && next <= windowEnd.toEpochMilli());
        }
        return repeated;
    }

    static boolean knownCaller(String caller) {
        return caller != null && !ANONYMOUS.contains(caller.strip().toLowerCase(Locale.ROOT));
    }

    /** The first instant after {@code after} in the sorted array, or Long.MIN_VALUE. */
    private static long nextAfter(long[] sorted, long after) {
        int i = Arrays.binarySearch(sorted, after);
        int next = i >= 0 ? i + 1 : -i - 1;
        while (next < sorted.length && sorted[next] <= after) {
            next++;
        }
        return next < sorted.length ? sorted[next] : Long.MIN_VALUE;
    }

    /** Every known caller's queue entries in [from, to), sorted, as epoch milliseconds. */
    private Map<String, long[]> callersCalls(Instant from, Instant to) {
        Map<String, List<Long>> byCaller = new HashMap<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT caller, entered_at FROM calls"
                     + " WHERE entered_at >= ? AND entered_at < ? AND caller IS NOT NULL")) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byCaller.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>())
                            .add(rs.getTimestamp(2).toInstant().toEpochMilli());
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading callers' calls for coaching failed", e);
        }
        Map<String, long[]> sorted = new HashMap<>();
        byCaller.forEach((caller, list) -> {
            long[] entered = list.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(entered);
            sorted.put(caller, entered);
        });
        return sorted;
    }

    private Duration longestWindow() {
        return definitions.perQueue().values().stream().map(KpiSettings::repeatWindow)
                .reduce(definitions.defaults().repeatWindow(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }
}
