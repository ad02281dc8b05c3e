package org.earshot.telephony;

import java.time.Instant;
import java.util.Objects;

/**
 * What a caller answered in the post-call survey (FastAGI {@code survey}); a question skipped, or not
 * reached because the caller hung up, is null.
 *
 * @param linkedId the call's linkedid (from the dialplan's {@code linkedid=${CHANNEL(linkedid)}}, else the
 *                 survey channel's uniqueid), to join the answers to the call's {@link CallRecord}
 * @param uniqueId the uniqueid of the channel that ran the survey
 * @param caller   caller id number, or null
 * @param csat     customer satisfaction 1–5
 * @param nps      likelihood to recommend 0–10
 * @param ces      customer effort 1–7
 * @param at       when the answers were saved
 */
public record SurveyAnswers(String linkedId, String uniqueId, String caller, Integer csat, Integer nps, Integer ces,
                            Instant at) {
    public SurveyAnswers {
        Objects.requireNonNull(linkedId, "linkedId");
        Objects.requireNonNull(at, "at");
        check("csat", csat, 1, 5);
        check("nps", nps, 0, 10);
        check("ces", ces, 1, 7);
    }

    /** True when at least one question was answered. */
    public boolean any() {
        return csat != null || nps != null || ces != null;
    }

    private static void check(String name, Integer v, int min, int max) {
        if (v != null && (v < min || v > max)) {
            throw new IllegalArgumentException(name + " must be " + min + "-" + max + ", was " + v);
        }
    }
}
