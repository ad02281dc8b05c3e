package org.earshot.server.coaching;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.earshot.server.coaching.CoachingViews.Example;

/**
 * An agent's calls that show a pattern most strongly: for "high" the calls with the highest value
 * above the team's, for "low" the lowest below it, with the second of the recording where the
 * pattern can be heard (the first interruption the agent made, the longest dead air, the window
 * where sentiment was lowest or highest) when there is one.
 */
final class Examples {

    static final int PER_PATTERN = 3;

    private Examples() {
    }

    /** Up to {@value #PER_PATTERN} of the agent's calls beyond {@code team} in the given direction. */
    static List<Example> of(Metric metric, boolean high, double team, List<CoachingCall> agentCalls) {
        Comparator<CoachingCall> strongest = Comparator.comparingDouble((CoachingCall c) -> metric.of(c));
        return agentCalls.stream()
                // Speech and handle time of a transferred call are not this agent's alone.
                .filter(c -> metric.source() == Metric.Source.SURVEY || c.soleAgent())
                .filter(c -> metric.of(c) != null && (high ? metric.of(c) > team : metric.of(c) < team))
                .sorted((high ? strongest.reversed() : strongest)
                        .thenComparing(CoachingCall::enteredAt, Comparator.reverseOrder()))
                .limit(PER_PATTERN)
                .map(c -> new Example(c.id(), c.enteredAt(), Group.round(metric.of(c), 3), at(metric, high, c),
                        why(metric, c)))
                .toList();
    }

    private static Double at(Metric metric, boolean high, CoachingCall c) {
        return switch (metric) {
            case INTERRUPTIONS_PER_CALL -> c.cue(CallCues::firstAgentInterruptionAt);
            case DEAD_AIR_SECONDS_PER_CALL -> c.cue(CallCues::longestDeadAirStart);
            case CUSTOMER_SENTIMENT -> c.cue(high ? CallCues::customerHighestAt : CallCues::customerLowestAt);
            case AGENT_SENTIMENT -> c.cue(high ? CallCues::agentHighestAt : CallCues::agentLowestAt);
            // A rate, a share or a survey answer belongs to the whole call: no one second shows it.
            default -> null;
        };
    }

    /** One line a trainer reads before opening the call. */
    static String why(Metric metric, CoachingCall c) {
        double v = metric.of(c);
        return switch (metric) {
            case WORDS_PER_MINUTE -> format("agent spoke at %.0f words per minute", v);
            case SYLLABLES_PER_SECOND -> format("agent spoke at %.1f syllables per second", v);
            case INTERRUPTIONS_PER_CALL -> "agent " + times("interrupted", (long) v);
            case CUSTOMER_INTERRUPTIONS_PER_CALL -> "customer " + times("interrupted", (long) v);
            case AGENT_TALK_RATIO -> format("agent did %.0f%% of the talking", v * 100);
            case DEAD_AIR_SECONDS_PER_CALL -> deadAir(c);
            case SILENCE_RATIO -> format("no one spoke for %.0f%% of the call", v * 100);
            case CUSTOMER_SENTIMENT -> format("customer sentiment %.2f over the call", v);
            case AGENT_SENTIMENT -> format("agent sentiment %.2f over the call", v);
            case CSAT -> format("caller rated the call %.0f of 5", v);
            case AHT_SECONDS -> "handle time " + clock(v);
        };
    }

    private static String deadAir(CoachingCall c) {
        int gaps = c.cues().deadAirGaps();
        if (gaps == 0) {
            return "no dead air";
        }
        return format("%.0f s of dead air in %d %s, the longest %.0f s", c.cues().deadAirSeconds(), gaps,
                gaps == 1 ? "gap" : "gaps", c.cues().longestDeadAirSeconds());
    }

    private static String times(String verb, long n) {
        return n == 0 ? "did not " + verb.replaceAll("ed$", "") : n == 1 ? verb + " once" : verb + " " + n + " times";
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
