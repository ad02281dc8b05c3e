package org.earshot.server.kpi;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.earshot.server.kpi.KpiQuery.GroupBy;
import java.time.Clock;
import org.earshot.server.store.AgentIntervalStore;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.SurveyStore;
import org.earshot.server.store.TestDatabase;
import org.earshot.server.Json;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.QueueRouting;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KPIs against values computed by hand from a small crafted set of calls (times in Europe/Berlin,
 * UTC+1 in November) where the edge cases appear: a short abandon, a timeout, hold and after-call
 * work, a call spanning midnight, repeat callers inside and outside the window, an anonymous
 * caller, partial surveys and flagged calls.
 */
class KpiServiceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant DAY = at(2026, 11, 23, 0, 0);
    private static final Instant NEXT_DAY = at(2026, 11, 24, 0, 0);
    private static final Clock CLOCK = Clock.fixed(at(2026, 12, 2, 0, 0), BERLIN);

    @TempDir
    Path dir;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private Database craftedCalls(TestDatabase test) throws Exception {
        Database db = test.open();
        CallStore calls = TestStores.calls(db);
        // Asterisk's talk time contains hold: c1 talked 100 s of which 20 s on hold, then 30 s of wrap-up.
        calls.save(call("c1", "5551001", "support", at(2026, 11, 23, 9, 0), CallOutcome.ANSWERED, 10, 100.0)
                .agents(List.of(talk("Alice", 100))).holdSeconds(20.0).wrapUpSeconds(30.0).build());
        calls.save(call("c2", "5551002", "support", at(2026, 11, 23, 10, 0), CallOutcome.ANSWERED, 30, 200.0)
                .agents(List.of(talk("Bob", 200))).wrapUpSeconds(10.0).build());
        calls.save(call("c3", "5551003", "support", at(2026, 11, 23, 11, 0), CallOutcome.ABANDONED, 3, null).build());
        calls.save(call("c4", "5551004", "support", at(2026, 11, 23, 12, 0), CallOutcome.ABANDONED, 40, null).build());
        calls.save(call("c5", "5551001", "support", at(2026, 11, 25, 9, 0), CallOutcome.ANSWERED, 5, 60.0)
                .agents(List.of(talk("Alice", 60))).build());
        calls.save(call("c6", "anonymous", "sales", at(2026, 11, 23, 23, 50), CallOutcome.ANSWERED, 5, 900.0)
                .agents(List.of(talk("Carol", 900))).build());
        calls.save(call("c7", "5551002", "support", at(2026, 12, 1, 10, 0), CallOutcome.ANSWERED, 10, 10.0)
                .agents(List.of(talk("Bob", 10))).build());
        calls.save(call("c8", "5551008", "sales", at(2026, 11, 23, 14, 0), CallOutcome.TIMEOUT, 60, null).build());
        // Alice answered c9 and transferred it to Bob, whose wrap-up followed.
        calls.save(call("c9", "5551009", "support", at(2026, 11, 23, 15, 0), CallOutcome.ANSWERED, 8, 100.0)
                .agents(List.of(talk("Alice", 40), talk("Bob", 60))).wrapUpSeconds(10.0).build());
        // The hours script turned c10 away at 20:00: it never entered the queue, so no offered figure counts it.
        calls.save(call("c10", "anonymous", "support", at(2026, 11, 23, 20, 0), CallOutcome.AFTER_HOURS, 0, null).build());
        calls.saveAnalysis("c1", flagged("customer-negative", "escalation"), DAY);
        calls.saveAnalysis("c2", flagged("escalation"), DAY);
        // Alice: 10 min available, 10 on a call, 5 wrap-up, 30 paused, 5 available, then logged out.
        // Bob: 3 hours available, no call. Carol never logged in.
        AgentIntervalStore agents = new AgentIntervalStore(db, BERLIN);
        agents.record("Alice", "available", at(2026, 11, 23, 9, 0));
        agents.record("Alice", "on-call", at(2026, 11, 23, 9, 10));
        agents.record("Alice", "wrap-up", at(2026, 11, 23, 9, 20));
        agents.record("Alice", "paused", at(2026, 11, 23, 9, 25));
        agents.record("Alice", "available", at(2026, 11, 23, 9, 55));
        agents.record("Alice", "logged-out", at(2026, 11, 23, 10, 0));
        agents.record("Bob", "available", at(2026, 11, 23, 9, 0));
        agents.record("Bob", "logged-out", at(2026, 11, 23, 12, 0));
        SurveyStore surveys = TestStores.surveys(db);
        surveys.save("c1-linked", 5, 10, 2, DAY);
        surveys.save("c2-linked", 2, 6, null, DAY);   // hung up before the CES question
        surveys.save("c6-linked", null, 8, null, DAY);
        return db;
    }

    private KpiRow day(Database db, KpiDefinitions definitions) {
        List<KpiRow> rows = bothWays(TestStores.kpis(db, definitions, CLOCK), new KpiQuery(DAY, NEXT_DAY, GroupBy.NONE, null, null));
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void countsFollowTheDefinitions(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            KpiRow row = day(db, berlin(KpiSettings.DEFAULTS));

            assertThat(row.shortAbandoned()).isEqualTo(1);   // c3 gave up after 3 s < 5 s
            assertThat(row.offered()).isEqualTo(6);          // c1 c2 c4 c6 c8 c9; c5 and c7 are other days
            assertThat(row.answered()).isEqualTo(4);
            assertThat(row.abandoned()).isEqualTo(1);
            assertThat(row.timedOut()).isEqualTo(1);
            assertThat(row.abandonRate()).isCloseTo(1 / 6.0, within(1e-9));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRangeWithoutCallsStillHasItsTotalRowOfZeros(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            KpiService kpis = TestStores.kpis(db, berlin(KpiSettings.DEFAULTS), CLOCK);

            List<KpiRow> rows = bothWays(kpis, new KpiQuery(at(2026, 11, 10, 0, 0), at(2026, 11, 11, 0, 0), GroupBy.NONE, null, null));
            List<KpiRow> byDay = bothWays(kpis, new KpiQuery(at(2026, 11, 10, 0, 0), at(2026, 11, 11, 0, 0), GroupBy.DAY, null, null));

            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.key()).isEqualTo("all");
                assertThat(row.offered()).isZero();
                assertThat(row.answered()).isZero();
                assertThat(row.abandonRate()).isNull();   // a rate of nothing is unknown, not 0 %
                assertThat(row.maxWaitSeconds()).isNull();
            });
            assertThat(byDay).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void handleTimeIsTalkPlusHoldPlusAfterCallWork(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            KpiRow row = day(db, berlin(KpiSettings.DEFAULTS));

            // c1 100 + 30, c2 200 + 10, c6 900, c9 100 + 10: hold is inside talk, not added again.
            assertThat(row.ahtSeconds()).isCloseTo((130 + 210 + 900 + 110) / 4.0, within(1e-9));
            assertThat(row.avgHoldSeconds()).isCloseTo(20 / 4.0, within(1e-9));
            assertThat(row.avgWrapUpSeconds()).isCloseTo(50 / 4.0, within(1e-9));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void waitsAndServiceLevel(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            KpiRow row = day(db, berlin(KpiSettings.DEFAULTS));

            assertThat(row.asaSeconds()).isCloseTo(53 / 4.0, within(1e-9));       // (10 + 30 + 5 + 8) / 4
            assertThat(row.firstResponseSeconds()).isEqualTo(row.asaSeconds());
            assertThat(row.avgWaitSeconds()).isCloseTo(153 / 6.0, within(1e-9));  // (10 + 30 + 40 + 5 + 60 + 8) / 6
            assertThat(row.maxWaitSeconds()).isEqualTo(60.0);
            assertThat(row.serviceLevel()).isCloseTo(3 / 6.0, within(1e-9));     // c1, c6, c9 within 20 s of 6 offered
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void serviceLevelOverAnsweredAndAbandonedLeavesTimeoutsOut(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            KpiSettings settings = new KpiSettings(20, 5, false, KpiSettings.ServiceLevelBase.ANSWERED_AND_ABANDONED,
                    Duration.ofDays(7), Duration.ofDays(30));

            assertThat(day(db, berlin(settings)).serviceLevel()).isCloseTo(3 / 5.0, within(1e-9)); // 4 answered + c4
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void countingShortAbandonsPutsThemBackIntoOfferedAndAbandoned(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            KpiSettings settings = new KpiSettings(20, 5, true, KpiSettings.ServiceLevelBase.OFFERED,
                    Duration.ofDays(7), Duration.ofDays(30));
            KpiRow row = day(db, berlin(settings));

            assertThat(row.offered()).isEqualTo(7);
            assertThat(row.abandoned()).isEqualTo(2);
            assertThat(row.shortAbandoned()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void perQueueThresholdAppliesOnlyToThatQueuesCalls(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            KpiSettings strictSales = new KpiSettings(3, 5, false, KpiSettings.ServiceLevelBase.OFFERED,
                    Duration.ofDays(7), Duration.ofDays(30));
            KpiDefinitions definitions = new KpiDefinitions(BERLIN, KpiSettings.DEFAULTS, Map.of("sales", strictSales));

            assertThat(day(db, definitions).serviceLevel()).isCloseTo(2 / 6.0, within(1e-9)); // c6 waited 5 s > 3 s
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void firstCallResolutionCountsRepeatsInsideTheWindowAndLeavesAnonymousCallersOut(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            KpiRow row = day(db, berlin(KpiSettings.DEFAULTS));

            // c1's caller came back 2 days later (c5): not resolved; c2's came back after 8 days (c7) and
            // c9's never: resolved. c6's caller is anonymous.
            assertThat(row.fcr()).isCloseTo(2 / 3.0, within(1e-9));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void retentionAndResolutionTimeFollowEachCallersCalls(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            KpiRow row = day(db, berlin(KpiSettings.DEFAULTS));

            // 6 known callers; 5551001 and 5551002 came back within 30 days.
            assertThat(row.retention()).isCloseTo(2 / 6.0, within(1e-9));
            // Cases starting that day: c1→c5 (2 days + 65 s), c2 (230 s), c3 (3 s), c4 (40 s), c8 (60 s), c9 (108 s).
            assertThat(row.resolutionSeconds()).isCloseTo((2 * 86_400 + 65 + 230 + 3 + 40 + 60 + 108) / 6.0, within(1e-6));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void surveysWithPartialAnswersCountEachQuestionSeparately(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            KpiRow row = day(db, berlin(KpiSettings.DEFAULTS));

            assertThat(row.surveys()).isEqualTo(3);
            assertThat(row.csat()).isCloseTo(3.5, within(1e-9));   // (5 + 2) / 2
            assertThat(row.nps()).isCloseTo(0.0, within(1e-9));    // 10 promoter, 6 detractor, 8 passive
            assertThat(row.ces()).isCloseTo(2.0, within(1e-9));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void flaggedCallsAreCountedPerFlag(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            KpiRow row = day(db, berlin(KpiSettings.DEFAULTS));

            assertThat(row.flaggedCalls()).isEqualTo(2);
            assertThat(row.flags()).containsExactlyInAnyOrderEntriesOf(Map.of("customer-negative", 1L, "escalation", 2L));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void callSpanningMidnightCountsOnTheDayAndHourItEnteredInTheConfiguredZone(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            KpiService kpis = TestStores.kpis(db, berlin(KpiSettings.DEFAULTS), CLOCK);

            List<KpiRow> days = bothWays(kpis, new KpiQuery(DAY, at(2026, 11, 26, 0, 0), GroupBy.DAY, null, null));
            List<KpiRow> hours = bothWays(kpis, new KpiQuery(DAY, NEXT_DAY, GroupBy.HOUR, null, null));

            assertThat(days).extracting(KpiRow::key).containsExactly("2026-11-23", "2026-11-25");
            assertThat(days.get(0).answered()).isEqualTo(4);
            assertThat(days.get(0).from()).isEqualTo(DAY);
            assertThat(days.get(0).to()).isEqualTo(NEXT_DAY);
            assertThat(hours).extracting(KpiRow::key).last().isEqualTo("2026-11-23T23:00:00+01:00");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void transferredCallCountsForEachAgentWithTheirOwnPartAndIsOfferedOnlyToTheFirst(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            KpiService kpis = TestStores.kpis(db, berlin(KpiSettings.DEFAULTS), CLOCK);

            List<KpiRow> byAgent = bothWays(kpis, new KpiQuery(DAY, NEXT_DAY, GroupBy.AGENT, null, null));

            assertThat(byAgent).extracting(KpiRow::key).containsExactly("", "Alice", "Bob", "Carol");
            KpiRow alice = byAgent.get(1);
            KpiRow bob = byAgent.get(2);
            assertThat(alice.answered()).isEqualTo(2);                   // c1, and her 40 s of c9
            assertThat(alice.ahtSeconds()).isEqualTo((130 + 40) / 2.0);  // the wrap-up of c9 was Bob's
            assertThat(alice.asaSeconds()).isEqualTo((10 + 8) / 2.0);
            assertThat(bob.answered()).isEqualTo(2);                     // c2, and c9 after the transfer
            assertThat(bob.offered()).isEqualTo(1);                      // c9 was never offered to Bob
            assertThat(bob.ahtSeconds()).isEqualTo((210 + 70) / 2.0);
            assertThat(bob.asaSeconds()).isEqualTo(30.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void agentAndQueueFiltersNarrowTheCalls(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            KpiService kpis = TestStores.kpis(db, berlin(KpiSettings.DEFAULTS), CLOCK);

            KpiRow sales = bothWays(kpis, new KpiQuery(DAY, NEXT_DAY, GroupBy.NONE, "sales", null)).get(0);
            KpiRow bob = bothWays(kpis, new KpiQuery(DAY, NEXT_DAY, GroupBy.NONE, null, "Bob")).get(0);

            assertThat(sales.offered()).isEqualTo(2);
            assertThat(sales.timedOut()).isEqualTo(1);
            assertThat(bob.answered()).isEqualTo(2);
            assertThat(bob.ahtSeconds()).isEqualTo((210 + 70) / 2.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void occupancyIsHandlingTimeOverLoggedInUnpausedTime(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            KpiService kpis = TestStores.kpis(db, berlin(KpiSettings.DEFAULTS), CLOCK);

            List<KpiRow> byAgent = bothWays(kpis, new KpiQuery(DAY, NEXT_DAY, GroupBy.AGENT, null, null));
            KpiRow all = day(db, berlin(KpiSettings.DEFAULTS));

            // Alice handled 15 of her 30 logged-in unpaused minutes; paused and logged-out time count in neither.
            assertThat(byAgent.get(1).occupancy()).isCloseTo(15 / 30.0, within(1e-9));
            assertThat(byAgent.get(2).occupancy()).isCloseTo(0.0, within(1e-9));   // Bob: 3 h available, no call
            assertThat(byAgent.get(3).occupancy()).isNull();                        // Carol: never logged in
            assertThat(all.occupancy()).isCloseTo(15 / (30.0 + 180), within(1e-9));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void withinHoursFiguresFollowEachQueuesOpeningHours(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = craftedCalls(test)) {
            // support opens 09:00-12:00 Berlin time: c1 (09:00, 10 s wait) and c2 (10:00, 30 s) came in hours;
            // c4 (12:00) and c9 (15:00) after, and c10 (20:00) was turned away; sales has no hours, so its
            // calls count in neither.
            KpiDefinitions definitions = new KpiDefinitions(BERLIN, KpiSettings.DEFAULTS, Map.of(), Map.of("support",
                    QueueRouting.parse("support", null, "mon-sun 09:00-12:00", null, BERLIN)));

            KpiRow row = day(db, definitions);

            assertThat(row.offeredAfterHours()).isEqualTo(3);
            assertThat(row.serviceLevelInHours()).isCloseTo(1 / 2.0, within(1e-9));
            // Without opening hours configured only the call the hours script turned away is known to be after hours.
            KpiRow noHours = day(db, berlin(KpiSettings.DEFAULTS));
            assertThat(noHours.offeredAfterHours()).isEqualTo(1);
            assertThat(noHours.serviceLevelInHours()).isNull();
        }
    }

    /** The figures from rollups, checked against the figures from the calls alone: the two must be equal. */
    private static List<KpiRow> bothWays(KpiService kpis, KpiQuery q) {
        List<KpiRow> rows = kpis.compute(q);
        assertThat(rows).as("rollups give what the calls give").isEqualTo(kpis.computeRaw(q));
        return rows;
    }

    private static KpiDefinitions berlin(KpiSettings settings) {
        return new KpiDefinitions(BERLIN, settings, Map.of());
    }

    private static Instant at(int y, int mo, int d, int h, int mi) {
        return LocalDateTime.of(y, mo, d, h, mi).atZone(BERLIN).toInstant();
    }

    /** A call that ends when its talk (hold included) ends. */
    private static CallRecord.Builder call(String id, String caller, String queue, Instant entered, CallOutcome outcome,
                                           double wait, Double talk) {
        Instant ended = entered.plusSeconds((long) (wait + (talk == null ? 0 : talk)));
        return CallRecord.builder(id, entered, ended, outcome).linkedId(id + "-linked").caller(caller).queue(queue)
                .answeredAt(outcome == CallOutcome.ANSWERED ? entered.plusSeconds((long) wait) : null)
                .waitSeconds(wait).talkSeconds(talk).queues(List.of(queue));
    }

    private static AgentTalk talk(String agent, double seconds) {
        return new AgentTalk(agent, "Local/" + agent + "@agents/n", seconds, 0);
    }

    /** A report that raised these flags; its figures are left out, as the KPIs read only the flags. */
    private static AnalysisReport flagged(String... flags) {
        return new AnalysisReport("call.wav", 300, Map.of("left", "customer", "right", "agent"), Map.of(), null, null,
                List.of(), null, null, new AnalysisReport.CallSentiment(-0.4, "negative", List.of(flags)), List.of(), null,
                List.of(), null);
    }
}
