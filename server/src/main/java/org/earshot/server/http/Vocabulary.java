package org.earshot.server.http;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.search.CallQuery;
import org.earshot.server.qa.ReviewInput;
import org.earshot.telephony.CallOutcome;

/**
 * The words the API takes and gives, served so the web UI builds its lists from them and never
 * keeps a second copy that drifts (it once offered outcome {@code timed-out}, which the API calls
 * {@code timeout}, and left out {@code exit-with-key}): GET /api/vocabulary.
 *
 * @param outcomes       every call outcome, as GET /api/calls takes and gives it (telephony's {@link CallOutcome})
 * @param flags          every analysis flag GET /api/calls can filter on, with what it means
 * @param reviewStatuses the statuses of a QA review
 * @param timeZone       the zone of the days in {@code from} / {@code to} and of KPI rows
 */
record Vocabulary(List<String> outcomes, List<Flag> flags, List<String> reviewStatuses, String timeZone) {

    /** An analysis flag and, for people, what raises it. */
    record Flag(String key, String description) {
    }

    // What each flag means, in a supervisor's words (README, "Call-level flags").
    private static final Map<String, String> FLAG_TEXT = Map.of(
            "customer-negative", "The customer came across as negative overall (words and tone).",
            "agent-negative", "The agent came across as negative overall.",
            "escalation", "Someone used an escalation word, such as \"supervisor\", \"cancel\" or \"complaint\".",
            "long-dead-air", "There was a long silence with nobody speaking.",
            "frequent-interruptions", "The two parties often talked over each other.");

    static Vocabulary of(ZoneId zone) {
        Map<String, String> flags = new LinkedHashMap<>();
        CallQuery.FLAGS.forEach(flag -> flags.put(flag, FLAG_TEXT.getOrDefault(flag, flag)));
        return new Vocabulary(Arrays.stream(CallOutcome.values()).map(CallOutcome::key).toList(),
                flags.entrySet().stream().map(e -> new Flag(e.getKey(), e.getValue())).toList(),
                ReviewInput.STATUSES.stream().sorted(Vocabulary::reviewOrder).toList(), zone.getId());
    }

    /** Review statuses in the order a review goes through them. */
    private static int reviewOrder(String a, String b) {
        List<String> order = List.of("to-review", "reviewed", "disputed");
        return Integer.compare(order.indexOf(a), order.indexOf(b));
    }
}
