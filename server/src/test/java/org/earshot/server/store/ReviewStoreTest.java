package org.earshot.server.store;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.earshot.server.Json;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reviews and notes against the real schema, on H2 and (with EARSHOT_TEST_PG_URL) PostgreSQL. */
class ReviewStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private TestDatabase test;
    private Database db;
    private ReviewStore reviews;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private void open(String kind) {
        test = TestDatabase.create(kind, dir);
        db = test.open();
        reviews = new ReviewStore(db);
        CallStore calls = TestStores.calls(db);
        for (String id : List.of("c1", "c2")) {
            calls.save(CallRecord.builder(id, NOW.minusSeconds(3600), NOW.minusSeconds(3300), CallOutcome.ANSWERED)
                    .linkedId(id).agent("Alice").build());
        }
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
    void aSavedReviewReadsBackAsItWasSaved(String kind) {
        open(kind);
        ReviewStore.Stored review = stored("c1", "reviewed", "[{\"value\": 1.0}]", 72.5);

        assertThat(reviews.update("c1", current -> review)).isEqualTo(review);

        assertThat(reviews.find("c1")).contains(review);
        assertThat(reviews.find("c2")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReviewWithNothingScoredKeepsANullScore(String kind) {
        open(kind);

        reviews.update("c1", current -> stored("c1", "to-review", "[]", null));

        assertThat(reviews.find("c1")).hasValueSatisfying(r -> assertThat(r.score()).isNull());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theChangeIsGivenTheCurrentReviewOrNoneTheFirstTime(String kind) {
        open(kind);
        Function<Optional<ReviewStore.Stored>, ReviewStore.Stored> appendQuinn = current ->
                stored("c1", "to-review", current.map(r -> r.scores() + "+").orElse("") + "quinn", null);

        reviews.update("c1", appendQuinn);
        reviews.update("c1", appendQuinn);

        assertThat(reviews.find("c1")).hasValueSatisfying(r -> assertThat(r.scores()).isEqualTo("quinn+quinn"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aChangeThatThrowsReachesTheCallerAsItIsAndSavesNothing(String kind) {
        open(kind);
        ReviewStore.Stored before = reviews.update("c1", current -> stored("c1", "reviewed", "[]", 50.0));

        assertThatThrownBy(() -> reviews.update("c1", current -> {
            throw new IllegalStateException("no active scorecard");
        })).isExactlyInstanceOf(IllegalStateException.class).hasMessage("no active scorecard");

        assertThat(reviews.find("c1")).contains(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoFirstSavesAtOnceBothLandTheLaterSeeingTheEarlier(String kind) throws Exception {
        open(kind);
        // Both changes are held until each has read "no review yet": both then insert, one insert loses.
        CyclicBarrier bothRead = new CyclicBarrier(2);
        AtomicInteger changes = new AtomicInteger();
        ExecutorService reviewers = Executors.newFixedThreadPool(2);
        try {
            List<Future<ReviewStore.Stored>> saves = List.of("quinn", "rita").stream()
                    .map(name -> reviewers.submit(() -> reviews.update("c1", current -> {
                        if (changes.incrementAndGet() <= 2) {
                            await(bothRead);
                        }
                        return stored("c1", "to-review", current.map(r -> r.scores() + "+").orElse("") + name, null);
                    })))
                    .toList();
            for (Future<ReviewStore.Stored> save : saves) {
                save.get(30, TimeUnit.SECONDS);
            }
        } finally {
            reviewers.shutdownNow();
        }

        assertThat(changes).as("the losing save read the review again").hasValue(3);
        assertThat(reviews.find("c1")).hasValueSatisfying(r -> assertThat(r.scores()).isIn("quinn+rita", "rita+quinn"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void notesComeBackOldestFirstForTheirCallOnly(String kind) {
        open(kind);

        Note first = reviews.addNote("c1", 20.9, "Customer cuts in here", "quinn", NOW);
        Note second = reviews.addNote("c1", null, "Good call overall", "rita", NOW.plusSeconds(60));
        reviews.addNote("c2", 1.0, "Another call", "quinn", NOW);

        assertThat(reviews.notes("c1")).containsExactly(first, second);
        assertThat(first).isEqualTo(new Note(first.id(), 20.9, "Customer cuts in here", "quinn", NOW));
        assertThat(second.atSeconds()).isNull();
        assertThat(reviews.notes("c2")).extracting(Note::text).containsExactly("Another call");
    }

    private static ReviewStore.Stored stored(String callId, String status, String scores, Double score) {
        return new ReviewStore.Stored(callId, status, 1, "Standard call", scores, score, "quinn", NOW);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other save never read the review", e);
        }
    }
}
