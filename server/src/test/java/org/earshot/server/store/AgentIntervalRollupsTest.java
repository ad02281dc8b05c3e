package org.earshot.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.earshot.server.store.AgentIntervalStore.Interval;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The occupancy rollups answer exactly what the raw intervals give (the loop kpi.Occupancy ran
 * before the rollups, kept here as {@link #raw}), to the millisecond: random state changes of
 * several agents across local midnights and both DST changes of 2026 in Europe/Berlin, in
 * Asia/Kathmandu (+05:45) and America/St_Johns (-03:30 / -02:30), with restarts that close every
 * open interval, agents left open at the end, and ranges whose edges fall inside buckets.
 */
class AgentIntervalRollupsTest {

    private static final String[] ACTIVITIES = {"available", "ringing", "on-call", "on-hold", "wrap-up", "paused", "logged-out"};
    private static final List<String> AGENTS = List.of("Alice", "Bob", "Carol", "Dan");

    @TempDir
    Path dir;

    static Stream<Arguments> databasesAndZones() {
        return TestDatabase.kinds().stream().flatMap(kind -> Stream.of("Europe/Berlin", "Asia/Kathmandu", "America/St_Johns")
                .map(zone -> Arguments.of(kind, zone)));
    }

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("databasesAndZones")
    void rollupsAnswerWhatTheRawIntervalsGiveToTheMillisecond(String kind, String zoneId) throws Exception {
        ZoneId zone = ZoneId.of(zoneId);
        Random random = new Random(zoneId.hashCode());
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            AgentIntervalStore store = new AgentIntervalStore(db, zone);
            Instant end = recordShifts(store, zone, random);
            Instant now = end.plusMillis(random.nextInt(3_600_000));

            assertAnswersEqualRaw(store, zone, now, random);

            store.rebuildRollups();
            assertThat(store.rollupsCurrent()).isTrue();
            assertAnswersEqualRaw(store, zone, now, random);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReaderInAnotherZoneIsAnsweredFromTheBucketsUntilTheRollupsAreRebuiltForIt(String kind) throws Exception {
        Random random = new Random(7);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            Instant end = recordShifts(new AgentIntervalStore(db, berlin), berlin, random);
            AgentIntervalStore elsewhere = new AgentIntervalStore(db, kathmandu);

            assertThat(elsewhere.rollupsCurrent()).isFalse();
            assertAnswersEqualRaw(elsewhere, kathmandu, end, random);

            elsewhere.rebuildRollups();
            assertThat(elsewhere.rollupsCurrent()).isTrue();
            assertThat(new AgentIntervalStore(db, berlin).rollupsCurrent()).isFalse();
            assertAnswersEqualRaw(elsewhere, kathmandu, end, random);
            // A writer keeps the days in the zone they were built for, whatever its own.
            recordShifts(new AgentIntervalStore(db, berlin), berlin, new Random(8), end.plus(Duration.ofDays(2)));
            assertAnswersEqualRaw(elsewhere, kathmandu, end.plus(Duration.ofDays(60)), random);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void intervalsStoredBeforeTheRollupsAreCountedFromTheRawIntervalsUntilRebuilt(String kind) throws Exception {
        Random random = new Random(11);
        ZoneId zone = ZoneId.of("Europe/Berlin");
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            AgentIntervalStore store = new AgentIntervalStore(db, zone);
            Instant end = recordShifts(store, zone, random);
            // What V11 finds on a database that already had intervals: no rollups, not built.
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM agent_interval_buckets");
                s.executeUpdate("DELETE FROM agent_interval_days");
                s.executeUpdate("UPDATE agent_interval_rollup_state SET built = FALSE, day_zone = NULL");
            }

            assertThat(store.rollupsCurrent()).isFalse();
            assertAnswersEqualRaw(store, zone, end, random);

            store.rebuildRollups();
            assertThat(store.rollupsCurrent()).isTrue();
            assertAnswersEqualRaw(store, zone, end, random);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoNodesWritingAtOnceLoseNoTime(String kind) throws Exception {
        ZoneId zone = ZoneId.of("Europe/Berlin");
        try (TestDatabase test = TestDatabase.create(kind, dir); Database one = test.open(); Database two = kind.equals("h2") ? one : test.open()) {
            List<AgentIntervalStore> nodes = List.of(new AgentIntervalStore(one, zone), new AgentIntervalStore(two, zone));
            Instant start = LocalDateTime.of(2026, 10, 24, 22, 0).atZone(zone).toInstant();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    AgentIntervalStore node = nodes.get(w % 2);
                    String agent = AGENTS.get(w);
                    Random random = new Random(w);
                    writers.add(pool.submit(() -> {
                        go.await();
                        // Every writer's intervals share the same buckets and days (other agents).
                        Instant at = start;
                        for (int i = 0; i < 150; i++) {
                            node.record(agent, ACTIVITIES[i % 5], at);
                            at = at.plusMillis(1 + random.nextInt(600_000));
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> writer : writers) {
                    writer.get();
                }
            } finally {
                pool.shutdown();
            }
            assertAnswersEqualRaw(nodes.get(0), zone, start.plus(Duration.ofDays(2)), new Random(3));
        }
    }

    /** Random shifts of every agent over a week around each DST change of 2026; returns the last change. */
    private static Instant recordShifts(AgentIntervalStore store, ZoneId zone, Random random) {
        return recordShifts(store, zone, random, LocalDateTime.of(2026, 3, 26, 6, 0).atZone(zone).toInstant());
    }

    private static Instant recordShifts(AgentIntervalStore store, ZoneId zone, Random random, Instant from) {
        record Change(String agent, String activity, Instant at) {
        }
        List<Change> changes = new ArrayList<>();
        Instant autumn = LocalDateTime.of(2026, 10, 22, 6, 0).atZone(zone).toInstant();
        for (String agent : AGENTS) {
            Instant at = from.plusMillis(random.nextInt(3_600_000));
            for (int i = 0; i < 120; i++) {
                at = at.plus(gap(random, zone, at));
                if (i == 60 && at.isBefore(autumn)) {
                    // Off from spring to autumn; the first agent first stays available for ten days, an
                    // interval over both edges of many ranges.
                    if (agent.equals(AGENTS.get(0))) {
                        changes.add(new Change(agent, "available", at));
                        at = at.plus(Duration.ofDays(10));
                    }
                    changes.add(new Change(agent, "logged-out", at));
                    at = autumn.plusMillis(random.nextInt(86_400_000));
                }
                changes.add(new Change(agent, ACTIVITIES[random.nextInt(ACTIVITIES.length)], at));
            }
        }
        changes.sort((x, y) -> x.at().compareTo(y.at()));
        Instant restart = changes.get(changes.size() / 3).at();
        boolean restarted = false;
        for (Change c : changes) {
            if (!restarted && c.at().isAfter(restart)) {
                store.closeOpen(restart);   // Earshot restarted: every open interval ends there
                restarted = true;
            }
            store.record(c.agent(), c.activity(), c.at());
        }
        return changes.get(changes.size() - 1).at();
    }

    /** Mostly minutes; now and then exactly onto a bucket start or a local midnight, or across a night. */
    private static Duration gap(Random random, ZoneId zone, Instant at) {
        return switch (random.nextInt(8)) {
            case 0 -> Duration.ofMillis(OccupancyRules.BUCKET_MILLIS - Math.floorMod(at.toEpochMilli(), OccupancyRules.BUCKET_MILLIS));
            case 1 -> Duration.between(at, at.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant());
            case 2 -> Duration.ofHours(8 + random.nextInt(20)).plusMillis(random.nextInt(1000));
            case 3 -> Duration.ofMillis(1 + random.nextInt(2000));
            default -> Duration.ofMillis(random.nextInt(40 * 60_000) + 1);
        };
    }

    private static void assertAnswersEqualRaw(AgentIntervalStore store, ZoneId zone, Instant now, Random random) {
        List<Interval> intervals = store.overlapping(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
        Instant first = intervals.get(0).start();
        for (List<Instant> bounds : rangeSets(zone, first, now, random)) {
            for (String agent : Stream.concat(Stream.of((String) null), AGENTS.stream()).toList()) {
                List<OccupancyTime> expected = new ArrayList<>();
                for (int i = 0; i + 1 < bounds.size(); i++) {
                    expected.add(raw(intervals, agent, bounds.get(i), bounds.get(i + 1), now));
                }
                assertThat(store.occupancy(agent, bounds, now)).as("%s over %s", agent, bounds).isEqualTo(expected);
            }
            Instant from = bounds.get(0);
            Instant to = bounds.get(bounds.size() - 1);
            Map<String, OccupancyTime> expected = new HashMap<>();
            for (String agent : AGENTS) {
                OccupancyTime time = raw(intervals, agent, from, to, now);
                if (!time.equals(OccupancyTime.NONE)) {
                    expected.put(agent, time);
                }
            }
            Map<String, OccupancyTime> byAgent = new HashMap<>(store.occupancyByAgent(from, to, now));
            byAgent.values().removeIf(OccupancyTime.NONE::equals);
            assertThat(byAgent).as("by agent over [%s, %s)", from, to).isEqualTo(expected);
        }
    }

    /** Local days, local hours, one long range, ranges inside one bucket and random ones, all from first - 1 day to now + 1 day. */
    private static List<List<Instant>> rangeSets(ZoneId zone, Instant first, Instant now, Random random) {
        List<List<Instant>> sets = new ArrayList<>();
        LocalDate firstDay = first.atZone(zone).toLocalDate().minusDays(1);
        LocalDate lastDay = now.atZone(zone).toLocalDate().plusDays(2);
        List<Instant> days = new ArrayList<>();
        for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
            days.add(d.atStartOfDay(zone).toInstant());
        }
        sets.add(days);
        sets.add(List.of(days.get(0), days.get(days.size() - 1)));
        for (int i = 0; i < 6; i++) {
            Instant day = days.get(random.nextInt(days.size() - 3));
            List<Instant> hours = new ArrayList<>();
            for (ZonedDateTime h = day.atZone(zone); h.toInstant().isBefore(day.plus(Duration.ofDays(2))); h = h.plusHours(1)) {
                hours.add(h.toInstant());
            }
            sets.add(hours);
        }
        long span = days.get(days.size() - 1).toEpochMilli() - days.get(0).toEpochMilli();
        for (int i = 0; i < 40; i++) {
            long a = days.get(0).toEpochMilli() + (long) (random.nextDouble() * span);
            long bucket = OccupancyRules.bucketOf(a);
            TreeSet<Long> edges = new TreeSet<>();
            edges.add(a);
            switch (i % 4) {
                case 0 -> edges.add(bucket + 1 + random.nextInt((int) OccupancyRules.BUCKET_MILLIS - 1));   // inside one bucket
                case 1 -> edges.add(a + (long) (random.nextDouble() * 40 * 86_400_000L));                 // days, partial edges
                case 2 -> {                                                                                // a few random rows
                    for (int k = 0; k < 5; k++) {
                        edges.add(a + random.nextInt(3 * 86_400_000));
                    }
                }
                default -> edges.add(a + random.nextInt(7_200_000) + 1);                                   // within hours
            }
            if (edges.size() > 1) {
                sets.add(edges.stream().map(Instant::ofEpochMilli).toList());
            }
        }
        return sets;
    }

    /** What kpi.Occupancy computed from the raw intervals before the rollups (an open interval lasts till now). */
    private static OccupancyTime raw(List<Interval> intervals, String agent, Instant from, Instant to, Instant now) {
        long handling = 0;
        long loggedIn = 0;
        for (Interval i : intervals) {
            if (agent != null && !agent.equals(i.agent())) {
                continue;
            }
            Instant start = i.start().isAfter(from) ? i.start() : from;
            Instant end = i.end() == null ? now : i.end();
            end = end.isBefore(to) ? end : to;
            if (!end.isAfter(start)) {
                continue;
            }
            long millis = Duration.between(start, end).toMillis();
            if (List.of("available", "ringing", "on-call", "on-hold", "wrap-up").contains(i.activity())) {
                loggedIn += millis;
            }
            if (List.of("on-call", "on-hold", "wrap-up").contains(i.activity())) {
                handling += millis;
            }
        }
        return new OccupancyTime(handling, loggedIn);
    }
}
