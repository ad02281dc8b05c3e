package org.earshot.server.coaching;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.server.store.Database;
import org.earshot.server.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each analysed call's {@link CallCues}, so a coaching page over 10k+ calls does not parse 10k
 * reports. A report never changes once stored except by a re-analysis, which gives it a new
 * {@code analysed_at}: an entry is valid while that matches, so no invalidation hook is needed and
 * every serve node keeps its own cache correct against the shared store.
 *
 * <p>Bounded, least recently used first out: an entry is ~300 bytes, so the default 150,000 calls
 * (over a year of a mid-size centre's analysed calls) hold ~45 MB. A range larger than the bound still
 * answers correctly, only more slowly. Two requests missing the same calls at once may both parse
 * them; the result is the same, and holding the lock while reading the database would serialise
 * every coaching request behind the slowest one.
 */
final class CueCache {

    static final int DEFAULT_CAPACITY = 150_000;
    // Databases bound the number of parameters of one statement: read reports in slices.
    private static final int SLICE = 500;
    private static final Logger log = LoggerFactory.getLogger(CueCache.class);

    private final Database db;
    private final ReportCues reports;
    private final Map<String, CallCues> entries;

    CueCache(Database db, ReportCues reports, int capacity) {
        this.db = db;
        this.reports = reports;
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CallCues> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The cues of these calls, given each call's analysed_at as the range query read it; a call
     * whose report cannot be read is left out (and remembered, so it is not parsed again).
     */
    Map<String, CallCues> cuesOf(Map<String, Instant> analysedAt) {
        Map<String, CallCues> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        synchronized (entries) {
            analysedAt.forEach((id, at) -> {
                CallCues cached = entries.get(id);
                if (cached != null && cached.analysedAt().equals(at)) {
                    found.put(id, cached);
                } else {
                    missing.add(id);
                }
            });
        }
        for (int from = 0; from < missing.size(); from += SLICE) {
            Map<String, CallCues> loaded = load(missing.subList(from, Math.min(missing.size(), from + SLICE)));
            found.putAll(loaded);
            synchronized (entries) {
                entries.putAll(loaded);
            }
        }
        if (!missing.isEmpty()) {
            log.debug("Coaching read {} analysis report(s), {} from the cache", missing.size(), found.size() - missing.size());
        }
        found.values().removeIf(cues -> !cues.readable());
        return found;
    }

    private Map<String, CallCues> load(List<String> ids) {
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        Map<String, CallCues> loaded = new HashMap<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT call_id, analysed_at, report FROM analyses WHERE call_id IN ("
                     + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                s.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    Instant at = rs.getTimestamp(2).toInstant();
                    loaded.put(id, read(id, rs.getString(3), at));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading analysis reports for coaching failed", e);
        }
        return loaded;
    }

    /** A report that does not parse costs its call the speech figures, not the whole page. */
    private CallCues read(String callId, String report, Instant analysedAt) {
        try {
            return reports.read(report, analysedAt);
        } catch (JsonProcessingException e) {
            log.warn("Analysis report of call {} is unreadable, left out of coaching: {}", callId, e.getOriginalMessage());
            return CallCues.unreadable(analysedAt);
        }
    }
}
