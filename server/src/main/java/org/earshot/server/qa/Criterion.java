package org.earshot.server.qa;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a scorecard.
 *
 * @param id     unique within its scorecard; reviews refer to it
 * @param label  what a reviewer reads
 * @param weight its share of the score, relative to the other criteria (> 0)
 * @param auto   how the analysis report scores it, or null when only a reviewer does
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Criterion(String id, String label, double weight, AutoRule auto) {

    public Criterion {
        if (id == null || id.isBlank() || id.length() > 60) {
            throw new IllegalArgumentException("id must be 1-60 characters, was '" + id + "'");
        }
        if (label == null || label.isBlank() || label.length() > 200) {
            throw new IllegalArgumentException("label must be 1-200 characters, was '" + label + "'");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be a number > 0, was " + weight);
        }
    }
}
