package org.earshot.server.qa;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A call's review, or the draft of one before anybody saved it (status to-review, no reviewer).
 *
 * @param score weighted percentage over the criteria that have a value, or null when none has
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Review(String callId, String status, long scorecardId, String scorecardName, List<Score> scores,
                     Double score, String reviewer, Instant updatedAt, List<Note> notes) {

    public Review {
        scores = List.copyOf(scores);
        notes = List.copyOf(notes);
    }

    /**
     * One criterion of the review.
     *
     * @param auto       the automatic result, or null for a criterion only a reviewer scores
     * @param value      from 0 to 1, or null while not scored
     * @param overridden true when a reviewer gave an automatic criterion another value than its result
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Score(String criterionId, String label, double weight, AutoResult auto, Double value,
                        boolean overridden) {
    }
}
