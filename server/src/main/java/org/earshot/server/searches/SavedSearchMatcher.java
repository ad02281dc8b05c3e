package org.earshot.server.searches;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.earshot.search.CallDocument;
import org.earshot.search.CallMatcher;
import org.earshot.search.QuerySyntaxException;
import org.earshot.server.jobs.CallDocuments;
import org.earshot.server.store.CallCrmStore;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.SavedSearchStore;
import org.earshot.server.store.SavedSearchStore.SavedSearch;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.CallRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tests a newly analysed call against every watched saved search and records what it matched.
 *
 * <p>Runs where the analysis job ran, once its report is stored: one job runs on one node, so each call is
 * tested once without a lease of its own, and the stored match makes a rerun (a lost lease, a re-analysis)
 * raise nothing twice. The call is matched as the index would hold it ({@link CallDocuments}), alone in a
 * one-document index ({@link CallMatcher}), so no node's search index need have caught up and no saved search
 * runs over every call.
 */
public final class SavedSearchMatcher {

    private static final Logger log = LoggerFactory.getLogger(SavedSearchMatcher.class);

    private final SavedSearchStore store;
    private final SavedSearches searches;
    private final CallStore calls;
    private final CallCrmStore crm;
    private final Clock clock;

    public SavedSearchMatcher(SavedSearchStore store, SavedSearches searches, CallStore calls, CallCrmStore crm, Clock clock) {
        this.store = store;
        this.searches = searches;
        this.calls = calls;
        this.crm = crm;
        this.clock = clock;
    }

    /**
     * Tests the call (analysis stored) against every watched search: records each new match, flags the call for QA
     * when the search asks, and raises {@code call.flagged} with the search, all in the match's transaction.
     *
     * @return the searches the call newly matched
     */
    public List<SavedSearch> analysed(String callId) {
        List<SavedSearch> watched = store.watched();
        Optional<CallRecord> call = calls.find(callId);
        if (watched.isEmpty() || call.isEmpty()) {
            return List.of();
        }
        AnalysisReport report = calls.findAnalysis(callId).orElse(null);
        CallDocument document = CallDocuments.of(call.get(), report, crm.find(callId).map(CallCrmStore.Link::crmId).orElse(null));
        List<SavedSearch> matched = new ArrayList<>();
        try (CallMatcher matcher = CallMatcher.of(document)) {
            for (SavedSearch search : watched) {
                if (matches(matcher, search) && store.recordMatch(search, callId, document.flags(), clock.instant())) {
                    matched.add(search);
                    log.info("Call {} matched saved search {} of {}{}", callId, search.id(), search.owner(),
                            search.flagForQa() ? "; flagged for QA" : "");
                }
            }
        }
        return matched;
    }

    private boolean matches(CallMatcher matcher, SavedSearch search) {
        try {
            return matcher.matches(searches.query(search));
        } catch (QuerySyntaxException | IllegalArgumentException e) {
            // Checked when saved; only a grammar that changed since can refuse it now. The others still run.
            log.warn("Saved search {} of {} no longer parses, so it matches nothing: {}", search.id(), search.owner(),
                    e.getMessage());
            return false;
        }
    }
}
