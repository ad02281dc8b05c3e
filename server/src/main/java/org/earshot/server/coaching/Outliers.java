package org.earshot.server.coaching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which metrics set an agent apart from the team. The rule:
 * <ul>
 *   <li>only agents with at least a minimum sample of analysed calls ({@value #MIN_CALLS} in
 *       production), and only metrics measured on at least that many of their calls (surveys for
 *       CSAT, answered calls for AHT): a few calls are not a pattern, and a z-score over them is
 *       noise, so below it neither an outlier nor a z is given (the figure is, with its sample);</li>
 *   <li>z = (agent − team) / SD of the per-agent values of the <em>other</em> agents. Leaving the
 *       agent out keeps one extreme agent from inflating the SD until they no longer stand out (with
 *       the SD over all n agents, |z| cannot pass (n−1)/√n, which is 1.5 for a team of four);</li>
 *   <li>the SD is at least the metric's {@link Metric#minSpread()}, and at least {@value #MIN_PEERS}
 *       other agents are needed for it at all;</li>
 *   <li>an outlier is |z| ≥ {@value #Z}.</li>
 * </ul>
 */
final class Outliers {

    /**
     * The minimum sample behind an outlier. Five: with three calls (the demo's analysed calls per agent)
     * one unusual call moved an agent's mean past 1.5 SD of the team on its own.
     */
    static final int MIN_CALLS = 5;
    static final int MIN_PEERS = 3;
    static final double Z = 1.5;

    /** One metric on which an agent stands out. */
    record Found(Metric metric, double value, double team, boolean high, double zScore) {
    }

    private Outliers() {
    }

    /** Each agent's outliers, strongest first; agents without any are left out. */
    static Map<String, List<Found>> find(Map<String, Group> agents, Group team) {
        return find(agents, team, MIN_CALLS);
    }

    /** {@link #find(Map, Group)} with another minimum sample (the tests of the z maths use small teams). */
    static Map<String, List<Found>> find(Map<String, Group> agents, Group team, int minSample) {
        Map<String, List<Found>> found = new HashMap<>();
        for (Metric metric : Metric.COACHED) {
            Double teamValue = team.value(metric);
            if (teamValue == null) {
                continue;
            }
            Map<String, Double> values = qualifying(agents, metric, minSample);
            values.forEach((agent, value) -> {
                Stats others = new Stats();
                values.forEach((other, v) -> {
                    if (!other.equals(agent)) {
                        others.add(v);
                    }
                });
                if (others.n() < MIN_PEERS) {
                    return;
                }
                double z = (value - teamValue) / Math.max(others.sd(), metric.minSpread());
                if (Math.abs(z) >= Z) {
                    found.computeIfAbsent(agent, a -> new ArrayList<>())
                            .add(new Found(metric, value, teamValue, value > teamValue, z));
                }
            });
        }
        found.values().forEach(list -> list.sort(Comparator.comparingDouble((Found f) -> -Math.abs(f.zScore()))));
        return found;
    }

    private static Map<String, Double> qualifying(Map<String, Group> agents, Metric metric, int minSample) {
        Map<String, Double> values = new HashMap<>();
        agents.forEach((agent, group) -> {
            Double value = group.value(metric);
            if (group.analysedCalls() >= minSample && group.count(metric) >= minSample && value != null) {
                values.put(agent, value);
            }
        });
        return values;
    }
}
