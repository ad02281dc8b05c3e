package org.earshot.server.qa;

import java.util.Set;
import org.earshot.server.store.ReviewQueueStore;

/**
 * Which calls of the review queue to list, newest first.
 *
 * @param status to-review (no review yet, or one still to review), reviewed, disputed or all
 * @param flag   only calls with this analysis flag, or null
 * @param agent  only calls answered by this agent, or null
 * @param queue  only calls of this queue, or null
 */
public record QueueQuery(String status, String flag, String agent, String queue, int page, int size) {

    public static final Set<String> STATUSES = ReviewQueueStore.Filter.STATUSES;

    public QueueQuery {
        if (status == null) {
            status = "to-review";
        }
        if (!STATUSES.contains(status)) {
            throw QaException.invalid("status must be to-review, reviewed, disputed or all, was '" + status + "'");
        }
        if (page < 0) {
            throw QaException.invalid("page must be >= 0, was " + page);
        }
        if (size < 1 || size > 100) {
            throw QaException.invalid("size must be 1-100, was " + size);
        }
    }
}
