package org.earshot.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Scorecards against the real schema, on H2 and (with EARSHOT_TEST_PG_URL) PostgreSQL. */
class ScorecardStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private TestDatabase test;
    private Database db;
    private ScorecardStore scorecards;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private void open(String kind) {
        test = TestDatabase.create(kind, dir);
        db = test.open();
        scorecards = new ScorecardStore(db);
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
    void aFreshInstallHasOneActiveScorecard(String kind) {
        open(kind);

        assertThat(scorecards.all()).singleElement().satisfies(card -> {
            assertThat(card.id()).isEqualTo(1);
            assertThat(card.name()).isEqualTo("Standard call");
            assertThat(card.active()).isTrue();
            assertThat(card.criteria()).contains("\"greeting\"");
        });
        assertThat(scorecards.firstActive()).isEqualTo(scorecards.find(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anInsertedScorecardReadsBackWithItsNewId(String kind) {
        open(kind);

        ScorecardStore.Stored brief = scorecards.insert(new ScorecardStore.Fields("Brief", false, "[{\"id\": \"x\"}]"), NOW);

        assertThat(brief.id()).isGreaterThan(1);
        assertThat(scorecards.find(brief.id())).contains(brief);
        assertThat(scorecards.all()).extracting(ScorecardStore.Stored::name).containsExactly("Standard call", "Brief");
        assertThat(scorecards.find(brief.id() + 1)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void firstActiveIsTheActiveScorecardWithTheLowestId(String kind) {
        open(kind);
        scorecards.insert(new ScorecardStore.Fields("Retired", false, "[]"), NOW);
        ScorecardStore.Stored second = scorecards.insert(new ScorecardStore.Fields("Second", true, "[]"), NOW);
        scorecards.insert(new ScorecardStore.Fields("Third", true, "[]"), NOW);

        scorecards.update(1, NOW, (current, otherActive) -> fields(current, false));

        assertThat(scorecards.firstActive()).contains(second);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anUpdateReplacesTheScorecardWithWhatTheChangeMakesOfIt(String kind) {
        open(kind);

        var updated = scorecards.update(1, NOW, (current, otherActive) ->
                new ScorecardStore.Fields(current.name() + " v2", current.active(), "[]"));

        assertThat(updated).contains(new ScorecardStore.Stored(1, "Standard call v2", true, "[]"));
        assertThat(scorecards.find(1)).isEqualTo(updated);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anUnknownScorecardIsNotChanged(String kind) {
        open(kind);

        var updated = scorecards.update(99, NOW, (current, otherActive) -> {
            throw new AssertionError("no scorecard 99 to change");
        });

        assertThat(updated).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theChangeCountsTheOtherActiveScorecardsOnly(String kind) {
        open(kind);
        scorecards.insert(new ScorecardStore.Fields("Retired", false, "[]"), NOW);
        AtomicLong counted = new AtomicLong(-1);

        scorecards.update(1, NOW, (current, otherActive) -> {
            counted.set(otherActive.getAsLong());
            return fields(current, current.active());
        });
        assertThat(counted).as("the scorecard itself and inactive ones do not count").hasValue(0);

        scorecards.insert(new ScorecardStore.Fields("Other", true, "[]"), NOW);
        scorecards.update(1, NOW, (current, otherActive) -> {
            counted.set(otherActive.getAsLong());
            return fields(current, current.active());
        });
        assertThat(counted).hasValue(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aChangeThatRefusesReachesTheCallerAsItIsAndReleasesTheRows(String kind) {
        open(kind);

        assertThatThrownBy(() -> scorecards.update(1, NOW, (current, otherActive) -> {
            otherActive.getAsLong();
            throw new IllegalArgumentException("the only active one");
        })).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("the only active one");

        assertThat(scorecards.update(1, NOW, (current, otherActive) -> fields(current, current.active()))).isPresent();
    }

    private static ScorecardStore.Fields fields(ScorecardStore.Stored card, boolean active) {
        return new ScorecardStore.Fields(card.name(), active, card.criteria());
    }
}
