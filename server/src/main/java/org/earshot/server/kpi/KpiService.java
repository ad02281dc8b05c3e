package org.earshot.server.kpi;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.earshot.server.store.AgentIntervalStore;
import org.earshot.server.store.AgentTime;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.KpiRollupStore;
import org.earshot.server.store.KpiSums;
import org.earshot.server.store.OccupancyTime;

/**
 * Computes the SPEC's call-center KPIs for a time range. Whole local months are read from month
 * rollups (rows by day aside), whole local days from day rollups, whole 15-minute buckets from bucket rollups, and only the calls of the partial buckets at the two
 * edges are read one by one; {@link KpiRules} decides what each call adds either way, so the rollups
 * give exactly what the calls give. The definitions, and the choice made at every edge, are in
 * docs/kpis.md.
 */
public final class KpiService {

    private final CallStore calls;
    private final KpiRollupStore rollups;
    private final AgentIntervalStore agentIntervals;
    private final KpiRules rules;
    private final Clock clock;

    public KpiService(CallStore calls, KpiRollupStore rollups, AgentIntervalStore agentIntervals, KpiRules rules,
                      Clock clock) {
        this.calls = calls;
        this.rollups = rollups;
        this.agentIntervals = agentIntervals;
        this.rules = rules;
        this.clock = clock;
    }

    public KpiDefinitions definitions() {
        return rules.definitions();
    }

    /** False while the rollups are rebuilt for changed definitions: figures then come from the calls (slower). */
    public boolean rollupsCurrent() {
        return rollups.current();
    }

    /**
     * The rows of a query and, for rows by agent, what each agent's time went to besides calls
     * (pauses by reason, unanswered rings). An agent who paused or was rung without answering has a
     * row even when they took no call in the range. Other groupings: no agent time.
     */
    public KpiTable computeWithAgentTime(KpiQuery q) {
        if (q.groupBy() != KpiQuery.GroupBy.AGENT) {
            return new KpiTable(compute(q), Map.of());
        }
        Map<String, AgentTime> time = agentTime(q);
        return new KpiTable(rollups.current() ? compute(q, time.keySet()) : computeRaw(q, time.keySet()), time);
    }

    /** The rows of a query, with the agent time of rows by agent, by key (an agent with none is left out). */
    public record KpiTable(List<KpiRow> rows, Map<String, AgentTime> agentTime) {
        public KpiTable {
            rows = List.copyOf(rows);
            agentTime = Map.copyOf(agentTime);
        }
    }

    /**
     * Per agent: pauses by reason (all queues: Earshot keeps one state per agent) and unanswered rings
     * of the calls that entered in the range (of the query's queue, when it has one).
     */
    public Map<String, AgentTime> agentTime(KpiQuery q) {
        return agentIntervals.agentTime(q.agent(), q.queue(), q.from(), q.to(), clock.instant());
    }

    public List<KpiRow> compute(KpiQuery q) {
        return compute(q, java.util.Set.of());
    }

    /** @param agents rows by agent to have even without a call (their figures are zeros) */
    private List<KpiRow> compute(KpiQuery q, java.util.Set<String> agents) {
        if (!rollups.current()) {
            return computeRaw(q, agents);
        }
        Groups groups = new Groups(q);
        boolean byAgent = byAgent(q);
        Instant from = ceilToBucket(q.from());
        Instant to = floorToBucket(q.to());
        if (!from.isBefore(to)) {
            readCalls(q, q.from(), q.to(), groups, NOT_LISTENING);
        } else {
            readCalls(q, q.from(), from, groups, NOT_LISTENING);
            readCalls(q, to, q.to(), groups, NOT_LISTENING);
            Instant firstDay = nextDayStartAtOrAfter(from);
            Instant lastDay = dayStart(to);
            if (q.groupBy() != KpiQuery.GroupBy.HOUR && firstDay.isBefore(lastDay)) {
                readRollups(KpiRollupStore.Grain.BUCKET, q, from, firstDay, groups, byAgent);
                readRollups(KpiRollupStore.Grain.BUCKET, q, lastDay, to, groups, byAgent);
                Instant firstMonth = nextMonthStartAtOrAfter(firstDay);
                Instant lastMonth = monthStart(lastDay);
                if (q.groupBy() != KpiQuery.GroupBy.DAY && firstMonth.isBefore(lastMonth)) {
                    readRollups(KpiRollupStore.Grain.DAY, q, firstDay, firstMonth, groups, byAgent);
                    readRollups(KpiRollupStore.Grain.MONTH, q, firstMonth, lastMonth, groups, byAgent);
                    readRollups(KpiRollupStore.Grain.DAY, q, lastMonth, lastDay, groups, byAgent);
                } else {
                    readRollups(KpiRollupStore.Grain.DAY, q, firstDay, lastDay, groups, byAgent);
                }
            } else {
                readRollups(KpiRollupStore.Grain.BUCKET, q, from, to, groups, byAgent);
            }
        }
        return rows(q, groups, agents);
    }

    /** The figures from the stored calls alone, never from rollups: what rollups must equal (tests, KpiBench). */
    public List<KpiRow> computeRaw(KpiQuery q) {
        return computeRaw(q, java.util.Set.of());
    }

    private List<KpiRow> computeRaw(KpiQuery q, java.util.Set<String> agents) {
        Groups groups = new Groups(q);
        readCalls(q, q.from(), q.to(), groups, NOT_LISTENING);
        return rows(q, groups, agents);
    }

    /**
     * The ids of the calls that one figure of one row counts, newest first: the drill-down of
     * {@code GET /api/kpis}. The row is the one keyed {@code key} among {@code q}'s rows; the calls are
     * the ones the rules counted for the figure, so the list and the figure cannot disagree (a call an
     * agent handled twice after a transfer back is listed once).
     */
    public List<String> callsCounted(KpiQuery q, String key, KpiFigure figure) {
        Map<String, Instant> entered = new HashMap<>();
        Groups groups = new Groups(q);
        readCalls(q, q.from(), q.to(), groups, (f, call) -> {
            if (f == figure && key.equals(groups.key(call.agent(), call.queue(), call.enteredAt()))) {
                entered.put(call.id(), call.enteredAt());
            }
        });
        return entered.entrySet().stream()
                .sorted(Map.Entry.<String, Instant>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    private static final BiConsumer<KpiFigure, KpiCall> NOT_LISTENING = (figure, call) -> { };

    private static boolean byAgent(KpiQuery q) {
        return q.groupBy() == KpiQuery.GroupBy.AGENT || q.agent() != null;
    }

    private void readCalls(KpiQuery q, Instant from, Instant to, Groups groups, BiConsumer<KpiFigure, KpiCall> counted) {
        if (!from.isBefore(to)) {
            return;
        }
        boolean byAgent = byAgent(q);
        calls.forEachCallFacts(from, to, q.queue(), q.agent(), call -> rules.add(call, byAgent, q.agent(),
                part -> groups.sums(part.agent(), part.queue(), part.enteredAt()), counted));
    }

    private void readRollups(KpiRollupStore.Grain grain, KpiQuery q, Instant from, Instant to, Groups groups,
                             boolean byAgent) {
        if (!from.isBefore(to)) {
            return;
        }
        rollups.forEachRow(grain, byAgent, from, to, q.queue(), q.agent(), row -> groups
                .sums(row.agent().isEmpty() ? null : row.agent(), row.queue().isEmpty() ? null : row.queue(), row.start())
                .merge(row.sums()));
    }

    private List<KpiRow> rows(KpiQuery q, Groups groups, java.util.Set<String> agents) {
        agents.forEach(agent -> groups.sums(agent, null, q.from()));
        if (groups.byKey.isEmpty() && q.groupBy() == KpiQuery.GroupBy.NONE) {
            // A range without calls has figures too (nothing offered, occupancy from agent states):
            // the total row is always there, so a dashboard tile at 00:05 shows zeros, not nothing.
            groups.sums(null, null, q.from());
        }
        return withOccupancy(groups.byKey.values().stream().map(g -> KpiRules.row(g.key, g.from, g.to, g.sums)).toList(), q);
    }

    /**
     * Occupancy of each row's agents over the row's time: per agent, or of all agents (queues: not
     * known). One read from the store for all rows: rows by day, hour or month are consecutive ranges.
     */
    private List<KpiRow> withOccupancy(List<KpiRow> rows, KpiQuery q) {
        if (q.groupBy() == KpiQuery.GroupBy.QUEUE || (q.groupBy() != KpiQuery.GroupBy.AGENT && q.queue() != null)) {
            return rows.stream().map(row -> row.withOccupancy(null)).toList();
        }
        Instant now = clock.instant();
        if (q.groupBy() == KpiQuery.GroupBy.AGENT) {
            Map<String, OccupancyTime> byAgent = agentIntervals.occupancyByAgent(q.from(), q.to(), now);
            return rows.stream().map(row -> row.withOccupancy(row.key().isEmpty() ? null : Occupancy.of(byAgent.get(row.key()))))
                    .toList();
        }
        // Rows never overlap, so between consecutive edges of all rows lies one row or a gap without calls.
        java.util.TreeSet<Instant> edges = new java.util.TreeSet<>();
        rows.stream().filter(row -> row.from().isBefore(row.to())).forEach(row -> {
            edges.add(row.from());
            edges.add(row.to());
        });
        List<Instant> bounds = List.copyOf(edges);
        List<OccupancyTime> times = bounds.size() < 2 ? List.of() : agentIntervals.occupancy(q.agent(), bounds, now);
        return rows.stream().map(row -> row.withOccupancy(row.from().isBefore(row.to())
                ? Occupancy.of(times.get(java.util.Collections.binarySearch(bounds, row.from()))) : null)).toList();
    }

    /** One row being summed, and the instants its calls span (a bucket, clipped to the range). */
    private static final class Group {
        final String key;
        final Instant from;
        final Instant to;
        final KpiSums sums = new KpiSums();

        Group(String key, Instant from, Instant to) {
            this.key = key;
            this.from = from;
            this.to = to;
        }
    }

    /** The rows of one query by key, in key order. */
    private final class Groups {
        private final KpiQuery q;
        private final Map<String, Group> byKey = new TreeMap<>();

        Groups(KpiQuery q) {
            this.q = q;
        }

        /** The sums of the row that a call (or rollup row) of this agent and queue, entered at {@code at}, belongs to. */
        KpiSums sums(String agent, String queue, Instant at) {
            return byKey.computeIfAbsent(key(agent, queue, at), key -> group(key, at)).sums;
        }

        String key(String agent, String queue, Instant at) {
            ZonedDateTime local = at.atZone(zone());
            return switch (q.groupBy()) {
                case NONE -> "all";
                case AGENT -> agent == null ? "" : agent;
                case QUEUE -> queue == null ? "" : queue;
                case DAY -> local.toLocalDate().toString();
                // With the offset: when clocks go back, the two 02:00 hours stay two rows.
                case HOUR -> local.truncatedTo(ChronoUnit.HOURS).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                case MONTH -> local.toLocalDate().withDayOfMonth(1).toString().substring(0, 7);
            };
        }

        private Group group(String key, Instant at) {
            ZonedDateTime local = at.atZone(zone());
            ZonedDateTime start;
            ZonedDateTime end;
            switch (q.groupBy()) {
                case DAY -> {
                    start = local.truncatedTo(ChronoUnit.DAYS);
                    end = start.plusDays(1);
                }
                case HOUR -> {
                    start = local.truncatedTo(ChronoUnit.HOURS);
                    end = start.plusHours(1);
                }
                case MONTH -> {
                    start = local.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
                    end = start.plusMonths(1);
                }
                default -> {
                    return new Group(key, q.from(), q.to());
                }
            }
            Instant from = start.toInstant().isBefore(q.from()) ? q.from() : start.toInstant();
            Instant to = end.toInstant().isAfter(q.to()) ? q.to() : end.toInstant();
            return new Group(key, from, to);
        }
    }

    private ZoneId zone() {
        return rules.zone();
    }

    private static Instant floorToBucket(Instant at) {
        long seconds = KpiRollupStore.BUCKET.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    private static Instant ceilToBucket(Instant at) {
        Instant floor = floorToBucket(at);
        return floor.equals(at) ? at : floor.plus(KpiRollupStore.BUCKET);
    }

    private Instant dayStart(Instant at) {
        return at.atZone(zone()).toLocalDate().atStartOfDay(zone()).toInstant();
    }

    private Instant monthStart(Instant at) {
        return at.atZone(zone()).toLocalDate().withDayOfMonth(1).atStartOfDay(zone()).toInstant();
    }

    private Instant nextMonthStartAtOrAfter(Instant at) {
        Instant start = monthStart(at);
        return start.equals(at) ? at : at.atZone(zone()).toLocalDate().withDayOfMonth(1).plusMonths(1)
                .atStartOfDay(zone()).toInstant();
    }

    private Instant nextDayStartAtOrAfter(Instant at) {
        Instant start = dayStart(at);
        return start.equals(at) ? at : at.atZone(zone()).toLocalDate().plusDays(1).atStartOfDay(zone()).toInstant();
    }
}
