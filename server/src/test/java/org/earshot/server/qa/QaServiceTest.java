package org.earshot.server.qa;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.earshot.server.Json;
import org.earshot.server.store.AgentFigures;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.Note;
import org.earshot.server.store.ReviewQueueStore;
import org.earshot.server.store.ReviewStore;
import org.earshot.server.store.ScorecardStore;
import org.earshot.server.store.TestDatabase;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** QA review against the real schema, on H2 and (with EARSHOT_TEST_PG_URL) PostgreSQL. */
class QaServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Instant MONTH_AGO = NOW.minusSeconds(30 * 86400);

    @TempDir
    Path dir;

    private final ObjectMapper json = Json.newMapper();
    private TestDatabase test;
    private Database db;
    private CallStore calls;
    private QaService qa;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    /**
     * c1 (Alice, 09:00) and c4 (Alice, 09:30) and c2 (Bob, 09:10) are flagged; c3 (Alice, 09:20) is
     * analysed without flags; c5 (Bob) is flagged but from two months ago.
     */
    private void open(String kind) {
        test = TestDatabase.create(kind, dir);
        db = test.open();
        calls = TestStores.calls(db);
        qa = new QaService(calls, new ScorecardStore(db), new ReviewStore(db), new ReviewQueueStore(db), json, CLOCK);
        AnalysisReport agitated = LabelledCalls.report("agitated-call", -0.6);
        call("c1", "09:00", "Alice", "support", agitated, "escalation", "customer-negative");
        call("c2", "09:10", "Bob", "sales", agitated, "long-dead-air");
        call("c3", "09:20", "Alice", "support", LabelledCalls.report("calm-call", 0.5));
        call("c4", "09:30", "Alice", "support", agitated, "customer-negative");
        call("c5", null, "Bob", "sales", agitated, "escalation");
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
    void freshInstallHasTheSeededStandardScorecard(String kind) {
        open(kind);

        List<Scorecard> cards = qa.scorecards();

        assertThat(cards).hasSize(1);
        Scorecard card = cards.get(0);
        assertThat(card.name()).isEqualTo("Standard call");
        assertThat(card.active()).isTrue();
        assertThat(card.criteria()).extracting(Criterion::id)
                .containsExactly("greeting", "no-interruptions", "dead-air", "empathy", "resolution", "further-help");
        assertThat(card.criteria().stream().mapToDouble(Criterion::weight).sum()).isEqualTo(100);
        assertThat(card.criteria()).filteredOn(c -> c.auto() == null).extracting(Criterion::id)
                .containsExactly("empathy", "resolution");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void draftOfAFlaggedCallScoresItsAutomaticCriteriaOnly(String kind) {
        open(kind);

        Review draft = qa.review("c1");

        assertThat(draft.status()).isEqualTo("to-review");
        assertThat(draft.reviewer()).isNull();
        assertThat(draft.updatedAt()).isNull();
        assertThat(draft.scorecardName()).isEqualTo("Standard call");
        // agitated-call: greets at 0.4 s, never interrupts, 11 s of dead air, never offers further help.
        assertThat(draft.scores()).extracting(Review.Score::criterionId, Review.Score::value).containsExactly(
                tuple("greeting", 1.0), tuple("no-interruptions", 1.0), tuple("dead-air", 0.0), tuple("empathy", null),
                tuple("resolution", null), tuple("further-help", 0.0));
        assertThat(score(draft, "greeting").auto().evidence()).isEqualTo("'thank you for calling' at 0.4 s");
        assertThat(score(draft, "empathy").auto()).isNull();
        // (10 + 15) of the weights 10 + 15 + 10 + 15 that have a value.
        assertThat(draft.score()).isEqualTo(50.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void savedReviewHasTheReviewerTheValuesAndTheOverrides(String kind) {
        open(kind);

        Review saved = qa.saveReview("c1", input("reviewed", "empathy", 1.0, "resolution", 0.5, "dead-air", 1.0), "quinn");

        assertThat(saved.reviewer()).isEqualTo("quinn");
        assertThat(saved.updatedAt()).isEqualTo(NOW);
        assertThat(saved.status()).isEqualTo("reviewed");
        assertThat(score(saved, "dead-air").overridden()).isTrue();
        assertThat(score(saved, "dead-air").auto().passed()).isFalse();
        assertThat(score(saved, "greeting").overridden()).isFalse();
        // 10·1 + 15·1 + 10·1 (override) + 20·1 + 30·0.5 + 15·0 = 70 of 100.
        assertThat(saved.score()).isEqualTo(70.0);
        assertThat(qa.review("c1")).isEqualTo(saved);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void previewScoresTheChoicesAsSavingThemWouldWithoutSavingThem(String kind) {
        open(kind);
        var choices = input("reviewed", "empathy", 1.0, "resolution", 0.5, "dead-air", 1.0);

        Review preview = qa.previewReview("c1", choices);

        assertThat(qa.review("c1").reviewer()).as("nothing saved").isNull();
        assertThat(preview.score()).isEqualTo(70.0).isEqualTo(qa.saveReview("c1", choices, "quinn").score());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eachScoreSaysWhetherItIsTheAutomaticResultAnOverrideOrTheReviewers(String kind) {
        open(kind);

        Review saved = qa.saveReview("c1", input("reviewed", "empathy", 1.0, "dead-air", 1.0), "quinn");

        assertThat(score(saved, "greeting").source()).isEqualTo("auto");
        assertThat(score(saved, "dead-air").source()).isEqualTo("override");
        assertThat(score(saved, "empathy").source()).isEqualTo("reviewer");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void savingAgainChangesOnlyWhatIsSent(String kind) {
        open(kind);
        qa.saveReview("c1", input("reviewed", "empathy", 1.0, "dead-air", 1.0), "quinn");

        Review disputed = qa.saveReview("c1", input("disputed", "dead-air", NULL), "rita");

        assertThat(disputed.status()).isEqualTo("disputed");
        assertThat(disputed.reviewer()).isEqualTo("rita");
        assertThat(score(disputed, "empathy").value()).isEqualTo(1.0);
        assertThat(score(disputed, "dead-air").value()).as("null takes the automatic result back").isEqualTo(0.0);
        assertThat(score(disputed, "dead-air").overridden()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoReviewersSavingTheFirstReviewAtOnceKeepBothValues(String kind) throws Exception {
        open(kind);
        for (int round = 0; round < 5; round++) {
            String id = "c" + (round % 2 == 0 ? "1" : "2");
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService reviewers = Executors.newFixedThreadPool(2);
            try {
                Future<Review> first = reviewers.submit(() -> {
                    go.await();
                    return qa.saveReview(id, input("to-review", "empathy", 1.0), "quinn");
                });
                Future<Review> second = reviewers.submit(() -> {
                    go.await();
                    return qa.saveReview(id, input("to-review", "resolution", 0.5), "rita");
                });
                go.countDown();
                first.get(30, TimeUnit.SECONDS);
                second.get(30, TimeUnit.SECONDS);
            } finally {
                reviewers.shutdownNow();
            }

            Review review = qa.review(id);
            assertThat(score(review, "empathy").value()).isEqualTo(1.0);
            assertThat(score(review, "resolution").value()).isEqualTo(0.5);
            qa.saveReview(id, input("to-review", "empathy", NULL, "resolution", NULL), "quinn");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void editingTheScorecardLeavesPastReviewsAsTheyWere(String kind) {
        open(kind);
        Review before = qa.saveReview("c1", input("reviewed", "empathy", 1.0), "quinn");

        qa.updateScorecard(1, new ScorecardInput("Standard call v2", List.of(
                new Criterion("empathy", "Acknowledges the problem", 50, null),
                new Criterion("greeting", "Greets", 50, new AutoRule.AgentPhrase(List.of("hello"), 5))), null));

        assertThat(qa.review("c1")).isEqualTo(before);
        assertThat(qa.review("c2").scorecardName()).as("a new review uses the edited scorecard").isEqualTo("Standard call v2");
        assertThat(qa.saveReview("c1", input("reviewed"), "quinn").scores()).as("saving again keeps the snapshot")
                .isEqualTo(before.scores());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void choosingAnotherScorecardScoresTheCallAgainstIt(String kind) {
        open(kind);
        qa.saveReview("c1", input("to-review", "empathy", 1.0), "quinn");
        Scorecard brief = qa.createScorecard(new ScorecardInput("Brief", List.of(
                new Criterion("listening", "Listens", 1, new AutoRule.MaxAgentTalkRatio(0.5))), null));

        Review review = qa.saveReview("c1", new ReviewInput(brief.id(), "reviewed", Map.of()), "quinn");

        assertThat(review.scorecardId()).isEqualTo(brief.id());
        assertThat(review.scores()).extracting(Review.Score::criterionId).containsExactly("listening");
        // agitated-call: the agent has 11.0 of the 19.8 s of talk.
        assertThat(review.score()).isEqualTo(0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void inactiveOrUnknownScorecardCannotStartAReview(String kind) {
        open(kind);
        Scorecard retired = qa.createScorecard(new ScorecardInput("Old", List.of(new Criterion("x", "X", 1, null)), false));

        assertThatThrownBy(() -> qa.saveReview("c1", new ReviewInput(retired.id(), "reviewed", Map.of()), "quinn"))
                .isInstanceOf(QaException.class)
                .hasMessage("scorecardId: scorecard " + retired.id() + " is not active");
        assertThatThrownBy(() -> qa.saveReview("c1", new ReviewInput(99L, "reviewed", Map.of()), "quinn"))
                .hasMessage("scorecardId: no scorecard with id 99");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void lastActiveScorecardCannotBeDeactivated(String kind) {
        open(kind);
        ScorecardInput off = new ScorecardInput("Standard call", qa.scorecards().get(0).criteria(), false);

        assertThatThrownBy(() -> qa.updateScorecard(1, off))
                .isInstanceOf(QaException.class)
                .hasMessageContaining("only active one");

        Scorecard other = qa.createScorecard(new ScorecardInput("Other", List.of(new Criterion("x", "X", 1, null)), null));
        assertThat(qa.updateScorecard(1, off).active()).isFalse();
        assertThat(qa.review("c1").scorecardId()).as("drafts move to the remaining active scorecard").isEqualTo(other.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void queueListsFlaggedCallsToReviewNewestFirst(String kind) {
        open(kind);

        QueuePage page = qa.queue(query("to-review", null, null, null));

        assertThat(page.items()).extracting(QueuePage.Item::callId).containsExactly("c4", "c2", "c1", "c5");
        assertThat(page.total()).isEqualTo(4);
        QueuePage.Item c1 = page.items().get(2);
        assertThat(c1.flags()).containsExactly("escalation", "customer-negative");
        assertThat(c1.agent()).isEqualTo("Alice");
        assertThat(c1.queue()).isEqualTo("support");
        assertThat(c1.caller()).isEqualTo("555c1");
        assertThat(c1.startedAt()).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(c1.durationSeconds()).isEqualTo(300);
        assertThat(c1.sentiment()).isEqualTo(-0.6);
        assertThat(c1.status()).isEqualTo("to-review");
        assertThat(c1.score()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void reviewedCallLeavesTheToReviewList(String kind) {
        open(kind);
        qa.saveReview("c1", input("reviewed", "empathy", 1.0), "quinn");
        qa.saveReview("c4", input("disputed"), "quinn");
        qa.saveReview("c2", input("to-review", "empathy", 0.0), "quinn");

        assertThat(ids(query("to-review", null, null, null))).containsExactly("c2", "c5");
        assertThat(ids(query("reviewed", null, null, null))).containsExactly("c1");
        assertThat(ids(query("disputed", null, null, null))).containsExactly("c4");
        assertThat(ids(query("all", null, null, null))).containsExactly("c4", "c2", "c1", "c5");
        QueuePage.Item reviewed = qa.queue(query("reviewed", null, null, null)).items().get(0);
        assertThat(reviewed.reviewer()).isEqualTo("quinn");
        assertThat(reviewed.updatedAt()).isEqualTo(NOW);
        assertThat(reviewed.score()).isEqualTo(qa.review("c1").score());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void reviewOfACallWithoutFlagsIsListedWithTheReviewed(String kind) {
        open(kind);
        assertThat(ids(query("all", null, null, null))).doesNotContain("c3");

        qa.saveReview("c3", input("reviewed", "empathy", 1.0), "quinn");

        assertThat(ids(query("reviewed", null, null, null))).containsExactly("c3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void queueFiltersByWholeFlagAgentAndQueue(String kind) {
        open(kind);

        assertThat(ids(query("all", "escalation", null, null))).containsExactly("c1", "c5");
        assertThat(ids(query("all", "customer", null, null))).as("a flag matches whole").isEmpty();
        assertThat(ids(query("all", "customer-negative", "Alice", null))).containsExactly("c4", "c1");
        assertThat(ids(query("all", null, null, "sales"))).containsExactly("c2", "c5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void queuePagesKeepTheTotal(String kind) {
        open(kind);

        QueuePage second = qa.queue(new QueueQuery("all", null, null, null, 1, 3));

        assertThat(second.total()).isEqualTo(4);
        assertThat(second.items()).extracting(QueuePage.Item::callId).containsExactly("c5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void notesComeBackWithTheReviewInOrder(String kind) {
        open(kind);

        Note first = qa.addNote("c1", new NoteInput(20.9, "Customer cuts in here; agent stays calm"), "quinn");
        Note second = qa.addNote("c1", new NoteInput(null, "Good call overall"), "rita");

        assertThat(first.createdAt()).isEqualTo(NOW);
        assertThat(qa.review("c1").notes()).containsExactly(first, second);
        assertThat(second.atSeconds()).isNull();
        assertThat(second.author()).isEqualTo("rita");
        assertThat(qa.review("c2").notes()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void unknownCallIsNotFound(String kind) {
        open(kind);

        assertThatThrownBy(() -> qa.review("nope")).isInstanceOf(QaException.class)
                .matches(e -> ((QaException) e).notFound()).hasMessage("no call with id nope");
        assertThatThrownBy(() -> qa.saveReview("nope", input("reviewed"), "quinn"))
                .matches(e -> ((QaException) e).notFound());
        assertThatThrownBy(() -> qa.addNote("nope", new NoteInput(1.0, "x"), "quinn"))
                .matches(e -> ((QaException) e).notFound());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aNoteAtASecondPastTheEndOfTheCallIsRefused(String kind) {
        open(kind);

        assertThatThrownBy(() -> qa.addNote("c1", new NoteInput(99_999.0, "x"), "quinn"))
                .isInstanceOf(QaException.class).hasMessageContaining("past the end of the call");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void agentFiguresCountEachAgentsReviewsInThePeriod(String kind) {
        open(kind);
        qa.saveReview("c1", input("reviewed", "empathy", 1.0, "resolution", 0.5, "dead-air", 1.0), "quinn"); // 70
        qa.saveReview("c3", input("reviewed", "empathy", 0.0, "resolution", 0.0), "quinn");
        qa.saveReview("c4", input("disputed", "empathy", 0.0), "quinn");
        double c3 = qa.review("c3").score();

        List<AgentFigures> figures = qa.agents(MONTH_AGO, NOW);

        assertThat(figures).extracting(AgentFigures::agent).containsExactly("Alice", "Bob");
        AgentFigures alice = figures.get(0);
        assertThat(alice.reviewed()).isEqualTo(2);
        assertThat(alice.disputed()).isEqualTo(1);
        assertThat(alice.toReview()).isZero();
        assertThat(alice.avgScore()).isEqualTo((70.0 + c3) / 2);
        assertThat(alice.lowestScore()).isEqualTo(Math.min(70.0, c3));
        assertThat(alice.lastReviewedAt()).isEqualTo(NOW);
        // c5 entered two months ago: outside the period.
        assertThat(figures.get(1)).isEqualTo(new AgentFigures("Bob", 0, 0, 1, null, null, null));
    }

    private void call(String id, String time, String agent, String queue, AnalysisReport report, String... flags) {
        Instant at = time == null ? Instant.parse("2026-09-20T09:00:00Z") : Instant.parse("2026-11-23T" + time + ":00Z");
        calls.save(CallRecord.builder(id, at, at.plusSeconds(300), CallOutcome.ANSWERED).linkedId(id).caller("555" + id)
                .queue(queue).agent(agent).answeredAt(at.plusSeconds(10)).waitSeconds(10).talkSeconds(290.0).build());
        // The labelled reports hold no call sentiment: here it is the customer's, with the flags given.
        double customer = report.parties().get("customer").sentiment();
        calls.saveAnalysis(id, new AnalysisReport(report.file(), report.durationSeconds(), report.channels(),
                report.parties(), report.overlaps(), report.overlapsPerMinute(), report.deadAir(), report.silenceRatio(),
                report.agentTalkRatio(), new AnalysisReport.CallSentiment(customer, customer < 0 ? "negative" : "positive",
                List.of(flags)), report.transcript(), report.timeline(), report.notes(), report.cues()),
                at.plusSeconds(400));
    }

    private static final Double NULL = null;

    /** A review input from criterion id, value pairs. */
    private static ReviewInput input(String status, Object... idsAndValues) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < idsAndValues.length; i += 2) {
            values.put((String) idsAndValues[i], (Double) idsAndValues[i + 1]);
        }
        return new ReviewInput(null, status, values);
    }

    private static QueueQuery query(String status, String flag, String agent, String queue) {
        return new QueueQuery(status, flag, agent, queue, 0, 25);
    }

    private List<String> ids(QueueQuery query) {
        return qa.queue(query).items().stream().map(QueuePage.Item::callId).toList();
    }

    private static Review.Score score(Review review, String id) {
        return review.scores().stream().filter(s -> s.criterionId().equals(id)).findFirst().orElseThrow();
    }
}
