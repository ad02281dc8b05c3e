package org.earshot.server.coaching;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.earshot.server.coaching.StoredCalls.BERLIN;
import static org.earshot.server.coaching.StoredCalls.berlin;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.earshot.server.Json;
import org.earshot.server.coaching.CoachingViews.AgentReport;
import org.earshot.server.coaching.CoachingViews.AgentSummary;
import org.earshot.server.coaching.CoachingViews.Example;
import org.earshot.server.coaching.CoachingViews.Outlier;
import org.earshot.server.coaching.CoachingViews.TeamOverview;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiQuery;
import org.earshot.server.kpi.KpiRow;
import org.earshot.server.kpi.KpiService;
import org.earshot.server.kpi.KpiSettings;
import org.earshot.server.store.Database;
import org.earshot.server.store.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Agents against the team on a crafted week (Monday 2026-11-23, Europe/Berlin) of five agents with
 * four analysed calls each and one with two. Every call lasts 200 s + 20 s wrap-up and has the same
 * figures except where a test says otherwise. Interruptions made per call:
 * Alice 0 1 0 1, Bob 1 0 1 0, Carol 0 0 1 1, Dave 1 1 1 0, Erin 5 4 6 3, Frank 9 9.
 */
class CoachingServiceTest {

    private static final Instant WEEK = berlin(2026, 11, 23, 0, 0);
    private static final Instant NEXT_WEEK = berlin(2026, 11, 30, 0, 0);
    private static final Clock CLOCK = Clock.fixed(berlin(2026, 12, 20, 12, 0), BERLIN);
    private static final KpiDefinitions DEFINITIONS = new KpiDefinitions(BERLIN, KpiSettings.DEFAULTS, Map.of());

    @TempDir
    Path dir;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private Database team(TestDatabase test) {
        Database db = test.open();
        StoredCalls calls = new StoredCalls(db);
        calls.answered("a1", "Alice", berlin(2026, 11, 23, 9, 0)).csat(5).report(Reports.call().wpm(150)).save();
        calls.answered("a2", "Alice", berlin(2026, 11, 23, 10, 0)).csat(4).report(Reports.call().agentInterrupts(1)).save();
        calls.answered("a3", "Alice", berlin(2026, 11, 24, 9, 0)).report(Reports.call().wpm(170)).save();
        calls.answered("a4", "Alice", berlin(2026, 11, 24, 10, 0)).report(Reports.call().agentInterrupts(1)).save();
        calls.answered("b1", "Bob", berlin(2026, 11, 23, 9, 0)).report(Reports.call().agentInterrupts(1)).save();
        calls.answered("b2", "Bob", berlin(2026, 11, 23, 10, 0)).report(Reports.call()).save();
        calls.answered("b3", "Bob", berlin(2026, 11, 24, 9, 0)).report(Reports.call().agentInterrupts(1)).save();
        calls.answered("b4", "Bob", berlin(2026, 11, 24, 10, 0)).talk(300).report(Reports.call()).save();
        calls.answered("c1", "Carol", berlin(2026, 11, 23, 9, 0)).report(Reports.call()).save();
        calls.answered("c2", "Carol", berlin(2026, 11, 23, 10, 0)).report(Reports.call()).save();
        calls.answered("c3", "Carol", berlin(2026, 11, 24, 9, 0)).report(Reports.call().agentInterrupts(1)).save();
        calls.answered("c4", "Carol", berlin(2026, 11, 24, 10, 0)).report(Reports.call().agentInterrupts(1)).save();
        calls.answered("d1", "Dave", berlin(2026, 11, 23, 9, 0)).report(Reports.call().agentInterrupts(1)).save();
        calls.answered("d2", "Dave", berlin(2026, 11, 23, 10, 0)).report(Reports.call().agentInterrupts(1)).save();
        calls.answered("d3", "Dave", berlin(2026, 11, 24, 9, 0)).report(Reports.call().agentInterrupts(1)).save();
        calls.answered("d4", "Dave", berlin(2026, 11, 24, 10, 0)).report(Reports.call()).save();
        calls.answered("e1", "Erin", berlin(2026, 11, 23, 9, 0)).csat(1)
                .report(Reports.call().agentInterruptsAt(20.5, 30, 40, 50, 60)).save();
        calls.answered("e2", "Erin", berlin(2026, 11, 23, 10, 0)).csat(2)
                .report(Reports.call().agentInterruptsAt(33.0, 50, 60, 70)).save();
        calls.answered("e3", "Erin", berlin(2026, 11, 24, 9, 0))
                .report(Reports.call().agentInterruptsAt(12.3, 30, 40, 50, 60, 70)).save();
        calls.answered("e4", "Erin", berlin(2026, 11, 24, 10, 0))
                .report(Reports.call().agentInterruptsAt(40.0, 50, 60)).save();
        calls.answered("f1", "Frank", berlin(2026, 11, 25, 9, 0)).report(Reports.call().wpm(200).agentInterrupts(9)).save();
        calls.answered("f2", "Frank", berlin(2026, 11, 25, 10, 0)).report(Reports.call().wpm(200).agentInterrupts(9)).save();
        return db;
    }

    /**
     * The fixture's agents have four calls each: its outlier maths are checked with a minimum sample of
     * three; the production minimum ({@link Outliers#MIN_CALLS}) has its own test below.
     */
    private static CoachingService coaching(Database db) {
        return new CoachingService(TestStores.calls(db), TestStores.kpis(db, DEFINITIONS, CLOCK), CLOCK,
                CueCache.DEFAULT_CAPACITY, 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void belowTheMinimumSampleAFigureIsShownWithItsSampleButNeitherOutlierNorZ(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = team(test)) {
            TeamOverview overview = new CoachingService(TestStores.calls(db), TestStores.kpis(db, DEFINITIONS, CLOCK), CLOCK)
                    .agents(WEEK, NEXT_WEEK);

            AgentSummary erin = agent(overview, "Erin");
            assertThat(overview.minSample()).isEqualTo(Outliers.MIN_CALLS).isGreaterThan(4);
            assertThat(erin.metrics().interruptionsPerCall()).isEqualTo(4.5);
            assertThat(erin.outliers()).as("four calls are below the minimum sample").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void everyFigureSaysHowManyCallsItStandsOn(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = team(test)) {
            AgentSummary erin = agent(coaching(db).agents(WEEK, NEXT_WEEK), "Erin");

            assertThat(erin.metrics().samples()).containsEntry("interruptionsPerCall", 4L).containsEntry("csat", 2L)
                    .containsEntry("ahtSeconds", 4L).containsKeys("wordsPerMinute", "agentSentiment");
        }
    }

    private static AgentSummary agent(TeamOverview overview, String name) {
        return overview.agents().stream().filter(a -> a.agent().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void teamFiguresAreMeansOverAllCallsAndAgentFiguresOverTheirOwn(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = team(test)) {
            TeamOverview overview = coaching(db).agents(WEEK, NEXT_WEEK);

            // 20 calls at 160 wpm but Alice's 150 and 170, Frank's two at 200.
            assertThat(overview.team().wordsPerMinute()).isCloseTo(3600 / 22.0, within(1e-3));
            assertThat(overview.team().interruptionsPerCall()).isCloseTo(45 / 22.0, within(1e-3));
            assertThat(overview.team().csat()).isCloseTo((5 + 4 + 1 + 2) / 4.0, within(1e-9));
            assertThat(overview.team().analysedCalls()).isEqualTo(22);
            AgentSummary alice = agent(overview, "Alice");
            assertThat(alice.metrics().wordsPerMinute()).isCloseTo(160.0, within(1e-9));
            assertThat(alice.metrics().interruptionsPerCall()).isCloseTo(0.5, within(1e-9));
            assertThat(alice.metrics().csat()).isCloseTo(4.5, within(1e-9));
            assertThat(alice.metrics().calls()).isEqualTo(4);
            assertThat(agent(overview, "Bob").metrics().csat()).as("no survey: unknown, not 0").isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void handleTimeIsTheKpisOwn(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = team(test)) {
            TeamOverview overview = coaching(db).agents(WEEK, NEXT_WEEK);
            List<KpiRow> kpis = TestStores.kpis(db, DEFINITIONS, CLOCK)
                    .compute(new KpiQuery(WEEK, NEXT_WEEK, KpiQuery.GroupBy.AGENT, null, "Bob"));

            // Bob: three calls of 200 s + 20 s wrap-up and one of 300 s + 20 s.
            assertThat(agent(overview, "Bob").metrics().ahtSeconds()).isCloseTo((3 * 220 + 320) / 4.0, within(1e-9))
                    .isCloseTo(kpis.get(0).ahtSeconds(), within(1e-9));
            assertThat(overview.team().ahtSeconds()).isCloseTo((21 * 220 + 320) / 22.0, within(1e-3));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void agentWhoInterruptsFarMoreThanTheTeamIsAHighOutlier(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = team(test)) {
            TeamOverview overview = coaching(db).agents(WEEK, NEXT_WEEK);

            Outlier erin = agent(overview, "Erin").outliers().get(0);
            assertThat(agent(overview, "Erin").outliers()).hasSize(1);
            assertThat(erin.metric()).isEqualTo("interruptionsPerCall");
            assertThat(erin.direction()).isEqualTo("high");
            assertThat(erin.value()).isCloseTo(4.5, within(1e-9));
            assertThat(erin.team()).isCloseTo(45 / 22.0, within(1e-3));
            // The other four agents spread by 0.125 only: the SD floor of 0.2 interruptions applies.
            assertThat(erin.zScore()).isCloseTo((4.5 - 45 / 22.0) / 0.2, within(0.01));
            assertThat(erin.examples()).as("the overview lists no examples").isNull();
            for (String name : List.of("Alice", "Bob", "Carol", "Dave")) {
                assertThat(agent(overview, name).outliers()).as(name).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void jsonWritesUnknownFiguresAsNullAndLeavesExamplesOutOfTheOverview(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = team(test)) {
            var mapper = Json.newMapper();
            JsonNode overview = mapper.readTree(mapper.writeValueAsString(coaching(db).agents(WEEK, NEXT_WEEK)));

            JsonNode bob = overview.get("agents").get(1);
            JsonNode erinOutlier = overview.get("agents").get(4).get("outliers").get(0);
            assertThat(bob.get("agent").asText()).isEqualTo("Bob");
            assertThat(bob.get("metrics").has("csat")).isTrue();
            assertThat(bob.get("metrics").get("csat").isNull()).isTrue();
            assertThat(erinOutlier.get("metric").asText()).isEqualTo("interruptionsPerCall");
            assertThat(erinOutlier.has("examples")).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void agentWithFewerThanThreeAnalysedCallsGetsNoOutliers(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = team(test)) {
            AgentSummary frank = agent(coaching(db).agents(WEEK, NEXT_WEEK), "Frank");

            assertThat(frank.metrics().interruptionsPerCall()).isEqualTo(9.0);
            assertThat(frank.outliers()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void examplesAreTheAgentsStrongestCallsOpenedAtTheirFirstInterruption(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = team(test)) {
            AgentReport erin = coaching(db).agent("Erin", WEEK, NEXT_WEEK).orElseThrow();

            List<Example> examples = erin.outliers().get(0).examples();
            // e3 (6 interruptions), e1 (5), e2 (4); e4 (3) is the fourth. Each opens at its first
            // interruption, not at the agent's earlier backchannel at 5 s.
            assertThat(examples).extracting(Example::callId).containsExactly("e3", "e1", "e2");
            assertThat(examples).extracting(Example::at).containsExactly(12.3, 20.5, 33.0);
            assertThat(examples).extracting(Example::value).containsExactly(6.0, 5.0, 4.0);
            assertThat(examples.get(0).why()).isEqualTo("agent interrupted 6 times");
            assertThat(examples.get(0).startedAt()).isEqualTo(berlin(2026, 11, 24, 9, 0));
            assertThat(erin.examples().get("interruptionsPerCall")).isEqualTo(examples);
            assertThat(erin.examples()).containsOnlyKeys("wordsPerMinute", "syllablesPerSecond", "interruptionsPerCall",
                    "agentTalkRatio", "deadAirSecondsPerCall", "customerSentiment", "agentSentiment", "csat", "ahtSeconds");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void lowSideExamplesAreTheLowestCallsBelowTheTeam(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = team(test)) {
            AgentReport erin = coaching(db).agent("Erin", WEEK, NEXT_WEEK).orElseThrow();

            // Erin's CSAT 1.5 is below the team's 3: her two surveyed calls, the worst first.
            assertThat(erin.examples().get("csat")).extracting(Example::callId).containsExactly("e1", "e2");
            assertThat(erin.examples().get("csat").get(0).why()).isEqualTo("caller rated the call 1 of 5");
            assertThat(erin.examples().get("csat").get(0).at()).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void agentWithoutCallsInTheRangeHasNoReport(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = team(test)) {
            assertThat(coaching(db).agent("Zoe", WEEK, NEXT_WEEK)).isEmpty();
            assertThat(coaching(db).agent("Alice", NEXT_WEEK, NEXT_WEEK.plusSeconds(86_400))).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void weeksAreIsoWeeksInTheKpiTimeZone(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            StoredCalls calls = new StoredCalls(db);
            // Sunday 23:30 in Berlin is week 48; Monday 00:30 in Berlin is week 49, though still Sunday in UTC.
            calls.answered("sun", "Alice", berlin(2026, 11, 29, 23, 30)).talk(100).report(Reports.call().wpm(150)).save();
            calls.answered("mon", "Alice", berlin(2026, 11, 30, 0, 30)).talk(300).report(Reports.call().wpm(190)).save();
            calls.answered("bob", "Bob", berlin(2026, 11, 30, 9, 0)).talk(300).report(Reports.call().wpm(170)).save();

            AgentReport alice = coaching(db).agent("Alice", WEEK, berlin(2026, 12, 14, 0, 0)).orElseThrow();

            assertThat(alice.weeks()).extracting(CoachingViews.Week::week).containsExactly("2026-W48", "2026-W49", "2026-W50");
            assertThat(alice.weeks()).extracting(CoachingViews.Week::start)
                    .containsExactly(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 7));
            assertThat(alice.weeks().get(0).agent().wordsPerMinute()).isEqualTo(150.0);
            assertThat(alice.weeks().get(0).agent().ahtSeconds()).isEqualTo(120.0);
            assertThat(alice.weeks().get(1).agent().wordsPerMinute()).isEqualTo(190.0);
            assertThat(alice.weeks().get(1).agent().ahtSeconds()).isEqualTo(320.0);
            assertThat(alice.weeks().get(1).team().wordsPerMinute()).isEqualTo(180.0);
            assertThat(alice.weeks().get(1).team().calls()).isEqualTo(2);
            assertThat(alice.weeks().get(2).agent().calls()).isZero();
            assertThat(alice.weeks().get(2).agent().wordsPerMinute()).as("an empty week has no rate").isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void monoRecordingLeavesSpeechFiguresNullNotZero(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            new StoredCalls(db).answered("m1", "Alice", berlin(2026, 11, 23, 9, 0)).report(Reports.call().mono()).save();

            var alice = agent(coaching(db).agents(WEEK, NEXT_WEEK), "Alice").metrics();

            assertThat(alice.analysedCalls()).isEqualTo(1);
            assertThat(alice.wordsPerMinute()).isNull();
            assertThat(alice.interruptionsPerCall()).isNull();
            assertThat(alice.agentTalkRatio()).isNull();
            assertThat(alice.deadAirSecondsPerCall()).as("dead air is measured on a mono recording").isEqualTo(0.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void transferredCallCountsForTheTeamsSpeechFiguresButNotForEitherAgents(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            StoredCalls calls = new StoredCalls(db);
            calls.answered("own", "Alice", berlin(2026, 11, 23, 9, 0)).report(Reports.call().agentInterrupts(1)).save();
            calls.answered("both", "Alice", berlin(2026, 11, 23, 10, 0)).transferredTo("Bob").csat(2)
                    .report(Reports.call().agentInterrupts(7)).save();

            TeamOverview overview = coaching(db).agents(WEEK, NEXT_WEEK);

            // The agent channel of "both" holds Alice and then Bob: whose interruptions they were is unknown.
            assertThat(overview.team().interruptionsPerCall()).isEqualTo(4.0);
            assertThat(agent(overview, "Alice").metrics().interruptionsPerCall()).isEqualTo(1.0);
            assertThat(agent(overview, "Alice").metrics().calls()).isEqualTo(2);
            assertThat(agent(overview, "Alice").metrics().csat()).as("the survey is the first agent's, as in the KPIs")
                    .isEqualTo(2.0);
            assertThat(agent(overview, "Bob").metrics().calls()).isEqualTo(1);
            assertThat(agent(overview, "Bob").metrics().analysedCalls()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void reanalysedCallIsReadAgainAndACacheSmallerThanTheRangeStillAnswersRight(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            StoredCalls calls = new StoredCalls(db);
            calls.answered("x1", "Alice", berlin(2026, 11, 23, 9, 0)).report(Reports.call().wpm(150)).save();
            calls.answered("x2", "Alice", berlin(2026, 11, 23, 10, 0)).report(Reports.call().wpm(170)).save();
            CoachingService coaching = new CoachingService(TestStores.calls(db), TestStores.kpis(db, DEFINITIONS, CLOCK), CLOCK, 1, Outliers.MIN_CALLS);
            assertThat(coaching.agents(WEEK, NEXT_WEEK).team().wordsPerMinute()).isEqualTo(160.0);

            calls.analyse("x1", Reports.call().wpm(190).report(), berlin(2026, 12, 1, 9, 0));

            assertThat(coaching.agents(WEEK, NEXT_WEEK).team().wordsPerMinute()).isEqualTo(180.0);
            assertThat(coaching.agents(WEEK, NEXT_WEEK).team().wordsPerMinute()).isEqualTo(180.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void unreadableReportLeavesOnlyThatCallOut(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            StoredCalls calls = new StoredCalls(db);
            calls.answered("ok", "Alice", berlin(2026, 11, 23, 9, 0)).report(Reports.call().wpm(150)).save();
            calls.answered("bad", "Alice", berlin(2026, 11, 23, 10, 0)).corruptReport("{\"parties\": [truncated").save();

            var alice = agent(coaching(db).agents(WEEK, NEXT_WEEK), "Alice").metrics();

            assertThat(alice.wordsPerMinute()).isEqualTo(150.0);
            assertThat(alice.analysedCalls()).isEqualTo(1);
            assertThat(alice.calls()).isEqualTo(2);
        }
    }
}
