package org.earshot.server.coaching;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.earshot.server.coaching.CoachingViews.AgentReport;
import org.earshot.server.coaching.CoachingViews.AgentSummary;
import org.earshot.server.coaching.CoachingViews.Contrast;
import org.earshot.server.coaching.CoachingViews.Example;
import org.earshot.server.coaching.CoachingViews.Outlier;
import org.earshot.server.coaching.CoachingViews.Patterns;
import org.earshot.server.coaching.CoachingViews.TeamOverview;
import org.earshot.server.coaching.CoachingViews.Week;
import org.earshot.server.kpi.KpiQuery;
import org.earshot.server.kpi.KpiRow;
import org.earshot.server.kpi.KpiService;
import org.earshot.server.store.CallStore;

/**
 * What trainers see: every agent against the team over a range, one agent week by week with the
 * calls behind their outliers, and the cues that go with low CSAT and repeat calls.
 *
 * <pre>{@code
 * var calls    = rangeCalls.load(from, to);       // calls + survey + cached report cues
 * var team     = team(calls, from, to);           // per-agent and team figures, AHT from the KPIs
 * var outliers = Outliers.find(team.agents(), team.all());
 * }</pre>
 */
public final class CoachingService {

    static final String LOW_CSAT = "CSAT ≤ 2 vs CSAT ≥ 4";
    static final String REPEAT_CALLS = "caller called again within the repeat window vs not";

    private final KpiService kpis;
    private final RangeCalls rangeCalls;
    private final RepeatCalls repeats;
    private final IsoWeeks weeks;
    private final Clock clock;
    private final int minSample;

    public CoachingService(CallStore calls, KpiService kpis, Clock clock) {
        this(calls, kpis, clock, CueCache.DEFAULT_CAPACITY, Outliers.MIN_CALLS);
    }

    /** @param minSample calls an outlier needs at least (production: {@link Outliers#MIN_CALLS}) */
    CoachingService(CallStore calls, KpiService kpis, Clock clock, int cacheCapacity, int minSample) {
        this.kpis = kpis;
        this.rangeCalls = new RangeCalls(calls, new CueCache(calls, cacheCapacity));
        this.repeats = new RepeatCalls(kpis.definitions());
        this.weeks = new IsoWeeks(kpis.definitions().zone());
        this.clock = clock;
        this.minSample = minSample;
    }

    /** The KPI time zone: weeks and date parameters follow it. */
    public ZoneId zone() {
        return kpis.definitions().zone();
    }

    /** Every agent with calls in [from, to) against the team, with their outliers. */
    public TeamOverview agents(Instant from, Instant to) {
        Team team = team(rangeCalls.load(from, to), from, to);
        Map<String, List<Outliers.Found>> outliers = Outliers.find(team.agents(), team.all(), minSample);
        List<AgentSummary> agents = team.agents().entrySet().stream()
                .map(e -> new AgentSummary(e.getKey(), e.getValue().view(),
                        outliers.getOrDefault(e.getKey(), List.of()).stream().map(f -> view(f, null)).toList()))
                .toList();
        return new TeamOverview(from, to, minSample, team.all().view(), agents);
    }

    /** One agent week by week against the team, with example calls; empty when the agent had no call. */
    public Optional<AgentReport> agent(String agent, Instant from, Instant to) {
        List<CoachingCall> calls = rangeCalls.load(from, to);
        Team team = team(calls, from, to);
        Group mine = team.agents().get(agent);
        if (mine == null) {
            return Optional.empty();
        }
        List<CoachingCall> agentCalls = calls.stream().filter(c -> agent.equals(c.agent())).toList();
        List<Outliers.Found> found = Outliers.find(team.agents(), team.all(), minSample).getOrDefault(agent, List.of());
        List<Outlier> outliers = found.stream()
                .map(f -> view(f, Examples.of(f.metric(), f.high(), f.team(), agentCalls))).toList();
        Map<String, List<Example>> examples = new LinkedHashMap<>();
        for (Metric metric : Metric.COACHED) {
            examples.put(metric.key(), examples(metric, mine, team.all(), found, agentCalls));
        }
        return Optional.of(new AgentReport(agent, from, to, minSample, weeks(agent, calls, from, to), mine.view(),
                team.all().view(), outliers, examples));
    }

    /** Which measured cues differ between low- and high-CSAT calls, and between repeated and resolved ones. */
    public Patterns patterns(Instant from, Instant to) {
        List<CoachingCall> analysed = rangeCalls.load(from, to).stream()
                .filter(c -> c.analysed() && c.answered()).toList();
        Contrast csat = CueContrast.compare(LOW_CSAT,
                analysed.stream().filter(c -> c.csat() != null && c.csat() <= 2).toList(),
                analysed.stream().filter(c -> c.csat() != null && c.csat() >= 4).toList(),
                "calls with CSAT ≤ 2: %d, with CSAT ≥ 4: %d",
                "no analysed call in this range has a CSAT answer of 1, 2, 4 or 5");
        Map<String, Boolean> repeated = repeats.of(analysed, clock.instant());
        Contrast repeat = CueContrast.compare(REPEAT_CALLS,
                analysed.stream().filter(c -> Boolean.TRUE.equals(repeated.get(c.id()))).toList(),
                analysed.stream().filter(c -> Boolean.FALSE.equals(repeated.get(c.id()))).toList(),
                "calls followed by a repeat call: %d, not followed: %d",
                "no analysed call in this range is from a known caller whose repeat window has ended");
        return new Patterns(from, to, csat, repeat);
    }

    /** Per-agent and team figures of a range's calls. */
    private record Team(Group all, Map<String, Group> agents) {
    }

    private Team team(List<CoachingCall> calls, Instant from, Instant to) {
        Group all = new Group();
        Map<String, Group> agents = new TreeMap<>();
        for (CoachingCall call : calls) {
            all.add(call, false);
            if (call.agent() != null) {
                agents.computeIfAbsent(call.agent(), a -> new Group()).add(call, true);
            }
        }
        for (KpiRow row : kpis.compute(new KpiQuery(from, to, KpiQuery.GroupBy.AGENT, null, null))) {
            if (!row.key().isEmpty()) {
                agents.computeIfAbsent(row.key(), a -> new Group()).addHandled(row.answered(), row.ahtSeconds());
            }
        }
        kpis.compute(new KpiQuery(from, to, KpiQuery.GroupBy.NONE, null, null))
                .forEach(row -> all.addHandled(row.answered(), row.ahtSeconds()));
        return new Team(all, agents);
    }

    /** Every ISO week the range touches, empty weeks included so a chart keeps its time axis. */
    private List<Week> weeks(String agent, List<CoachingCall> calls, Instant from, Instant to) {
        Map<String, Group> mine = new HashMap<>();
        Map<String, Group> team = new HashMap<>();
        for (CoachingCall call : calls) {
            String week = weeks.key(call.enteredAt());
            team.computeIfAbsent(week, w -> new Group()).add(call, false);
            if (agent.equals(call.agent())) {
                mine.computeIfAbsent(week, w -> new Group()).add(call, true);
            }
        }
        // AHT per week from the KPIs' day rows (days are in the same zone), weighted by answered calls.
        for (KpiRow row : kpis.compute(new KpiQuery(from, to, KpiQuery.GroupBy.DAY, null, null))) {
            team.computeIfAbsent(IsoWeeks.key(LocalDate.parse(row.key())), w -> new Group())
                    .addHandled(row.answered(), row.ahtSeconds());
        }
        for (KpiRow row : kpis.compute(new KpiQuery(from, to, KpiQuery.GroupBy.DAY, null, agent))) {
            mine.computeIfAbsent(IsoWeeks.key(LocalDate.parse(row.key())), w -> new Group())
                    .addHandled(row.answered(), row.ahtSeconds());
        }
        return weeks.starts(from, to).stream().map(monday -> {
            String week = IsoWeeks.key(monday);
            return new Week(week, monday, mine.getOrDefault(week, new Group()).view(),
                    team.getOrDefault(week, new Group()).view());
        }).toList();
    }

    /**
     * Example calls for a metric: in the outlier's direction, or else the side of the team the agent
     * is on; none when the agent has no value for it.
     */
    private static List<Example> examples(Metric metric, Group mine, Group team, List<Outliers.Found> found,
                                          List<CoachingCall> agentCalls) {
        Double value = mine.value(metric);
        Double teamValue = team.value(metric);
        if (value == null || teamValue == null) {
            return List.of();
        }
        boolean high = found.stream().filter(f -> f.metric() == metric).findFirst()
                .map(Outliers.Found::high).orElse(value >= teamValue);
        return Examples.of(metric, high, teamValue, agentCalls);
    }

    private static Outlier view(Outliers.Found f, List<Example> examples) {
        return new Outlier(f.metric().key(), f.metric().label(), Group.round(f.value(), 3), Group.round(f.team(), 3),
                f.high() ? "high" : "low", Group.round(f.zScore(), 2), examples);
    }
}
