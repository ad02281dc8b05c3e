package org.earshot.server.qa;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.earshot.server.store.Note;

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
     * @param source     where the value comes from, so an automatic result can be told from an override:
     *                   {@value #AUTO} (the automatic result stands), {@value #OVERRIDE} (a reviewer replaced
     *                   it) or {@value #REVIEWER} (a criterion only a reviewer scores)
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Score(String criterionId, String label, double weight, AutoResult auto, Double value,
                        boolean overridden, String source) {

        public static final String AUTO = "auto";
        public static final String OVERRIDE = "override";
        public static final String REVIEWER = "reviewer";

        public Score(String criterionId, String label, double weight, AutoResult auto, Double value, boolean overridden) {
            this(criterionId, label, weight, auto, value, overridden, auto == null ? REVIEWER : overridden ? OVERRIDE : AUTO);
        }
    }
}
