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

    /** Far above any real scorecard's points. */
    public static final double MAX_WEIGHT = 1000;

    public Criterion {
        if (id == null || id.isBlank() || id.length() > 60) {
            throw new IllegalArgumentException("id must be 1-60 characters, was '" + id + "'");
        }
        if (label == null || label.isBlank() || label.length() > 200) {
            throw new IllegalArgumentException("label must be 1-200 characters, was '" + label + "'");
        }
        // Weights are relative points; a bound keeps their sum finite (1e308 + 1e308 made every score 0).
        if (!(weight > 0) || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight must be a number > 0 and <= " + (int) MAX_WEIGHT + ", was " + weight);
        }
    }
}
