package org.earshot.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.earshot.search.CallQuery;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.Json;
import org.earshot.server.jobs.CallIndexer;
import org.earshot.server.jobs.IndexFollower;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiQuery;
import org.earshot.server.kpi.KpiRow;
import org.earshot.server.store.CallCrmStore;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.ChangeEvents;
import org.earshot.server.store.Database;
import org.earshot.server.store.LifecycleStore;
import org.earshot.server.store.PurgeLeaseStore;
import org.earshot.server.store.TestDatabase;
import org.earshot.server.store.WebhookDeliveries;
import org.earshot.server.store.WebhookStore;
import org.earshot.server.testing.TestStores;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AnalysisReport.CallSentiment;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention by policy, with the clock a year on: recordings after 30 days, transcripts after 90, calls after
 * 365 (sales keeps its recordings forever); KPIs of the purged days do not change, a held call is kept, a
 * second run does nothing, and of two nodes one runs it.
 */
class RetentionTest {

    // Calls on one day; the policy is applied at NOW.
    private static final Instant DAY = Instant.parse("2025-11-20T10:00:00Z");
    private static final Instant FROM = Instant.parse("2025-11-20T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-11-21T00:00:00Z");
    private static final RetentionPolicy POLICY = new RetentionPolicy(new RetentionPolicy.Periods(30, 90, 365),
            Map.of("sales", new RetentionPolicy.Periods(0, 90, 0)));

    @TempDir
    Path dir;
    private TestDatabase test;
    private Database db;
    private CallStore calls;
    private LifecycleStore lifecycle;
    private Path recordings;
    private final List<String> audit = new ArrayList<>();

    @BeforeEach
    void storeACallCenterDayOfAnalysedRecordedCalls() throws Exception {
        test = TestDatabase.create("h2", dir);
        db = test.open();
        TestStores.rollups(db, KpiDefinitions.DEFAULTS).markCurrentIfEmpty();
        calls = TestStores.calls(db);
        lifecycle = new LifecycleStore(db, Json.newMapper());
        recordings = Files.createDirectories(dir.resolve("recordings"));
        store("support-1", "support", 0);
        store("support-2", "support", 300);
        store("held", "support", 600);
        store("sales-1", "sales", 900);
        TestStores.surveys(db).save("support-1", 4, 9, 2, DAY.plusSeconds(60));
        lifecycle.setLegalHold("held", true);
    }

    @AfterEach
    void close() {
        db.close();
        test.close();
    }

    @Test
    void fortyDaysOnOnlyRecordingsGoAndSalesKeepsItsOwn() {
        Retention.Report report = retention(DAY.plus(Duration.ofDays(40))).run(false, "test");

        assertThat(report.recordings()).isEqualTo(2);
        assertThat(report.transcripts()).isZero();
        assertThat(report.calls()).isZero();
        assertThat(Files.exists(recordings.resolve("support-1.raw"))).isFalse();
        assertThat(Files.exists(recordings.resolve("held.raw"))).as("legal hold").isTrue();
        assertThat(Files.exists(recordings.resolve("sales-1.raw"))).as("sales keeps recordings forever").isTrue();
        assertThat(calls.find("support-1").orElseThrow().recordingFile()).isNull();
        assertThat(calls.findAnalysis("support-1")).isPresent();
    }

    @Test
    void aHundredDaysOnTheWordsLeaveTheIndexButTheCallIsStillFoundByItsFields() throws Exception {
        try (TranscriptIndex index = TranscriptIndex.inMemory();
             IndexFollower follower = new IndexFollower(calls, new CallIndexer(calls, new CallCrmStore(db), index), index,
                     dir.resolve("checkpoint"), Duration.ofMillis(20))) {
            follower.start();
            assertThat(index.search(CallQuery.builder().text("refund").build()).total()).isEqualTo(4);

            Retention.Report report = retention(DAY.plus(Duration.ofDays(100))).run(false, "test");
            assertThat(follower.pendingChanges()).as("the purge is in the change log every node follows").isPositive();
            awaitCaughtUp(follower);

            assertThat(report.transcripts()).isEqualTo(3);
            assertThat(index.search(CallQuery.builder().text("refund").build()).hits())
                    .extracting(h -> h.id()).containsExactly("held");
            assertThat(index.search(CallQuery.builder().queue("support").build()).total()).isEqualTo(3);
            assertThat(calls.findAnalysis("sales-1")).isEmpty();
        }
    }

    @Test
    void aYearOnTheCallsGoButTheKpisOfTheirDayStayTheSame() {
        List<KpiRow> before = kpis();

        Retention.Report report = retention(DAY.plus(Duration.ofDays(400))).run(false, "test");

        assertThat(report.calls()).isEqualTo(2).as("support-1 and -2; held is held, sales keeps its calls");
        CallRecord anonymous = calls.find("support-1").orElseThrow();
        assertThat(anonymous.caller()).isNull();
        assertThat(anonymous.recordingFile()).isNull();
        assertThat(anonymous.agent()).as("what the KPIs count stays").isEqualTo("Alice");
        assertThat(calls.findAnalysis("support-1")).isEmpty();
        assertThat(calls.find("held")).isPresent();
        assertThat(calls.find("sales-1")).isPresent();
        assertThat(count("SELECT COUNT(*) FROM surveys")).as("scores of an anonymous call, counted in CSAT").isEqualTo(1);
        assertThat(kpis()).isEqualTo(before);
        assertThat(audit).containsExactly("test retention-purged purged 2 call(s), 1 transcript(s), 0 recording(s),"
                + " 0 webhook event(s)");
    }

    @Test
    void kpisOfARangeWithEdgesInsideBucketsStayTheSameAfterThePurgeAndAfterARecountButForRepeatContacts() {
        // 10:02 to 10:12: both edges inside the 10:00 and 10:15 buckets, so the calls themselves are read there.
        KpiQuery edges = new KpiQuery(DAY.plusSeconds(120), DAY.plusSeconds(720), KpiQuery.GroupBy.QUEUE, null, null);
        // Counted once a year on (as the purge sees them), when every repeat window has closed and the cases resolved.
        TestStores.rollups(db, KpiDefinitions.DEFAULTS).rebuild(day -> { });
        List<KpiRow> before = kpis(edges);
        List<KpiRow> dayBefore = kpis();
        assertThat(before).isNotEmpty();

        retention(DAY.plus(Duration.ofDays(400))).run(false, "test");
        List<KpiRow> afterPurge = kpis(edges);
        TestStores.rollups(db, KpiDefinitions.DEFAULTS).rebuild(day -> { });
        List<KpiRow> afterRecount = kpis(edges);

        assertThat(afterPurge).isEqualTo(before);
        // A recount re-links repeat contacts by caller, and a purged call has none: the caller-linked figures
        // (FCR, resolution, returning callers) of purged days are only kept by the rollups counted before.
        String[] linkedByCaller = {"fcr", "resolutionSeconds", "retention"};
        assertThat(afterRecount).usingRecursiveFieldByFieldElementComparatorIgnoringFields(linkedByCaller)
                .isEqualTo(before);
        assertThat(kpis()).as("whole day, after the recount")
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields(linkedByCaller).isEqualTo(dayBefore);
    }

    @Test
    void aSecondRunFindsNothingToDo() {
        Retention retention = retention(DAY.plus(Duration.ofDays(400)));
        retention.run(false, "test");

        Retention.Report again = retention.run(false, "test");

        assertThat(again).isEqualTo(new Retention.Report(0, 0, 0, 0, 0, false));
    }

    @Test
    void aDryRunCountsWhatTheRunDoesAndChangesNothing() {
        Retention retention = retention(DAY.plus(Duration.ofDays(400)));

        Retention.Report dry = retention.run(true, "test");

        assertThat(count("SELECT COUNT(*) FROM calls")).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM analyses")).isEqualTo(4);
        assertThat(audit).isEmpty();
        Retention.Report real = retention.run(false, "test");
        assertThat(dry).isEqualTo(new Retention.Report(real.calls(), real.transcripts(), real.recordings(),
                real.webhookEvents(), 0, true));
    }

    @Test
    void webhookEventsGoAfterTheirDaysOnceNoDeliveryOfThemIsPending() {
        WebhookStore webhooks = new WebhookStore(db);
        WebhookDeliveries deliveries = new WebhookDeliveries(db);
        long hook = webhooks.create("https://crm.example/hook", List.of("call.ended"), "s3cret-s3cret-s3cret", null, "admin",
                DAY).id();
        Instant later = DAY.plus(Duration.ofDays(20));
        deliveries.sendOnly(hook, new ChangeEvents.Event("ev-delivered", "call.ended", "support-1", DAY, "{}".getBytes()));
        deliveries.sendOnly(hook, new ChangeEvents.Event("ev-pending", "call.ended", "support-2", DAY, "{}".getBytes()));
        deliveries.sendOnly(hook, new ChangeEvents.Event("ev-recent", "call.ended", "sales-1", later, "{}".getBytes()));
        for (WebhookDeliveries.Claimed claimed : deliveries.claim("node", later, Duration.ofMinutes(1), 10)) {
            if (!claimed.eventId().equals("ev-pending")) {
                deliveries.recordAttempt(claimed.id(), "node", new WebhookDeliveries.Attempt(later, 200, 5, null, null),
                        WebhookDeliveries.DELIVERED);
            }
        }
        // Only events: the calls' own days (30 for recordings) are not reached at 35 days for their transcripts.
        Retention retention = new Retention(lifecycle, new RecordingFiles(recordings),
                new RetentionPolicy(RetentionPolicy.Periods.FOREVER, Map.of(), 30), Clock.fixed(DAY.plus(Duration.ofDays(35)),
                ZoneOffset.UTC), (who, action, target, detail) -> audit.add(detail));

        assertThat(retention.run(true, "test").webhookEvents()).isEqualTo(1);
        Retention.Report report = retention.run(false, "test");

        assertThat(report.webhookEvents()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM webhook_events WHERE id = 'ev-delivered'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM webhook_attempts")).as("the recent event's attempt").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM webhook_events WHERE id IN ('ev-pending', 'ev-recent')"))
                .as("one still to deliver, one too young").isEqualTo(2);
        assertThat(audit).containsExactly("purged 0 call(s), 0 transcript(s), 0 recording(s), 1 webhook event(s)");
    }

    @Test
    void aRunCutShortIsFinishedByTheNext() throws Exception {
        // As if the last run died after deleting the files of a batch, before its rows changed.
        Files.delete(recordings.resolve("support-1.raw"));

        Retention.Report report = retention(DAY.plus(Duration.ofDays(40))).run(false, "test");

        assertThat(report.recordings()).isEqualTo(2);
        assertThat(report.filesNotDeleted()).isZero();
        assertThat(calls.find("support-1").orElseThrow().recordingFile()).isNull();
    }

    @Test
    void ofTwoNodesOneRunsTheDailyPurge() {
        Clock clock = Clock.fixed(DAY.plus(Duration.ofDays(40)), ZoneOffset.UTC);
        PurgeJob first = new PurgeJob(retention(clock.instant()), new PurgeLeaseStore(db), clock, "node-1");
        PurgeJob second = new PurgeJob(retention(clock.instant()), new PurgeLeaseStore(db), clock, "node-2");

        assertThat(first.runIfDue()).isTrue();
        assertThat(second.runIfDue()).as("ran today already").isFalse();
        assertThat(audit).hasSize(1);
    }

    @Test
    void aLeaseOfANodeThatDiedRunsOutAndAnotherTakesOver() {
        Instant now = DAY.plus(Duration.ofDays(40));
        assertThat(new PurgeLeaseStore(db).claim("died", now, PurgeJob.LEASE, PurgeJob.EVERY)).isTrue();
        Clock soon = Clock.fixed(now.plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        Clock later = Clock.fixed(now.plus(PurgeJob.LEASE).plusSeconds(1), ZoneOffset.UTC);

        assertThat(new PurgeJob(retention(soon.instant()), new PurgeLeaseStore(db), soon, "node-2").runIfDue()).isFalse();
        assertThat(new PurgeJob(retention(later.instant()), new PurgeLeaseStore(db), later, "node-2").runIfDue()).isTrue();
    }

    // ---------------------------------------------------------------- helpers

    private Retention retention(Instant now) {
        return new Retention(lifecycle, new RecordingFiles(recordings), POLICY, Clock.fixed(now, ZoneOffset.UTC),
                (who, action, target, detail) -> audit.add(who + " " + action + " " + detail));
    }

    private static void awaitCaughtUp(IndexFollower follower) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (follower.pendingChanges() > 0) {
            assertThat(System.nanoTime()).as("the index caught up within 30 s").isLessThan(deadline);
            Thread.sleep(20); // polling the follower's own signal, as the HTTP tests poll /api/health
        }
    }

    private List<KpiRow> kpis() {
        return kpis(new KpiQuery(FROM, TO, KpiQuery.GroupBy.QUEUE, null, null));
    }

    private List<KpiRow> kpis(KpiQuery query) {
        return TestStores.kpisAsStored(db, KpiDefinitions.DEFAULTS, Clock.fixed(TO, ZoneOffset.UTC)).compute(query);
    }

    private void store(String id, String queue, long offsetSeconds) throws Exception {
        Instant at = DAY.plusSeconds(offsetSeconds);
        Files.write(recordings.resolve(id + ".raw"), new byte[64]);
        calls.save(CallRecord.builder(id, at, at.plusSeconds(120), CallOutcome.ANSWERED).linkedId(id).caller("5550100")
                .queue(queue).agent("Alice").answeredAt(at.plusSeconds(5)).waitSeconds(5).talkSeconds(115.0)
                .recordingFile("/var/spool/asterisk/monitor/" + id + ".raw").build());
        calls.saveAnalysis(id, report(id), at.plusSeconds(200));
    }

    private static AnalysisReport report(String id) {
        List<Span> spurts = List.of(new Span(0.4, 2.5));
        return new AnalysisReport(id + ".raw", 1.0, Map.of("left", "customer", "right", "agent"),
                Map.of("customer", new PartyMetrics(0.5, null, null, 180.0, null, null, null, -18.0, 0, 0, -0.2, spurts),
                        "agent", new PartyMetrics(0.5, 150.0, 4.5, 120.0, 2.1, 8.0, 6.0, -16.0, 0, 1, 0.3, spurts)),
                null, null, List.of(), 0.1, 0.5, new CallSentiment(-0.2, "neutral", List.of("escalation")),
                List.of(new TranscriptSegment("customer", 0.4, 0.9, "refund please",
                        List.of(new Word("refund", 0.4, 0.6, 0.97), new Word("please", 0.6, 0.9, 0.95)))),
                List.of(), List.of(), null);
    }

    private long count(String query) {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(query); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
