package org.earshot.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.earshot.server.store.SavedSearchStore.Draft;
import org.earshot.server.store.SavedSearchStore.Filters;
import org.earshot.server.store.SavedSearchStore.Match;
import org.earshot.server.store.SavedSearchStore.SavedSearch;
import org.earshot.server.testing.TestStores;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Saved searches read back typed, their matches recorded once and counted new until seen, and their QA flags. */
class SavedSearchStoreTest {

    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");
    private static final Filters FILTERS = new Filters("customer", "2026-12-01", null, 60.0, null, null, 30.5, null, null,
            List.of("+1 404 555 0149"), List.of("billing", "support"), List.of("Alice"), List.of("answered"),
            List.of("escalation", "customer-negative"), List.of("interruptions.customer>=3"), List.of(), "-date");

    @TempDir
    Path dir;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSearchReadsBackWithItsFiltersTypedAndInOrder(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            SavedSearchStore store = new SavedSearchStore(db, EventOutbox.NONE);

            SavedSearch saved = store.create("ann", new Draft("Cancellations", "cancel OR close", FILTERS, true, false), AT);

            assertThat(store.find(saved.id())).contains(new SavedSearch(saved.id(), "ann", "Cancellations",
                    "cancel OR close", FILTERS, true, false, AT, AT, 0, 0));
            assertThat(saved.filters().parameters()).containsExactly(
                    java.util.Map.entry("party", List.of("customer")), java.util.Map.entry("from", List.of("2026-12-01")),
                    java.util.Map.entry("minDuration", List.of("60")), java.util.Map.entry("maxWait", List.of("30.5")),
                    java.util.Map.entry("caller", List.of("+1 404 555 0149")),
                    java.util.Map.entry("queue", List.of("billing", "support")),
                    java.util.Map.entry("agent", List.of("Alice")), java.util.Map.entry("outcome", List.of("answered")),
                    java.util.Map.entry("flag", List.of("escalation", "customer-negative")),
                    java.util.Map.entry("where", List.of("interruptions.customer>=3")),
                    java.util.Map.entry("sort", List.of("-date")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anUpdateReplacesEverythingAndKeepsTheMatches(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            TestStores.calls(db).save(call("c1"));
            SavedSearchStore store = new SavedSearchStore(db, EventOutbox.NONE);
            SavedSearch saved = store.create("ann", new Draft("Cancellations", "cancel", FILTERS, true, false), AT);
            store.recordMatch(saved, "c1", List.of(), AT.plusSeconds(5));

            SavedSearch updated = store.update(saved.id(), new Draft("Refunds", null, Filters.NONE, false, true)).orElseThrow();

            assertThat(updated).isEqualTo(new SavedSearch(saved.id(), "ann", "Refunds", null, Filters.NONE, false, true,
                    AT, AT, 1, 1));
            assertThat(store.update(saved.id() + 1, new Draft("x", null, null, false, false))).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eachOwnerListsOnlyTheirsAndOnlyWatchedSearchesAreTested(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            SavedSearchStore store = new SavedSearchStore(db, EventOutbox.NONE);
            SavedSearch annWatched = store.create("ann", new Draft("a1", "cancel", null, true, false), AT);
            store.create("ann", new Draft("a2", "refund", null, false, false), AT);
            SavedSearch bobWatched = store.create("bob", new Draft("b1", "cancel", null, true, false), AT);

            assertThat(store.ofOwner("ann")).extracting(SavedSearch::name).containsExactly("a1", "a2");
            assertThat(store.ofOwner("bob")).extracting(SavedSearch::name).containsExactly("b1");
            assertThat(store.watched()).extracting(SavedSearch::id).containsExactly(annWatched.id(), bobWatched.id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCallMatchesOnceAndIsNewUntilTheOwnerMarksTheSearchSeen(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            CallStore calls = TestStores.calls(db);
            calls.save(call("c1"));
            calls.save(call("c2"));
            SavedSearchStore store = new SavedSearchStore(db, EventOutbox.NONE);
            SavedSearch search = store.create("ann", new Draft("Cancellations", "cancel", null, true, false), AT);

            assertThat(store.recordMatch(search, "c1", List.of(), AT.plusSeconds(10))).isTrue();
            assertThat(store.recordMatch(search, "c1", List.of(), AT.plusSeconds(20))).as("re-analysed").isFalse();
            assertThat(store.find(search.id()).orElseThrow().newMatches()).isEqualTo(1);

            SavedSearch seen = store.markSeen(search.id(), AT.plusSeconds(30)).orElseThrow();
            assertThat(seen.newMatches()).isZero();
            assertThat(seen.matches()).isEqualTo(1);
            assertThat(seen.lastSeenAt()).isEqualTo(AT.plusSeconds(30));

            assertThat(store.recordMatch(search, "c2", List.of(), AT.plusSeconds(40))).isTrue();
            assertThat(store.matches(search.id(), 10)).containsExactly(new Match("c2", AT.plusSeconds(40), true),
                    new Match("c1", AT.plusSeconds(10), false));
            assertThat(store.matches(search.id(), 1)).extracting(Match::callId).containsExactly("c2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void markingSeenCoversAMatchStampedAheadOfThisNodesClock(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            TestStores.calls(db).save(call("c1"));
            SavedSearchStore store = new SavedSearchStore(db, EventOutbox.NONE);
            SavedSearch search = store.create("ann", new Draft("Cancellations", "cancel", null, true, false), AT);
            store.recordMatch(search, "c1", List.of(), AT.plusSeconds(60)); // another node's clock runs ahead

            assertThat(store.markSeen(search.id(), AT.plusSeconds(30)).orElseThrow().newMatches()).isZero();
            assertThat(store.markSeen(search.id() + 1, AT)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFlaggingSearchPutsTheCallInTheQaQueueWithItsNameAsTheReasonAndItStaysAfterTheSearchGoes(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            TestStores.calls(db).save(call("c1"));
            SavedSearchStore store = new SavedSearchStore(db, EventOutbox.NONE);
            SavedSearch search = store.create("ann", new Draft("Cancellations", "cancel", null, true, true), AT);
            ReviewQueueStore queue = new ReviewQueueStore(db);
            var all = new ReviewQueueStore.Filter("all", null, null, null);
            assertThat(queue.page(all, 0, 10).rows()).isEmpty();

            store.recordMatch(search, "c1", List.of(), AT.plusSeconds(10));
            store.delete(search.id());

            assertThat(queue.page(all, 0, 10).rows()).singleElement().satisfies(row -> {
                assertThat(row.callId()).isEqualTo("c1");
                assertThat(row.reasons()).containsExactly("saved search \"Cancellations\"");
                assertThat(row.status()).isEqualTo("to-review");
            });
            assertThat(store.find(search.id())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCallNoLongerStoredMatchesNothing(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            SavedSearchStore store = new SavedSearchStore(db, EventOutbox.NONE);
            SavedSearch search = store.create("ann", new Draft("Cancellations", "cancel", null, true, true), AT);

            assertThat(store.recordMatch(search, "erased", List.of(), AT)).isFalse();
            assertThat(store.find(search.id()).orElseThrow().matches()).isZero();
        }
    }

    static CallRecord call(String id) {
        return CallRecord.builder(id, AT, AT.plusSeconds(60), CallOutcome.ANSWERED).caller("+15550101").queue("billing")
                .agent("Alice").build();
    }
}
