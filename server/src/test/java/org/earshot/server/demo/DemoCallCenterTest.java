package org.earshot.server.demo;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.earshot.server.Json;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiQuery;
import org.earshot.server.kpi.KpiRow;
import org.earshot.server.kpi.KpiService;
import org.earshot.server.kpi.KpiSettings;
import org.earshot.server.store.AuditStore;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.Stores;
import org.earshot.server.store.TestDatabase;
import org.earshot.server.store.UserStore;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo loaded once without espeak-ng (no recordings), as on a machine without it, and looked at through the store. */
class DemoCallCenterTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Instant NOW = Instant.parse("2026-11-27T14:20:00Z"); // a Friday afternoon in Berlin
    static final Clock CLOCK = Clock.fixed(NOW, ZONE);

    /** A machine without espeak-ng. */
    static final Synthesizer NO_ESPEAK = new EspeakNg("espeak-ng-not-installed-here");

    @TempDir
    static Path dir;
    static TestDatabase test;
    static Database db;
    static DemoCallCenter.Loaded loaded;
    static List<CallRecord> calls;

    @BeforeAll
    static void loadTheDemo() throws Exception {
        test = TestDatabase.create("h2", dir);
        db = test.open();
        loaded = demo(db, dir, NO_ESPEAK).load(null);
        CallStore store = TestStores.calls(db);
        calls = List.copyOf(store.findAll(store.ids(false)).values());
    }

    @AfterAll
    static void close() {
        db.close();
        test.close();
    }

    static DemoCallCenter demo(Database db, Path dataDir, Synthesizer voice) {
        return new DemoCallCenter(new Stores(db, Json.newMapper(), new org.earshot.server.kpi.KpiRules(org.earshot.server.kpi.KpiDefinitions.DEFAULTS)), dataDir, ZONE, voice, Dialogues.load(), DemoCallCenter.SEED, CLOCK);
    }

    @Test
    void loadsFiveDaysOfCallsUpToNowAcrossThreeQueuesAndSixOrMoreAgents() {
        assertThat(calls).hasSizeBetween(500, 1500).hasSize(loaded.calls());
        assertThat(values(CallRecord::queue)).containsExactlyInAnyOrder("sales", "support", "billing");
        assertThat(values(CallRecord::agent)).hasSizeGreaterThanOrEqualTo(6);
        assertThat(calls.stream().map(c -> c.enteredAt().atZone(ZONE).toLocalDate()).collect(Collectors.toSet()))
                .hasSize(DemoCallCenter.DAYS);
        assertThat(calls).allSatisfy(c -> assertThat(c.endedAt()).isBeforeOrEqualTo(NOW));
    }

    @Test
    void historyHasAbandonsTimeoutsTransfersHoldAndWrapUp() {
        assertThat(values(c -> c.outcome().key())).contains("answered", "abandoned", "after-hours");
        List<CallRecord> answered = calls.stream().filter(c -> c.outcome() == CallOutcome.ANSWERED).toList();
        assertThat(answered).anySatisfy(c -> assertThat(c.transfers()).isNotEmpty());
        assertThat(answered).anySatisfy(c -> assertThat(c.holdSeconds()).isPositive());
        assertThat(answered).allSatisfy(c -> assertThat(c.wrapUpSeconds()).isNotNull());
        assertThat(calls).anySatisfy(c -> assertThat(c.outcome() == CallOutcome.ABANDONED && c.waitSeconds() < 5).isTrue());
    }

    @Test
    void someCallersCallAgain() {
        Map<String, Long> byCaller = calls.stream().filter(c -> !"anonymous".equals(c.caller()))
                .collect(Collectors.groupingBy(CallRecord::caller, Collectors.counting()));
        assertThat(byCaller.values().stream().filter(n -> n > 1).count()).isEqualTo(loaded.repeatCallers()).isPositive();
    }

    @Test
    void kpiServiceSeesTheDemoCallsWithSurveysAndRepeatCallers() {
        KpiRow all = kpis(KpiQuery.GroupBy.NONE).get(0);
        assertThat(all.offered()).isPositive();
        assertThat(all.answered()).isPositive();
        assertThat(all.abandoned()).isPositive();
        assertThat(all.fcr()).isLessThan(1.0);
        assertThat(all.surveys()).isEqualTo(loaded.surveys()).isPositive();
        assertThat(all.csat()).isBetween(1.0, 5.0);
        assertThat(all.nps()).isBetween(-100.0, 100.0);
        assertThat(all.ces()).isBetween(1.0, 7.0);
    }

    @Test
    void agentsHaveOccupancyFromTheirShifts() {
        assertThat(kpis(KpiQuery.GroupBy.AGENT).stream().filter(r -> !r.key().isEmpty()))
                .hasSizeGreaterThanOrEqualTo(6).allSatisfy(r -> assertThat(r.occupancy()).isBetween(0.05, 1.0));
    }

    @Test
    void everyDemoCallIsInTheChangeLogTheSearchIndexFollows() {
        var changes = TestStores.calls(db).changesAfter(0, 100_000).changes();
        assertThat(changes.stream().map(CallStore.Change::callId).collect(Collectors.toSet()))
                .containsAll(calls.stream().map(CallRecord::uniqueId).toList());
    }

    @Test
    void everyDemoUserLogsInWithTheDemoPassword() {
        Authenticator auth = new Authenticator(new UserStore(db), new AuditStore(db), CLOCK);
        for (String user : DemoCallCenter.USERS) {
            assertThat(auth.login(user, DemoCallCenter.PASSWORD, "127.0.0.1")).as(user).isPresent();
            assertThat(auth.user(user).orElseThrow().role().key()).isEqualTo(user);
        }
        assertThat(loaded.logins()).contains("admin", "supervisor", "qa", "trainer", DemoCallCenter.PASSWORD);
    }

    @Test
    void withoutEspeakEverythingElseLoadsAndTheSummarySaysHowToGetRecordings() {
        assertThat(loaded.recordedCallIds()).isEmpty();
        assertThat(loaded.recordingsSkipped()).contains("espeak-ng-not-installed-here is not installed", "apt-get install espeak-ng");
        assertThat(calls).allSatisfy(c -> assertThat(c.recordingFile()).isNull());
        assertThat(DemoReport.describe(loaded, ZONE)).contains("Recordings skipped", "apt-get install espeak-ng");
    }

    @Test
    void secondStartReusesTheDemoInsteadOfLoadingItAgain() throws Exception {
        long changes = TestStores.calls(db).changesAfter(0, 100_000).changes().size();
        DemoCallCenter.Loaded again = demo(db, dir, NO_ESPEAK).load(null);
        assertThat(again.status()).isEqualTo(DemoCallCenter.Status.REUSED);
        assertThat(again.calls()).isEqualTo(loaded.calls());
        assertThat(TestStores.calls(db).count()).isEqualTo(calls.size());
        assertThat(TestStores.calls(db).changesAfter(0, 100_000).changes()).hasSize((int) changes);
        assertThat(new UserStore(db).count()).isEqualTo(DemoCallCenter.USERS.size());
    }

    private List<KpiRow> kpis(KpiQuery.GroupBy groupBy) {
        return TestStores.kpis(db, new KpiDefinitions(ZONE, KpiSettings.DEFAULTS, Map.of()), CLOCK)
                .compute(new KpiQuery(NOW.minus(Duration.ofDays(DemoCallCenter.DAYS)), NOW, groupBy, null, null));
    }

    private static Set<String> values(java.util.function.Function<CallRecord, String> field) {
        return calls.stream().map(field).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    }

}
