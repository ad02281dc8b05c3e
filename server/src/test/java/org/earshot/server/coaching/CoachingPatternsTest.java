package org.earshot.server.coaching;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.earshot.server.coaching.StoredCalls.BERLIN;
import static org.earshot.server.coaching.StoredCalls.berlin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.earshot.server.Json;
import org.earshot.server.coaching.CoachingViews.Contrast;
import org.earshot.server.coaching.CoachingViews.Cue;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiService;
import org.earshot.server.kpi.KpiSettings;
import org.earshot.server.store.Database;
import org.earshot.server.store.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The cues that go with low CSAT and with repeat calls, on calls crafted so only interruptions differ. */
class CoachingPatternsTest {

    private static final Instant FROM = berlin(2026, 11, 23, 0, 0);
    private static final Instant TO = berlin(2026, 12, 20, 0, 0);
    private static final Clock CLOCK = Clock.fixed(berlin(2026, 12, 20, 12, 0), BERLIN);

    @TempDir
    Path dir;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private static CoachingService coaching(Database db) {
        KpiDefinitions definitions = new KpiDefinitions(BERLIN, KpiSettings.DEFAULTS, Map.of());
        return new CoachingService(TestStores.calls(db), TestStores.kpis(db, definitions, CLOCK), CLOCK);
    }

    private static Cue cue(Contrast contrast, String metric) {
        return contrast.cues().stream().filter(c -> c.metric().equals(metric)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void lowCsatCallsWithMoreInterruptionsShowAPositiveDifferenceAndEffectSize(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            StoredCalls calls = new StoredCalls(db);
            int[] lowCsat = {1, 2, 2};
            int[] lowInterruptions = {4, 5, 3};
            for (int i = 0; i < 3; i++) {
                calls.answered("low" + i, "Alice", berlin(2026, 11, 23, 9 + i, 0)).csat(lowCsat[i])
                        .report(Reports.call().agentInterrupts(lowInterruptions[i])).save();
            }
            int[] highCsat = {4, 5, 5, 4};
            int[] highInterruptions = {0, 1, 0, 1};
            for (int i = 0; i < 4; i++) {
                calls.answered("high" + i, "Bob", berlin(2026, 11, 24, 9 + i, 0)).csat(highCsat[i])
                        .report(Reports.call().agentInterrupts(highInterruptions[i])).save();
            }
            // CSAT 3 is in neither group; an unanalysed call has no cues to compare.
            calls.answered("neutral", "Bob", berlin(2026, 11, 25, 9, 0)).csat(3).report(Reports.call().agentInterrupts(9)).save();
            calls.answered("unanalysed", "Bob", berlin(2026, 11, 25, 10, 0)).csat(1).save();

            Contrast csat = coaching(db).patterns(FROM, TO).lowCsat();

            assertThat(csat.definition()).isEqualTo("CSAT ≤ 2 vs CSAT ≥ 4");
            assertThat(csat.lowCalls()).isEqualTo(3);
            assertThat(csat.highCalls()).isEqualTo(4);
            Cue interruptions = csat.cues().get(0);
            assertThat(interruptions.metric()).isEqualTo("interruptionsPerCall");
            assertThat(interruptions.low()).isEqualTo(4.0);
            assertThat(interruptions.high()).isEqualTo(0.5);
            assertThat(interruptions.difference()).isEqualTo(3.5);
            // Variances 1 (low) and 1/3 (high): pooled SD = √((2·1 + 3·⅓) / 5) = √0.6.
            assertThat(interruptions.effectSize()).isCloseTo(3.5 / Math.sqrt(0.6), within(0.01));
            assertThat(cue(csat, "wordsPerMinute").difference()).isEqualTo(0.0);
            assertThat(cue(csat, "wordsPerMinute").effectSize()).as("no spread: no size to give").isNull();
            assertThat(csat.cues()).extracting(Cue::metric).containsExactlyInAnyOrder("wordsPerMinute",
                    "syllablesPerSecond", "interruptionsPerCall", "customerInterruptionsPerCall", "agentTalkRatio",
                    "deadAirSecondsPerCall", "silenceRatio", "customerSentiment", "agentSentiment", "ahtSeconds");
            assertThat(csat.note()).startsWith("few calls: calls with CSAT ≤ 2: 3, with CSAT ≥ 4: 4");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void callsFollowedByARepeatCallAreComparedWithThoseThatWereNot(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            StoredCalls calls = new StoredCalls(db);
            // 5551001 calls again two days later; so does 5551003 a day later (abandoned, not analysed).
            calls.answered("r1", "Alice", berlin(2026, 11, 23, 10, 0)).caller("5551001")
                    .report(Reports.call().agentInterrupts(4)).save();
            calls.answered("r1-again", "Alice", berlin(2026, 11, 25, 10, 0)).caller("5551001")
                    .report(Reports.call().agentInterrupts(1)).save();
            calls.answered("r3", "Bob", berlin(2026, 11, 24, 9, 0)).caller("5551003")
                    .report(Reports.call().agentInterrupts(6)).save();
            calls.answered("r3-again", null, berlin(2026, 11, 25, 9, 0)).caller("5551003").abandoned().save();
            // 5551002 comes back after 12 days: outside the 7-day window.
            calls.answered("r2", "Bob", berlin(2026, 11, 23, 11, 0)).caller("5551002").report(Reports.call()).save();
            calls.answered("r2-later", "Bob", berlin(2026, 12, 5, 11, 0)).caller("5551002").save();
            // Who called cannot be told; and a call two days ago has not had its seven days yet.
            calls.answered("anon", "Bob", berlin(2026, 11, 24, 12, 0)).caller("anonymous")
                    .report(Reports.call().agentInterrupts(9)).save();
            calls.answered("recent", "Bob", berlin(2026, 12, 18, 10, 0)).caller("5551004")
                    .report(Reports.call().agentInterrupts(9)).save();

            Contrast repeats = coaching(db).patterns(FROM, TO).repeatCalls();

            assertThat(repeats.definition()).isEqualTo("caller called again within the repeat window vs not");
            assertThat(repeats.lowCalls()).isEqualTo(2);   // r1, r3
            assertThat(repeats.highCalls()).isEqualTo(2);  // r1-again, r2
            Cue interruptions = cue(repeats, "interruptionsPerCall");
            assertThat(interruptions.low()).isEqualTo(5.0);
            assertThat(interruptions.high()).isEqualTo(0.5);
            // Variances 2 and 0.5: pooled SD = √1.25.
            assertThat(interruptions.effectSize()).isCloseTo(4.5 / Math.sqrt(1.25), within(0.01));
            assertThat(repeats.cues().get(0)).isEqualTo(interruptions);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void tooFewCallsGiveANoteInsteadOfEffectSizes(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            StoredCalls calls = new StoredCalls(db);
            calls.answered("low", "Alice", berlin(2026, 11, 23, 9, 0)).csat(1).report(Reports.call().agentInterrupts(5)).save();
            calls.answered("high1", "Alice", berlin(2026, 11, 23, 10, 0)).csat(5).report(Reports.call()).save();
            calls.answered("high2", "Alice", berlin(2026, 11, 23, 11, 0)).csat(4).report(Reports.call().agentInterrupts(1)).save();

            Contrast csat = coaching(db).patterns(FROM, TO).lowCsat();

            assertThat(csat.note()).isEqualTo("too few calls to compare: calls with CSAT ≤ 2: 1, with CSAT ≥ 4: 2"
                    + " (at least 2 in each group are needed)");
            assertThat(csat.cues()).extracting(Cue::effectSize).containsOnlyNulls();
            assertThat(cue(csat, "interruptionsPerCall").difference()).isEqualTo(4.5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void emptyRangeSaysSoAndInventsNothing(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            var patterns = coaching(db).patterns(FROM, TO);

            for (Contrast contrast : List.of(patterns.lowCsat(), patterns.repeatCalls())) {
                assertThat(contrast.lowCalls()).isZero();
                assertThat(contrast.highCalls()).isZero();
                assertThat(contrast.note()).startsWith("no analysed call in this range");
                assertThat(contrast.cues()).allSatisfy(cue -> {
                    assertThat(cue.low()).isNull();
                    assertThat(cue.high()).isNull();
                    assertThat(cue.difference()).isNull();
                    assertThat(cue.effectSize()).isNull();
                });
            }
        }
    }
}
