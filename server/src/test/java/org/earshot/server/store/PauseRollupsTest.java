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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pause figures (time per reason, pauses begun, longest) from the day rollups equal a recount
 * of the pauses the test itself recorded, to the millisecond: random pauses of several agents with
 * several reasons across local midnights and the DST changes of 2026, ranges whose edges fall inside
 * days, pauses still open at "now"; after a rebuild, and on a database whose pauses predate V17.
 */
class PauseRollupsTest {

    private static final String[] ACTIVITIES = {"available", "on-call", "paused", "paused", "wrap-up", "logged-out"};
    private static final String[] REASONS = {"break", "lunch", "meeting", null};
    private static final List<String> AGENTS = List.of("Alice", "Bob", "Carol");

    @TempDir
    Path dir;

    /** What the test recorded: one agent's stretch, [start, end) (end null: still open). */
    private record Stretch(String agent, String activity, String reason, Instant start, Instant end) {
    }

    static Stream<Arguments> databasesAndZones() {
        return TestDatabase.kinds().stream().flatMap(kind -> Stream.of("Europe/Berlin", "America/St_Johns")
                .map(zone -> Arguments.of(kind, zone)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("databasesAndZones")
    void rollupsGiveWhatTheRecordedPausesGiveToTheMillisecond(String kind, String zoneId) throws Exception {
        ZoneId zone = ZoneId.of(zoneId);
        Random random = new Random(zoneId.hashCode());
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            AgentIntervalStore store = new AgentIntervalStore(db, zone);
            List<Stretch> stretches = record(store, zone, random, LocalDateTime.of(2026, 3, 27, 7, 0).atZone(zone).toInstant());
            stretches.addAll(record(store, zone, random, LocalDateTime.of(2026, 10, 23, 7, 0).atZone(zone).toInstant()));
            Instant now = stretches.stream().map(Stretch::start).max(Instant::compareTo).orElseThrow().plusSeconds(1800);
            assertThat(store.rollupsCurrent()).isTrue();

            assertEqualsRecount(store, stretches, zone, now, random);

            store.rebuildRollups();
            assertEqualsRecount(store, stretches, zone, now, random);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("databasesAndZones")
    void pausesStoredBeforeTheRollupsAreReadRawUntilRebuiltThenFromTheRollups(String kind, String zoneId) throws Exception {
        ZoneId zone = ZoneId.of(zoneId);
        Random random = new Random(5);
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            AgentIntervalStore store = new AgentIntervalStore(db, zone);
            List<Stretch> stretches = record(store, zone, random, LocalDateTime.of(2026, 3, 27, 7, 0).atZone(zone).toInstant());
            Instant now = stretches.get(stretches.size() - 1).start().plusSeconds(60);
            // What V17 finds on a database whose intervals predate it: no day rows, not built.
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM agent_pause_days");
                s.executeUpdate("UPDATE agent_pause_rollup_state SET built = FALSE, day_zone = NULL");
            }
            assertThat(store.rollupsCurrent()).isFalse();
            assertEqualsRecount(store, stretches, zone, now, random);

            store.rebuildRollups();

            assertThat(store.rollupsCurrent()).isTrue();
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT COUNT(*) FROM agent_pause_days")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the rebuild wrote day rows").isPositive();
            }
            assertEqualsRecount(store, stretches, zone, now, random);
        }
    }

    /** Random changes of every agent over four days from {@code from}, each one a change of activity or reason. */
    private static List<Stretch> record(AgentIntervalStore store, ZoneId zone, Random random, Instant from) {
        record Change(String agent, String activity, String reason, Instant at) {
        }
        List<Change> changes = new ArrayList<>();
        for (String agent : AGENTS) {
            Instant at = from.plusMillis(random.nextInt(3_600_000));
            String activity = null;
            String reason = null;
            for (int i = 0; i < 90; i++) {
                String nextActivity;
                String nextReason;
                do {
                    nextActivity = ACTIVITIES[random.nextInt(ACTIVITIES.length)];
                    nextReason = nextActivity.equals("paused") ? REASONS[random.nextInt(REASONS.length)] : null;
                } while (nextActivity.equals(activity) && Objects.equals(nextReason, reason));
                activity = nextActivity;
                reason = nextReason;
                changes.add(new Change(agent, activity, reason, at));
                at = at.plus(gap(random, zone, at));
            }
        }
        changes.sort((x, y) -> x.at().compareTo(y.at()));
        for (Change c : changes) {
            store.record(c.agent(), c.activity(), c.reason(), c.at());
        }
        List<Stretch> stretches = new ArrayList<>();
        for (String agent : AGENTS) {
            List<Change> own = changes.stream().filter(c -> c.agent().equals(agent)).toList();
            for (int i = 0; i < own.size(); i++) {
                Change c = own.get(i);
                stretches.add(new Stretch(agent, c.activity(), c.reason(), c.at(), i + 1 < own.size() ? own.get(i + 1).at() : null));
            }
        }
        return stretches;
    }

    /** Mostly minutes; now and then exactly onto a local midnight, across a night, or a blink. */
    private static Duration gap(Random random, ZoneId zone, Instant at) {
        return switch (random.nextInt(7)) {
            case 0 -> Duration.between(at, at.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant());
            case 1 -> Duration.ofHours(6 + random.nextInt(20)).plusMillis(random.nextInt(1000));
            case 2 -> Duration.ofMillis(1 + random.nextInt(2000));
            default -> Duration.ofMillis(random.nextInt(50 * 60_000) + 1);
        };
    }

    private static void assertEqualsRecount(AgentIntervalStore store, List<Stretch> stretches, ZoneId zone, Instant now,
                                            Random random) {
        Instant first = stretches.stream().map(Stretch::start).min(Instant::compareTo).orElseThrow();
        LocalDate day = first.atZone(zone).toLocalDate().minusDays(1);
        LocalDate lastDay = now.atZone(zone).toLocalDate().plusDays(1);
        List<Instant[]> ranges = new ArrayList<>();
        ranges.add(new Instant[] {day.atStartOfDay(zone).toInstant(), lastDay.atStartOfDay(zone).toInstant()});
        for (LocalDate d = day; d.isBefore(lastDay); d = d.plusDays(1)) {
            ranges.add(new Instant[] {d.atStartOfDay(zone).toInstant(), d.plusDays(1).atStartOfDay(zone).toInstant()});
        }
        long span = Duration.between(first, now).toMillis() + 86_400_000L;
        for (int i = 0; i < 24; i++) {
            Instant a = first.minusSeconds(43_200).plusMillis((long) (random.nextDouble() * span));
            Instant b = a.plusMillis(1 + (long) (random.nextDouble() * (i % 2 == 0 ? 3_600_000L : 4 * 86_400_000L)));
            ranges.add(new Instant[] {a, b});
        }
        ranges.add(new Instant[] {now.minusSeconds(3600), now.plusSeconds(3600)});
        for (Instant[] range : ranges) {
            for (String agent : Stream.concat(Stream.of((String) null), AGENTS.stream()).toList()) {
                Map<String, List<PauseTime>> expected = recount(stretches, agent, range[0], range[1], now);
                assertThat(pauses(store.agentTime(agent, null, range[0], range[1], now)))
                        .as("%s over [%s, %s)", agent, range[0], range[1]).isEqualTo(expected);
                assertThat(pauses(store.agentTimeFromIntervals(agent, null, range[0], range[1], now)))
                        .as("raw, %s over [%s, %s)", agent, range[0], range[1]).isEqualTo(expected);
            }
        }
    }

    private static Map<String, List<PauseTime>> pauses(Map<String, AgentTime> byAgent) {
        Map<String, List<PauseTime>> pauses = new TreeMap<>();
        byAgent.forEach((agent, time) -> {
            if (!time.pauses().isEmpty()) {
                pauses.put(agent, time.pauses());
            }
        });
        return pauses;
    }

    /** The definition, from the test's own stretches: time inside the range; pauses begun in it, counted and measured whole. */
    private static Map<String, List<PauseTime>> recount(List<Stretch> stretches, String agent, Instant from, Instant to,
                                                        Instant now) {
        Map<String, Map<String, long[]>> sums = new TreeMap<>();
        for (Stretch s : stretches) {
            if (!s.activity().equals("paused") || (agent != null && !agent.equals(s.agent()))) {
                continue;
            }
            long start = s.start().toEpochMilli();
            long end = (s.end() == null ? now : s.end()).toEpochMilli();
            if (end <= start) {
                continue;
            }
            long inside = Math.min(end, to.toEpochMilli()) - Math.max(start, from.toEpochMilli());
            boolean begun = !s.start().isBefore(from) && s.start().isBefore(to);
            if (inside <= 0 && !begun) {
                continue;
            }
            long[] sum = sums.computeIfAbsent(s.agent(), a -> new TreeMap<>())
                    .computeIfAbsent(s.reason() == null ? "" : s.reason(), r -> new long[3]);
            sum[0] += Math.max(0, inside);
            if (begun) {
                sum[1]++;
                sum[2] = Math.max(sum[2], end - start);
            }
        }
        Map<String, List<PauseTime>> expected = new TreeMap<>();
        sums.forEach((a, reasons) -> expected.put(a, reasons.entrySet().stream()
                .map(e -> new PauseTime(e.getKey().isEmpty() ? null : e.getKey(), e.getValue()[0], e.getValue()[1],
                        e.getValue()[2])).toList()));
        return expected;
    }
}
