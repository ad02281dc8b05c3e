package org.earshot.bench.kpi;

import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.earshot.bench.server.YearOfCalls;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;

/**
 * The post-call surveys of a {@link YearOfCalls}, as deterministic as its calls: 18 % of the answered calls
 * take the survey a minute or so after hanging up; a third of those give only the CSAT question and hang up.
 * Scores lean to the good end as real ones do (CSAT mostly 4–5, NPS mostly 7–10, CES mostly 1–3).
 */
final class YearOfSurveys {

    /** The answers one caller gave (null = not answered), keyed by the call's linkedid as the survey script keys them. */
    record Answers(String linkedId, Integer csat, Integer nps, Integer ces, Instant answeredAt) {
    }

    private static final int[] CSAT_WEIGHTS = {7, 6, 12, 30, 45};
    private static final int[] NPS_WEIGHTS = {3, 2, 2, 3, 3, 5, 7, 12, 18, 20, 25};
    private static final int[] CES_WEIGHTS = {30, 28, 18, 10, 7, 4, 3};

    private final YearOfCalls calls;
    private final long seed;

    YearOfSurveys(YearOfCalls calls, long seed) {
        this.calls = calls;
        this.seed = seed;
    }

    int calls() {
        return calls.size();
    }

    /** The survey of call {@code i}, if its caller took one. */
    Optional<Answers> of(int i) {
        CallRecord call = calls.call(i);
        SplittableRandom r = new SplittableRandom(seed * 0x165667B19E3779F9L + i);
        if (call.outcome() != CallOutcome.ANSWERED || r.nextInt(100) >= 18) {
            return Optional.empty();
        }
        Instant at = call.endedAt().plusSeconds(20 + r.nextInt(90));
        int csat = 1 + weighted(r, CSAT_WEIGHTS);
        if (r.nextInt(3) == 0) {
            return Optional.of(new Answers(call.linkedId(), csat, null, null, at));
        }
        return Optional.of(new Answers(call.linkedId(), csat, weighted(r, NPS_WEIGHTS), 1 + weighted(r, CES_WEIGHTS), at));
    }

    private static int weighted(SplittableRandom r, int[] weights) {
        int sum = 0;
        for (int w : weights) {
            sum += w;
        }
        int pick = r.nextInt(sum);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable: pick < sum of weights");
    }
}
