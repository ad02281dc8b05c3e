package org.earshot.server.coaching;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.server.store.CallStore;
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
    private static final Logger log = LoggerFactory.getLogger(CueCache.class);

    private final CallStore calls;
    private final Map<String, CallCues> entries;

    CueCache(CallStore calls, int capacity) {
        this.calls = calls;
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
        if (!missing.isEmpty()) {
            int cached = found.size();
            Map<String, CallCues> loaded = calls.distilAnalyses(missing, CueCache::cues);
            found.putAll(loaded);
            synchronized (entries) {
                entries.putAll(loaded);
            }
            log.debug("Coaching read {} analysis report(s), {} from the cache", loaded.size(), cached);
        }
        found.values().removeIf(cues -> !cues.readable());
        return found;
    }

    /** A report that does not parse costs its call the speech figures, not the whole page. */
    private static CallCues cues(CallStore.StoredAnalysis analysis) {
        if (analysis.report() == null) {
            log.warn("Analysis report of call {} is unreadable, left out of coaching: {}", analysis.callId(),
                    analysis.unreadable());
            return CallCues.unreadable(analysis.analysedAt());
        }
        return ReportCues.of(analysis.report(), analysis.analysedAt());
    }
}
