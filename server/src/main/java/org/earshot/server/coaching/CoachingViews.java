package org.earshot.server.coaching;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the coaching API answers (the web UI is written against these names). Unlike the rest of the
 * API, a figure that could not be measured is written as {@code null} rather than left out, so the UI
 * can tell "no data" from a key it does not know; it is never written as 0.
 */
public final class CoachingViews {

    private CoachingViews() {
    }

    /**
     * The coaching figures of an agent or the team over some calls.
     *
     * @param calls         answered calls handled (as the KPIs count them; a transfer counts for each agent)
     * @param analysedCalls calls with an analysis behind the speech figures (for an agent: calls they
     *                      handled alone, since a transferred call's agent channel holds two voices)
     * @param samples       how many calls each figure stands on, by its name ("csat": surveys answered,
     *                      "ahtSeconds": answered calls, a speech figure: analysed calls that measured it)
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Metrics(long calls, long analysedCalls, Double wordsPerMinute, Double syllablesPerSecond,
                          Double interruptionsPerCall, Double agentTalkRatio, Double deadAirSecondsPerCall,
                          Double customerSentiment, Double agentSentiment, Double csat, Double ahtSeconds,
                          Map<String, Long> samples) {
    }

    /** A call that shows a pattern; {@code at} is the second of the recording to open it at, or null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Example(String callId, Instant startedAt, Double value, Double at, String why) {
    }

    /** A metric where the agent stands out from the team; examples only in the per-agent view. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Outlier(String metric, String label, Double value, Double team, String direction, double zScore,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<Example> examples) {
    }

    /** One agent in the team overview. */
    public record AgentSummary(String agent, Metrics metrics, List<Outlier> outliers) {
    }

    /**
     * GET /api/coaching/agents.
     *
     * @param minSample calls a figure needs before it can be an outlier with a z-score
     */
    public record TeamOverview(Instant from, Instant to, int minSample, Metrics team, List<AgentSummary> agents) {
    }

    /** One ISO week (e.g. 2026-W45, starting Monday {@code start}) of the agent against the team. */
    public record Week(String week, LocalDate start, Metrics agent, Metrics team) {
    }

    /** GET /api/coaching/agents/{agent}; {@code examples} holds example calls for every metric. */
    public record AgentReport(String agent, Instant from, Instant to, int minSample, List<Week> weeks, Metrics metrics, Metrics team,
                              List<Outlier> outliers, Map<String, List<Example>> examples) {
    }

    /**
     * How one measured cue differs between the "low" group (low CSAT, or followed by a repeat call)
     * and the "high" one: {@code difference} = low − high, {@code effectSize} is Cohen's d of it.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Cue(String metric, String label, Double low, Double high, Double difference, Double effectSize) {
    }

    /** Two groups of calls compared cue by cue; {@code note} says when the data is too thin to trust. */
    public record Contrast(String definition, long lowCalls, long highCalls, List<Cue> cues,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
    }

    /** GET /api/coaching/patterns. */
    public record Patterns(Instant from, Instant to, Contrast lowCsat, Contrast repeatCalls) {
    }
}
