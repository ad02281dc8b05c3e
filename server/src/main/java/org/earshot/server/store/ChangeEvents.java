package org.earshot.server.store;

import java.time.Instant;
import java.util.List;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.CallRecord;

/**
 * What the changes the stores write mean to the systems around Earshot (implemented by the webhooks
 * package, which owns the payloads): the store writes the events it is given into its outbox in the
 * transaction of the change, so an event exists exactly when its change was committed. The store asks
 * only for the types some enabled webhook wants.
 */
public interface ChangeEvents {

    /**
     * One event as it will be sent, its body rendered once: the signature covers these bytes.
     *
     * @param subject the call it is about, so deliveries of one call to one endpoint keep their order;
     *                null for an event about no call
     */
    record Event(String id, String type, String subject, Instant createdAt, byte[] body) {
    }

    /** Raises nothing: for import, reindex and tests that want no webhooks. */
    ChangeEvents NONE = new ChangeEvents() {
        @Override
        public List<Event> callEnded(CallRecord call) {
            return List.of();
        }

        @Override
        public List<Event> callAnalysed(String callId, AnalysisReport report, Instant analysedAt) {
            return List.of();
        }

        @Override
        public List<Event> surveyCompleted(String linkedId, SurveyStore.Survey survey) {
            return List.of();
        }

        @Override
        public List<Event> qaReviewed(ReviewStore.Stored review) {
            return List.of();
        }
    };

    /** A call stored for the first time (a re-delivered or changed call raises none). */
    List<Event> callEnded(CallRecord call);

    /** A call's analysis stored; also what its flags raise. */
    List<Event> callAnalysed(String callId, AnalysisReport report, Instant analysedAt);

    /** Survey answers stored for the call with this linkedid, as they stand after the save. */
    List<Event> surveyCompleted(String linkedId, SurveyStore.Survey survey);

    /** A QA review saved that became reviewed. */
    List<Event> qaReviewed(ReviewStore.Stored review);

    /**
     * A newly analysed call matched a watched saved search: {@code call.flagged} naming the search. A default
     * that raises nothing, so a {@code ChangeEvents} written before saved searches stays whole.
     *
     * @param flags the call's analysis flags
     */
    default List<Event> searchMatched(String callId, List<String> flags, SavedSearchStore.SavedSearch search) {
        return List.of();
    }

    /** An alert raised (issue 17); nothing by default, so a writer that raises no alerts need not know of them. */
    default List<Event> alertRaised(AlertStore.Alert alert) {
        return List.of();
    }

    /** Called after a transaction that wrote events committed (wakes the dispatcher of this node). */
    default void committed() {
    }
}
