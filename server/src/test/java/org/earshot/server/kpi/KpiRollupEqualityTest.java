package org.earshot.server.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.earshot.server.kpi.KpiQuery.GroupBy;
import org.earshot.server.store.Database;
import org.earshot.server.store.TestDatabase;
import org.earshot.server.testing.TestStores;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rollups give exactly what the calls give: every figure, for every groupBy, filter and per-queue
 * setting, over ranges of whole days, whole buckets and partial buckets, in a zone with summer time
 * and one 5:45 from UTC. The rollups are kept call by call as the calls arrive (late, corrected),
 * and must equal both the raw path and rollups rebuilt from scratch.
 */
class KpiRollupEqualityTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneId.of("UTC"));

    /**
     * Calls per case: 3,000 in the suite; {@code -Dearshot.rollupEquality.calls=100000} for the large
     * set (README, Tests), about ten minutes on 2 cores.
     */
    private static final int CALLS = Integer.getInteger("earshot.rollupEquality.calls", 3000);

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String kind : TestDatabase.kinds()) {
            // Berlin's clocks go forward on 29 March 2026; Kathmandu is UTC+5:45. Forty days from 1 March hold
            // one whole month (month rollups) and parts of another.
            cases.add(Arguments.of(kind, ZoneId.of("Europe/Berlin"), LocalDate.of(2026, 3, 1)));
            cases.add(Arguments.of(kind, ZoneId.of("Asia/Kathmandu"), LocalDate.of(2026, 3, 1)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void rollupsKeptCallByCallGiveExactlyWhatTheCallsGive(String kind, ZoneId zone, LocalDate firstDay) throws Exception {
        RandomCallCenter center = new RandomCallCenter(zone, firstDay, 40, CALLS, 7);
        KpiDefinitions definitions = center.definitions();
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            // The rollups are current (built on the empty store), then kept by every write.
            KpiService kpis = TestStores.kpis(db, definitions, CLOCK);
            center.store(TestStores.calls(db, definitions), TestStores.surveys(db, definitions));
            assertThat(kpis.rollupsCurrent()).isTrue();

            List<KpiQuery> queries = queries(center, zone);
            List<List<KpiRow>> raw = new ArrayList<>();
            for (KpiQuery q : queries) {
                List<KpiRow> fromCalls = kpis.computeRaw(q);
                assertThat(kpis.compute(q)).as("rollups for %s", q).isEqualTo(fromCalls);
                raw.add(fromCalls);
            }
            assertThat(raw.get(0).get(0).offered()).as("the calls were stored").isGreaterThan(CALLS / 3);

            // The facts and rollups kept call by call equal those derived from scratch.
            TestStores.rollups(db, definitions).rebuild(day -> { });
            for (int i = 0; i < queries.size(); i++) {
                assertThat(kpis.computeRaw(queries.get(i))).as("raw after a rebuild, %s", queries.get(i)).isEqualTo(raw.get(i));
                assertThat(kpis.compute(queries.get(i))).as("rebuilt rollups, %s", queries.get(i)).isEqualTo(raw.get(i));
            }
        }
    }

    /** Every groupBy with and without filters, over whole and partial days and buckets. */
    private static List<KpiQuery> queries(RandomCallCenter center, ZoneId zone) {
        Instant start = center.start();
        Instant end = center.end();
        List<Instant[]> ranges = List.of(
                new Instant[] {start, end},
                new Instant[] {start.plus(Duration.ofMinutes(7 * 60 + 13)), end.minus(Duration.ofMinutes(2 * 24 * 60 + 187))},
                new Instant[] {start.plus(Duration.ofDays(9)), start.plus(Duration.ofDays(10))},
                new Instant[] {start.plus(Duration.ofMinutes(9 * 24 * 60 + 45)), start.plus(Duration.ofMinutes(9 * 24 * 60 + 600))},
                new Instant[] {start.plus(Duration.ofMinutes(3 * 24 * 60 + 601)), start.plus(Duration.ofMinutes(3 * 24 * 60 + 609))},
                new Instant[] {start.minus(Duration.ofDays(3)), end.plus(Duration.ofDays(5))});
        List<KpiQuery> queries = new ArrayList<>();
        for (Instant[] range : ranges) {
            for (GroupBy groupBy : GroupBy.values()) {
                queries.add(new KpiQuery(range[0], range[1], groupBy, null, null));
                queries.add(new KpiQuery(range[0], range[1], groupBy, "support", null));
                queries.add(new KpiQuery(range[0], range[1], groupBy, null, "Bob"));
                queries.add(new KpiQuery(range[0], range[1], groupBy, "billing", "Carol"));
            }
        }
        return queries;
    }
}
