package org.earshot.server.store;

import org.earshot.server.testing.TestStores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.earshot.server.Json;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AnalysisReport.CallSentiment;
import org.earshot.speech.AnalysisReport.Cue;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.AnalysisReport.TimelineWindow;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A call's analysis report goes into the store as the speech module's record and comes back as one. */
class CallStoreAnalysisTest {

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

    @TempDir
    Path dir;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSavedReportIsFoundAsTheSameRecord(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            CallStore calls = storeWithCalls(db, "c1");
            AnalysisReport report = stereoReport(List.of("customer-negative", "escalation"));

            calls.saveAnalysis("c1", report, T.plusSeconds(400));

            assertThat(calls.findAnalysis("c1")).contains(report);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReportWithItsUnmeasuredFieldsLeftOutIsFoundWithThemStillNull(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            CallStore calls = storeWithCalls(db, "m1");
            AnalysisReport mono = new AnalysisReport("m1.wav", 30, Map.of("mono", "mixed"), Map.of(), null, null, List.of(),
                    null, null, null, List.of(), null, List.of("mono recording: the parties cannot be told apart"), null);

            calls.saveAnalysis("m1", mono, T.plusSeconds(400));

            assertThat(calls.findAnalysis("m1")).contains(mono);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCallNotAnalysedHasNoReport(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            assertThat(storeWithCalls(db, "c1").findAnalysis("c1")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReanalysisReplacesTheReport(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            CallStore calls = storeWithCalls(db, "c1");
            calls.saveAnalysis("c1", stereoReport(List.of("escalation")), T.plusSeconds(400));
            AnalysisReport again = stereoReport(List.of());

            calls.saveAnalysis("c1", again, T.plusSeconds(900));

            assertThat(calls.findAnalysis("c1")).contains(again);
            assertThat(calls.summaries(List.of("c1")).get("c1").flags()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anUnreadableStoredReportIsAStoreExceptionThatNamesTheCall(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            CallStore calls = storeWithCalls(db, "c-7731");
            calls.saveAnalysis("c-7731", stereoReport(List.of()), T.plusSeconds(400));
            overwriteReport(db, "c-7731", "{\"parties\": [truncated");

            assertThatThrownBy(() -> calls.findAnalysis("c-7731")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("call c-7731");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aStoredJsonNullIsNoReportButAStoreExceptionThatNamesTheCall(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            CallStore calls = storeWithCalls(db, "c-null");
            calls.saveAnalysis("c-null", stereoReport(List.of()), T.plusSeconds(400));
            overwriteReport(db, "c-null", "null");

            assertThatThrownBy(() -> calls.findAnalysis("c-null")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("call c-null");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theFlagsAndSentimentsListsShowAreTheReportsOwn(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            CallStore calls = storeWithCalls(db, "c1", "m1");
            calls.saveAnalysis("c1", stereoReport(List.of("customer-negative", "escalation")), T.plusSeconds(400));
            calls.saveAnalysis("m1", new AnalysisReport("m1.wav", 30, Map.of("mono", "mixed"), Map.of(), null, null,
                    List.of(), null, null, null, List.of(), null, List.of(), null), T.plusSeconds(400));

            Map<String, CallStore.Summary> summaries = calls.summaries(List.of("c1", "m1"));

            assertThat(summaries.get("c1")).isEqualTo(new CallStore.Summary(-0.45, List.of("customer-negative", "escalation")));
            assertThat(summaries.get("m1")).as("no sentiment computed: none shown, never zero")
                    .isEqualTo(new CallStore.Summary(null, List.of()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theColumnsHoldEachPartysSentimentFromTheReport(String kind) throws SQLException {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            CallStore calls = storeWithCalls(db, "c1");
            calls.saveAnalysis("c1", stereoReport(List.of()), T.plusSeconds(400));

            try (Connection c = db.connection();
                 PreparedStatement s = c.prepareStatement("SELECT customer_sentiment, agent_sentiment FROM analyses"
                         + " WHERE call_id = 'c1'");
                 var rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getDouble(1)).isEqualTo(-0.6);
                assertThat(rs.getDouble(2)).isEqualTo(0.25);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void distillingManyReportsHandsOverAnUnreadableOneAsSuchAndLeavesCallsNotAnalysedOut(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            CallStore calls = storeWithCalls(db, "ok", "bad", "never");
            calls.saveAnalysis("ok", stereoReport(List.of()), T.plusSeconds(400));
            calls.saveAnalysis("bad", stereoReport(List.of()), T.plusSeconds(500));
            overwriteReport(db, "bad", "{\"parties\": [truncated");

            Map<String, String> distilled = calls.distilAnalyses(List.of("ok", "bad", "never"),
                    a -> a.report() == null ? "unreadable at " + a.analysedAt() + ": " + (a.unreadable() != null)
                            : a.report().file() + " at " + a.analysedAt());

            assertThat(distilled).containsOnly(
                    Map.entry("ok", "c1.wav at " + T.plusSeconds(400)),
                    Map.entry("bad", "unreadable at " + T.plusSeconds(500) + ": true"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void distillingReadsEveryReportAskedForBeyondOneStatementsWorth(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            String[] ids = new String[501];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = "c" + i;
            }
            CallStore calls = storeWithCalls(db, ids);
            for (String id : ids) {
                calls.saveAnalysis(id, stereoReport(List.of()), T.plusSeconds(400));
            }

            assertThat(calls.distilAnalyses(List.of(ids), a -> a.report().durationSeconds())).hasSize(ids.length)
                    .allSatisfy((id, duration) -> assertThat(duration).isEqualTo(120.0));
        }
    }

    private static CallStore storeWithCalls(Database db, String... ids) {
        CallStore calls = TestStores.calls(db);
        for (String id : ids) {
            calls.save(CallRecord.builder(id, T, T.plusSeconds(130), CallOutcome.ANSWERED).linkedId(id).caller("5550100")
                    .queue("support").agent("Alice").answeredAt(T.plusSeconds(10)).waitSeconds(10).talkSeconds(120.0)
                    .build());
        }
        return calls;
    }

    /** Every kind of field a report holds, each with a value that must survive the trip. */
    private static AnalysisReport stereoReport(List<String> flags) {
        List<Span> spurts = List.of(new Span(0.4, 2.5), new Span(10.0, 25.125));
        return new AnalysisReport("c1.wav", 120.0, Map.of("left", "customer", "right", "agent"),
                Map.of("customer", new PartyMetrics(40.0, 150.0, 4.2, 180.0, 3.2, 11.0, 9.5, -18.0, 1, 0, -0.6, spurts),
                        "agent", new PartyMetrics(42.5, 161.0, 4.5, 120.0, 2.1, 8.0, 6.0, -16.0, 2, 3, 0.25, spurts)),
                List.of(new Overlap(5.0, 5.4, "agent", "backchannel"), new Overlap(20.0, 21.2, "agent", "interruption")),
                1.0, List.of(new Span(60.0, 64.5)), 0.1, 0.52,
                new CallSentiment(-0.45, "negative", flags),
                List.of(new TranscriptSegment("customer", 3.1, 4.8, "my bill is wrong again",
                        List.of(new Word("bill", 3.4, 3.7, 0.91), new Word("wrong", 3.9, 4.2, 0.9)))),
                List.of(new TimelineWindow(0, 30, -0.2, 0.3, 182.5, null), new TimelineWindow(30, 60, null, 0.1)),
                List.of("truncated: the last 2 s were not analysed"),
                List.of(new Cue("customer", "word", 3.9, 4.2, -0.3, "wrong"), new Cue(null, "dead-air", 60, 64.5, -0.1, null)));
    }

    private static void overwriteReport(Database db, String id, String json) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE analyses SET report = ? WHERE call_id = ?")) {
            s.setString(1, json);
            s.setString(2, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("overwriting the report of call " + id + " failed", e);
        }
    }
}
