package org.earshot.server.coaching;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.earshot.server.coaching.CoachingViews.Metrics;

/**
 * The coaching figures of one agent or of the team over some calls, as the calls are added. Speech
 * figures and CSAT are means over calls; handled calls and AHT are the KPI service's, so they match
 * GET /api/kpis to the second (transfers split between agents as the KPIs split them).
 */
final class Group {

    private final Map<Metric, Stats> perCall = new EnumMap<>(Metric.class);
    private long analysedCalls;
    private long handledCalls;
    private double handleSeconds;

    /**
     * Adds a call. For an agent ({@code asAgent}) speech figures come only from calls they handled
     * alone: after a transfer the agent channel carries two agents, and whose interruptions those were
     * cannot be told. The survey belongs to the first agent, as in the KPIs.
     */
    void add(CoachingCall call, boolean asAgent) {
        if (call.analysed() && (!asAgent || call.soleAgent())) {
            analysedCalls++;
            for (Metric m : Metric.values()) {
                if (m.source() == Metric.Source.SPEECH) {
                    stats(m).add(m.of(call));
                }
            }
        }
        stats(Metric.CSAT).add(Metric.CSAT.of(call));
    }

    /** Adds a KPI row's answered calls and their AHT. */
    void addHandled(long answered, Double ahtSeconds) {
        if (answered > 0 && ahtSeconds != null) {
            handledCalls += answered;
            handleSeconds += ahtSeconds * answered;
        }
    }

    Double value(Metric m) {
        if (m.source() == Metric.Source.HANDLE_TIME) {
            return handledCalls == 0 ? null : handleSeconds / handledCalls;
        }
        Stats s = perCall.get(m);
        return s == null ? null : s.mean();
    }

    /** How many calls the metric's value stands on. */
    long count(Metric m) {
        if (m.source() == Metric.Source.HANDLE_TIME) {
            return handledCalls;
        }
        Stats s = perCall.get(m);
        return s == null ? 0 : s.n();
    }

    long analysedCalls() {
        return analysedCalls;
    }

    Metrics view() {
        return new Metrics(handledCalls, analysedCalls, rounded(Metric.WORDS_PER_MINUTE),
                rounded(Metric.SYLLABLES_PER_SECOND), rounded(Metric.INTERRUPTIONS_PER_CALL),
                rounded(Metric.AGENT_TALK_RATIO), rounded(Metric.DEAD_AIR_SECONDS_PER_CALL),
                rounded(Metric.CUSTOMER_SENTIMENT), rounded(Metric.AGENT_SENTIMENT), rounded(Metric.CSAT),
                rounded(Metric.AHT_SECONDS), samples());
    }

    /** The calls behind each figure of {@link #view()}: a mean of 3 calls must not read like one of 140. */
    private Map<String, Long> samples() {
        Map<String, Long> samples = new java.util.LinkedHashMap<>();
        for (Metric m : List.of(Metric.WORDS_PER_MINUTE, Metric.SYLLABLES_PER_SECOND, Metric.INTERRUPTIONS_PER_CALL,
                Metric.AGENT_TALK_RATIO, Metric.DEAD_AIR_SECONDS_PER_CALL, Metric.CUSTOMER_SENTIMENT,
                Metric.AGENT_SENTIMENT, Metric.CSAT, Metric.AHT_SECONDS)) {
            samples.put(m.key(), count(m));
        }
        return samples;
    }

    private Double rounded(Metric m) {
        return round(value(m), 3);
    }

    private Stats stats(Metric m) {
        return perCall.computeIfAbsent(m, k -> new Stats());
    }

    static Double round(Double value, int decimals) {
        if (value == null) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
