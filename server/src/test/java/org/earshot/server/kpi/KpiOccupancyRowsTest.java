package org.earshot.server.kpi;

import org.earshot.server.testing.TestStores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.earshot.server.Json;
import org.earshot.server.kpi.KpiQuery.GroupBy;
import org.earshot.server.store.AgentIntervalStore;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.TestDatabase;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each KPI row by hour or day gets the occupancy of its own time, read for all rows at once: across
 * the night Berlin's clocks went back (two 02:00 hours, whose keys sort against time), with a day
 * without calls between rows, and an agent still logged in counted till now.
 */
class KpiOccupancyRowsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final KpiDefinitions DEFINITIONS = new KpiDefinitions(BERLIN, KpiSettings.DEFAULTS, Map.of());
    private static final Clock CLOCK = Clock.fixed(summer(2026, 10, 27, 10, 0), BERLIN);

    @TempDir
    Path dir;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eachHourAcrossTheClockChangeHasTheOccupancyOfItsOwnHour(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            AgentIntervalStore agents = new AgentIntervalStore(db, BERLIN);
            agents.record("Alice", "available", summer(2026, 10, 25, 1, 0));
            agents.record("Alice", "on-call", summer(2026, 10, 25, 1, 45));
            agents.record("Alice", "wrap-up", summer(2026, 10, 25, 2, 15));
            agents.record("Alice", "available", summer(2026, 10, 25, 2, 30));
            agents.record("Alice", "on-call", winter(2026, 10, 25, 2, 0));
            agents.record("Alice", "logged-out", winter(2026, 10, 25, 2, 45));
            CallStore calls = TestStores.calls(db, DEFINITIONS);
            calls.save(call("c1", summer(2026, 10, 25, 1, 50)));
            calls.save(call("c2", summer(2026, 10, 25, 2, 5)));
            calls.save(call("c3", winter(2026, 10, 25, 2, 5)));
            calls.save(call("c4", winter(2026, 10, 25, 4, 5)));

            List<KpiRow> hours = TestStores.kpis(db, DEFINITIONS, CLOCK).compute(new KpiQuery(summer(2026, 10, 25, 0, 0),
                    summer(2026, 10, 26, 0, 0), GroupBy.HOUR, null, null));

            assertThat(hours).extracting(KpiRow::from).containsExactlyInAnyOrder(summer(2026, 10, 25, 1, 0),
                    summer(2026, 10, 25, 2, 0), winter(2026, 10, 25, 2, 0), winter(2026, 10, 25, 4, 0));
            assertThat(occupancy(hours, summer(2026, 10, 25, 1, 0))).isCloseTo(15 / 60.0, within(1e-9));
            assertThat(occupancy(hours, summer(2026, 10, 25, 2, 0))).isCloseTo(30 / 60.0, within(1e-9));
            assertThat(occupancy(hours, winter(2026, 10, 25, 2, 0))).isCloseTo(45 / 45.0, within(1e-9));
            assertThat(occupancy(hours, winter(2026, 10, 25, 4, 0))).isNull();   // logged out: nobody to occupy
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void dayRowsSkipADayWithoutCallsAndCountAnAgentStillLoggedInTillNow(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            AgentIntervalStore agents = new AgentIntervalStore(db, BERLIN);
            agents.record("Bob", "on-call", winter(2026, 10, 25, 23, 0));      // an hour of it on the 26th
            agents.record("Bob", "available", winter(2026, 10, 26, 1, 0));
            agents.record("Bob", "logged-out", winter(2026, 10, 26, 3, 0));
            agents.record("Bob", "on-call", winter(2026, 10, 27, 8, 0));       // still on the call at 10:00, now
            CallStore calls = TestStores.calls(db, DEFINITIONS);
            calls.save(call("c1", winter(2026, 10, 25, 23, 30)));
            calls.save(call("c2", winter(2026, 10, 27, 8, 30)));

            List<KpiRow> days = TestStores.kpis(db, DEFINITIONS, CLOCK).compute(new KpiQuery(summer(2026, 10, 25, 0, 0),
                    winter(2026, 10, 28, 0, 0), GroupBy.DAY, null, null));

            assertThat(days).extracting(KpiRow::from)   // no call on the 26th
                    .containsExactly(summer(2026, 10, 25, 0, 0), winter(2026, 10, 27, 0, 0));
            assertThat(occupancy(days, summer(2026, 10, 25, 0, 0))).isCloseTo(1.0, within(1e-9));
            assertThat(occupancy(days, winter(2026, 10, 27, 0, 0))).isCloseTo(1.0, within(1e-9));
            List<KpiRow> bobsDays = TestStores.kpis(db, DEFINITIONS, CLOCK).compute(new KpiQuery(winter(2026, 10, 26, 0, 0),
                    winter(2026, 10, 27, 9, 0), GroupBy.NONE, null, "Bob"));
            // 26th: 1 h on the call, 2 h available; 27th till 09:00: 1 h on a call.
            assertThat(bobsDays.get(0).occupancy()).isCloseTo(2 / 4.0, within(1e-9));
        }
    }

    private static Double occupancy(List<KpiRow> rows, Instant from) {
        return rows.stream().filter(r -> r.from().equals(from)).findFirst().orElseThrow().occupancy();
    }

    private static CallRecord call(String id, Instant entered) {
        return CallRecord.builder(id, entered, entered.plusSeconds(70), CallOutcome.ANSWERED).linkedId(id + "-linked")
                .caller("555" + id).queue("support").answeredAt(entered.plusSeconds(10)).waitSeconds(10).talkSeconds(60.0)
                .queues(List.of("support")).agents(List.of(new AgentTalk("Alice", "Local/Alice@agents/n", 60, 0))).build();
    }

    /** A Berlin local time, the earlier of two when the clocks went back (summer time). */
    private static Instant summer(int y, int mo, int d, int h, int mi) {
        return ZonedDateTime.ofLocal(LocalDateTime.of(y, mo, d, h, mi), BERLIN, null).withEarlierOffsetAtOverlap().toInstant();
    }

    /** A Berlin local time, the later of two when the clocks went back (winter time). */
    private static Instant winter(int y, int mo, int d, int h, int mi) {
        return ZonedDateTime.ofLocal(LocalDateTime.of(y, mo, d, h, mi), BERLIN, null).withLaterOffsetAtOverlap().toInstant();
    }
}
