package org.earshot.server.jobs;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.earshot.server.Json;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.JobQueue;
import org.earshot.server.store.TestDatabase;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallIntakeTest {

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aCallDeliveredTwiceIsStoredCountedAndQueuedOnce() throws Exception {
        try (TestDatabase test = TestDatabase.create("h2", dir); Database db = test.open()) {
            JobQueue jobs = new JobQueue(db, Clock.systemUTC(), "test", Duration.ofMinutes(5));
            List<String> stored = new ArrayList<>();
            int[] queued = {0};
            CallIntake intake = new CallIntake(TestStores.calls(db), jobs, () -> queued[0]++,
                    (call, isNew) -> stored.add(call.uniqueId() + (isNew ? " new" : " changed")));
            CallRecord answered = CallRecord.builder("a", T, T.plusSeconds(90), CallOutcome.ANSWERED).caller("5550101")
                    .queue("support").agent("Alice Agent").waitSeconds(6).talkSeconds(84.0).recordingFile("a.wav").build();

            intake.accept(answered);
            intake.accept(answered);
            intake.accept(CallRecord.builder("a", T, T.plusSeconds(95), CallOutcome.ANSWERED).caller("5550101")
                    .queue("support").agent("Alice Agent").waitSeconds(6).talkSeconds(89.0).recordingFile("a.wav").build());

            assertThat(stored).containsExactly("a new", "a changed");
            assertThat(queued[0]).isEqualTo(1);
            assertThat(jobs.countsByState().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
        }
    }
}
