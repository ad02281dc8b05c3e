package org.earshot.server.qa;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** One page of the review queue and how many calls match in all. */
public record QueuePage(long total, List<Item> items) {

    public QueuePage {
        items = List.copyOf(items);
    }

    /**
     * A call in the queue with the state of its review.
     *
     * @param reasons why the call is in the queue besides its flags, e.g. {@code saved search "Cancellations"}
     * @param status  to-review when nobody saved a review yet
     * @param score   the review's score, or null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Item(String callId, Instant startedAt, double durationSeconds, String caller, String queue, String agent,
                       List<String> flags, List<String> reasons, Double sentiment, String status, Double score, String reviewer,
                       Instant updatedAt) {
    }
}
