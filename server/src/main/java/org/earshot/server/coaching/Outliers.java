package org.earshot.server.coaching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which metrics set an agent apart from the team. The rule:
 * <ul>
 *   <li>only agents with at least {@value #MIN_CALLS} analysed calls, and only metrics measured on at
 *       least {@value #MIN_CALLS} of their calls (surveys for CSAT, answered calls for AHT): one bad
 *       call is not a pattern;</li>
 *   <li>z = (agent − team) / SD of the per-agent values of the <em>other</em> agents. Leaving the
 *       agent out keeps one extreme agent from inflating the SD until they no longer stand out (with
 *       the SD over all n agents, |z| cannot pass (n−1)/√n, which is 1.5 for a team of four);</li>
 *   <li>the SD is at least the metric's {@link Metric#minSpread()}, and at least {@value #MIN_PEERS}
 *       other agents are needed for it at all;</li>
 *   <li>an outlier is |z| ≥ {@value #Z}.</li>
 * </ul>
 */
final class Outliers {

    static final int MIN_CALLS = 3;
    static final int MIN_PEERS = 3;
    static final double Z = 1.5;

    /** One metric on which an agent stands out. */
    record Found(Metric metric, double value, double team, boolean high, double zScore) {
    }

    private Outliers() {
    }

    /** Each agent's outliers, strongest first; agents without any are left out. */
    static Map<String, List<Found>> find(Map<String, Group> agents, Group team) {
        Map<String, List<Found>> found = new HashMap<>();
        for (Metric metric : Metric.COACHED) {
            Double teamValue = team.value(metric);
            if (teamValue == null) {
                continue;
            }
            Map<String, Double> values = qualifying(agents, metric);
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

    private static Map<String, Double> qualifying(Map<String, Group> agents, Metric metric) {
        Map<String, Double> values = new HashMap<>();
        agents.forEach((agent, group) -> {
            Double value = group.value(metric);
            if (group.analysedCalls() >= MIN_CALLS && group.count(metric) >= MIN_CALLS && value != null) {
                values.put(agent, value);
            }
        });
        return values;
    }
}
