package org.earshot.server.store;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.earshot.server.Json;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The review queue and per-agent figures against the real schema, on H2 and (with EARSHOT_TEST_PG_URL) PostgreSQL. */
class ReviewQueueStoreTest {

    private static final Instant DAY = Instant.parse("2026-11-23T00:00:00Z");

    @TempDir
    Path dir;

    private TestDatabase test;
    private Database db;
    private CallStore calls;
    private ReviewStore reviews;
    private ReviewQueueStore queue;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private void open(String kind) {
        test = TestDatabase.create(kind, dir);
        db = test.open();
        calls = TestStores.calls(db);
        reviews = new ReviewStore(db);
        queue = new ReviewQueueStore(db);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        if (test != null) {
            test.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void queueHoldsFlaggedCallsAndReviewedOnesNewestFirst(String kind) {
        open(kind);
        call("flagged", 9, "Alice", "support", -0.4, "escalation");
        call("calm", 10, "Alice", "support", 0.5);
        call("reviewed-calm", 11, "Bob", "sales", 0.3);
        call("not-analysed", 12, "Bob", "sales", null);
        review("reviewed-calm", "reviewed", 80.0, 11);

        ReviewQueueStore.Page page = queue.page(filter("all", null, null, null), 0, 25);

        assertThat(page.rows()).extracting(ReviewQueueStore.Row::callId).containsExactly("reviewed-calm", "flagged");
        assertThat(page.total()).isEqualTo(2);
        ReviewQueueStore.Row flagged = page.rows().get(1);
        assertThat(flagged).isEqualTo(new ReviewQueueStore.Row("flagged", List.of("escalation"), -0.4, "to-review",
                null, null, null));
        assertThat(page.rows().get(0)).isEqualTo(new ReviewQueueStore.Row("reviewed-calm", List.of(), 0.3, "reviewed",
                80.0, "quinn", at(11, 30)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void toReviewIsNoReviewYetOrOneSavedAsToReview(String kind) {
        open(kind);
        call("none", 9, "Alice", "support", -0.4, "escalation");
        call("saved-to-review", 10, "Alice", "support", -0.4, "escalation");
        call("reviewed", 11, "Alice", "support", -0.4, "escalation");
        call("disputed", 12, "Alice", "support", -0.4, "escalation");
        review("saved-to-review", "to-review", null, 10);
        review("reviewed", "reviewed", 50.0, 11);
        review("disputed", "disputed", 40.0, 12);

        assertThat(ids(filter("to-review", null, null, null))).containsExactly("saved-to-review", "none");
        assertThat(ids(filter("reviewed", null, null, null))).containsExactly("reviewed");
        assertThat(ids(filter("disputed", null, null, null))).containsExactly("disputed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void flagMatchesAWholeEntryWithLikeWildcardsTakenLiterally(String kind) {
        open(kind);
        call("c1", 9, "Alice", "support", -0.6, "escalation", "customer-negative");
        call("c2", 10, "Alice", "support", -0.6, "customer_negative");
        call("c3", 11, "Alice", "support", -0.6, "100%");

        assertThat(ids(filter("all", "customer-negative", null, null))).containsExactly("c1");
        assertThat(ids(filter("all", "customer", null, null))).isEmpty();
        assertThat(ids(filter("all", "escalation", null, null))).containsExactly("c1");
        assertThat(ids(filter("all", "customer_negative", null, null))).as("_ is not a wildcard").containsExactly("c2");
        assertThat(ids(filter("all", "%", null, null))).as("% is not a wildcard").isEmpty();
        assertThat(ids(filter("all", "100%", null, null))).containsExactly("c3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void agentAndQueueNarrowTheList(String kind) {
        open(kind);
        call("c1", 9, "Alice", "support", -0.6, "escalation");
        call("c2", 10, "Bob", "support", -0.6, "escalation");
        call("c3", 11, "Alice", "sales", -0.6, "escalation");

        assertThat(ids(filter("all", null, "Alice", null))).containsExactly("c3", "c1");
        assertThat(ids(filter("all", null, null, "support"))).containsExactly("c2", "c1");
        assertThat(ids(filter("all", null, "Alice", "support"))).containsExactly("c1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aPageSkipsTheOffsetAndKeepsTheTotal(String kind) {
        open(kind);
        for (int hour = 1; hour <= 5; hour++) {
            call("c" + hour, hour, "Alice", "support", -0.6, "escalation");
        }

        ReviewQueueStore.Page page = queue.page(filter("all", null, null, null), 2, 2);

        assertThat(page.total()).isEqualTo(5);
        assertThat(page.rows()).extracting(ReviewQueueStore.Row::callId).containsExactly("c3", "c2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void agentFiguresCountTheQueuedCallsOfThePeriodPerAgentSortedByName(String kind) {
        open(kind);
        call("a1", 9, "alice", "support", -0.6, "escalation");
        call("a2", 10, "alice", "support", -0.6, "escalation");
        call("a3", 11, "alice", "support", -0.6, "escalation");
        call("a4", 12, "alice", "support", -0.6, "escalation");
        call("b1", 9, "Bob", "sales", -0.6, "escalation");
        call("c1", 9, "Carol", "sales", 0.5);
        call("early", -30, "Bob", "sales", -0.6, "escalation");
        review("a1", "reviewed", 70.0, 13);
        review("a2", "reviewed", 90.0, 14);
        review("a3", "disputed", 10.0, 15);
        review("early", "reviewed", 0.0, 16);

        List<AgentFigures> figures = queue.agents(DAY, DAY.plusSeconds(86400));

        // Sorted without regard to case; Carol's only call is not in the queue; "early" entered the day before.
        assertThat(figures).containsExactly(
                new AgentFigures("alice", 2, 1, 1, 80.0, 70.0, at(15, 30)),
                new AgentFigures("Bob", 0, 0, 1, null, null, null));
    }

    @Test
    void aFilterNamesOneOfTheStatuses() {
        assertThatThrownBy(() -> filter("done", null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("done");
    }

    private static ReviewQueueStore.Filter filter(String status, String flag, String agent, String queue) {
        return new ReviewQueueStore.Filter(status, flag, agent, queue);
    }

    private List<String> ids(ReviewQueueStore.Filter filter) {
        return queue.page(filter, 0, 25).rows().stream().map(ReviewQueueStore.Row::callId).toList();
    }

    private static Instant at(int hour, int minute) {
        return DAY.plusSeconds(hour * 3600L + minute * 60L);
    }

    /** A call entering at {@code hour} of the day, analysed with these flags unless the sentiment is null. */
    private void call(String id, int hour, String agent, String queueName, Double sentiment, String... flags) {
        Instant entered = at(hour, 0);
        calls.save(CallRecord.builder(id, entered, entered.plusSeconds(300), CallOutcome.ANSWERED).linkedId(id)
                .queue(queueName).agent(agent).answeredAt(entered.plusSeconds(10)).waitSeconds(10).talkSeconds(290.0)
                .build());
        if (sentiment != null) {
            calls.saveAnalysis(id, new org.earshot.speech.AnalysisReport("call.wav", 300, java.util.Map.of("left", "customer",
                    "right", "agent"), java.util.Map.of(), null, null, List.of(), null, null,
                    new org.earshot.speech.AnalysisReport.CallSentiment(sentiment, "negative", List.of(flags)), List.of(), null,
                    List.of(), null), entered.plusSeconds(400));
        }
    }

    private void review(String callId, String status, Double score, int hour) {
        reviews.update(callId, current -> new ReviewStore.Stored(callId, status, 1, "Standard call", "[]", score, "quinn",
                at(hour, 30)));
    }
}
