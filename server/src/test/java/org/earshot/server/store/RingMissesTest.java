package org.earshot.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.earshot.server.testing.TestStores;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.RingAttempt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ring-no-answer counts every unanswered ring; a missed call is one the agent was rung for and never took. */
class RingMissesTest {

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void ringsCountEachTimeMissedCountsCallsTheAgentNeverTook() {
        try (TestDatabase test = TestDatabase.create("h2", dir); Database db = test.open()) {
            CallStore calls = TestStores.calls(db);
            // Alice rang twice, then Bob took it: two rings, one missed call for Alice.
            calls.save(answered("c1", T, "Bob", ring("Alice"), ring("Alice")));
            // Carol rang, was tried again and took it: a ring, not a missed call.
            calls.save(answered("c2", T.plusSeconds(600), "Carol", ring("Carol")));
            // Alice rang, the caller gave up: missed.
            calls.save(CallRecord.builder("c3", T.plusSeconds(1200), T.plusSeconds(1260), CallOutcome.ABANDONED)
                    .queue("support").ringAttempts(List.of(ring("Alice"))).build());
            // Entered after the range: not counted.
            calls.save(answered("c4", T.plusSeconds(7200), "Bob", ring("Alice")));
            AgentIntervalStore store = new AgentIntervalStore(db, ZoneId.of("UTC"));

            Map<String, AgentTime> time = store.agentTime(null, null, T, T.plusSeconds(3600), T.plusSeconds(9000));

            assertThat(time).containsOnlyKeys("Alice", "Carol");
            assertThat(time.get("Alice").ringNoAnswer()).isEqualTo(3);
            assertThat(time.get("Alice").missed()).isEqualTo(2);
            assertThat(time.get("Carol").ringNoAnswer()).isEqualTo(1);
            assertThat(time.get("Carol").missed()).isZero();
            assertThat(store.agentTime("Alice", "other-queue", T, T.plusSeconds(3600), T.plusSeconds(9000)))
                    .as("another queue's calls").isEmpty();
        }
    }

    private static RingAttempt ring(String agent) {
        return new RingAttempt(agent, "Local/" + agent + "@agents/n", 15_000);
    }

    private static CallRecord answered(String id, Instant entered, String agent, RingAttempt... rings) {
        return CallRecord.builder(id, entered, entered.plusSeconds(120), CallOutcome.ANSWERED).queue("support")
                .agent(agent).answeredAt(entered.plusSeconds(20)).waitSeconds(20).talkSeconds(100.0)
                .agents(List.of(new AgentTalk(agent, null, 100, 1))).ringAttempts(List.of(rings)).build();
    }
}
