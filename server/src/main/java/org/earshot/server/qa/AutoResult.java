package org.earshot.server.qa;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an automatic criterion found in a call's analysis report.
 *
 * @param passed   true or false, or null when the report cannot tell (no transcript, mono recording...)
 * @param evidence what was measured, with times into the call, or why nothing could be
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AutoResult(Boolean passed, String evidence) {

    static AutoResult passed(boolean passed, String evidence) {
        return new AutoResult(passed, evidence);
    }

    static AutoResult unmeasured(String why) {
        return new AutoResult(null, why);
    }

    /** The value the criterion gets from this result: 1 passed, 0 failed, null unmeasured. */
    Double value() {
        return passed == null ? null : passed ? 1.0 : 0.0;
    }
}
