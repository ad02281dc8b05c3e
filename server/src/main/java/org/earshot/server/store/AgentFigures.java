package org.earshot.server.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * QA figures of one agent's calls in a period.
 *
 * @param toReview       calls of the agent in the review queue still to review
 * @param avgScore       mean score of the reviewed calls (disputed ones wait for the dispute), or null
 * @param lowestScore    lowest score of the reviewed calls, or null
 * @param lastReviewedAt when a review of the agent's calls was last saved as reviewed or disputed, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AgentFigures(String agent, long reviewed, long disputed, long toReview, Double avgScore,
                           Double lowestScore, Instant lastReviewedAt) {
}
