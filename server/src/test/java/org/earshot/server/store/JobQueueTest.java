package org.earshot.server.store;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.earshot.server.Json;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.earshot.server.testing.MovableClock;

class JobQueueTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void jobRunningWhenTheServerStoppedIsTakenAgainAfterARestart(String kind) {
        TestDatabase test = TestDatabase.create(kind, dir);
        try (Database db = test.open()) {
            storeCall(db, "c1");
            JobQueue jobs = new JobQueue(db, CLOCK, "w1", java.time.Duration.ofSeconds(60));
            jobs.enqueue("c1", "/rec/c1.raw");
            assertThat(jobs.claim()).isPresent();
            // the process dies here, with the job running
        }
        try (test; Database db = test.open()) {
            JobQueue jobs = new JobQueue(db, CLOCK, "w1", java.time.Duration.ofSeconds(60));
            assertThat(jobs.claim()).isEmpty();

            assertThat(jobs.requeueInterrupted()).isEqualTo(1);

            assertThat(jobs.claim()).hasValueSatisfying(job -> assertThat(job.recordingPath()).isEqualTo("/rec/c1.raw"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void queueingACallTwiceKeepsOneJob(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            storeCall(db, "c1");
            JobQueue jobs = new JobQueue(db, CLOCK, "w1", java.time.Duration.ofSeconds(60));

            assertThat(jobs.enqueue("c1", "/rec/c1.raw")).isTrue();
            assertThat(jobs.enqueue("c1", "/rec/c1.raw")).isFalse();
            assertThat(jobs.claim()).isPresent();
            assertThat(jobs.claim()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void deadWorkersJobIsTakenOverWhenItsLeaseRunsOut(String kind) {
        MovableClock clock = new MovableClock(CLOCK.instant());
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            storeCall(db, "c1");
            JobQueue killed = new JobQueue(db, clock, "killed", java.time.Duration.ofSeconds(60));
            JobQueue survivor = new JobQueue(db, clock, "survivor", java.time.Duration.ofSeconds(60));
            killed.enqueue("c1", "/rec/c1.raw");
            long id = killed.claim().orElseThrow().id();

            assertThat(survivor.claim()).as("lease still running").isEmpty();
            clock.advance(java.time.Duration.ofSeconds(61));
            assertThat(survivor.claim()).hasValueSatisfying(job -> assertThat(job.attempts()).isEqualTo(2));

            assertThat(killed.complete(id)).as("the old holder cannot finish a job it lost").isFalse();
            assertThat(survivor.complete(id)).isTrue();
            assertThat(survivor.status("c1").orElseThrow().state()).isEqualTo("done");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void renewedLeaseKeepsTheJob(String kind) {
        MovableClock clock = new MovableClock(CLOCK.instant());
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            storeCall(db, "c1");
            JobQueue holder = new JobQueue(db, clock, "holder", java.time.Duration.ofSeconds(60));
            JobQueue other = new JobQueue(db, clock, "other", java.time.Duration.ofSeconds(60));
            holder.enqueue("c1", "/rec/c1.raw");
            long id = holder.claim().orElseThrow().id();

            clock.advance(java.time.Duration.ofSeconds(50));
            assertThat(holder.renew(id)).isTrue();
            clock.advance(java.time.Duration.ofSeconds(50));

            assertThat(other.claim()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void jobThatNeverFinishesIsFailedAfterThreeAttempts(String kind) {
        MovableClock clock = new MovableClock(CLOCK.instant());
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            storeCall(db, "c1");
            JobQueue jobs = new JobQueue(db, clock, "w", java.time.Duration.ofSeconds(10));
            jobs.enqueue("c1", "/rec/c1.raw");
            for (int i = 0; i < 3; i++) {
                assertThat(jobs.claim()).isPresent();
                clock.advance(java.time.Duration.ofSeconds(11));
            }

            assertThat(jobs.claim()).isEmpty();
            assertThat(jobs.status("c1").orElseThrow().state()).isEqualTo("failed");
            assertThat(jobs.status("c1").orElseThrow().error()).contains("3 attempts");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void failedJobKeepsItsReason(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            storeCall(db, "c1");
            JobQueue jobs = new JobQueue(db, CLOCK, "w1", java.time.Duration.ofSeconds(60));
            jobs.enqueue("c1", "/rec/c1.raw");

            jobs.fail(jobs.claim().orElseThrow().id(), "/rec/c1.raw: file is empty");

            assertThat(jobs.status("c1")).hasValue(new JobQueue.JobStatus("failed", "/rec/c1.raw: file is empty"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void concurrentWorkersNeverTakeTheSameJob(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            JobQueue jobs = new JobQueue(db, CLOCK, "w1", java.time.Duration.ofSeconds(60));
            for (int i = 0; i < 40; i++) {
                storeCall(db, "c" + i);
                jobs.enqueue("c" + i, "/rec/c" + i + ".raw");
            }
            List<String> taken = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (var job = jobs.claim(); job.isPresent(); job = jobs.claim()) {
                        taken.add(job.get().callId());
                    }
                });
                t.start();
                workers.add(t);
            }
            go.countDown();
            for (Thread t : workers) {
                t.join();
            }

            assertThat(taken).hasSize(40).doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void callsAnalysedAgainInBulkWaitBehindNewCallsAndSingleReRuns(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            JobQueue jobs = new JobQueue(db, CLOCK, "w1", java.time.Duration.ofSeconds(60));
            for (String id : List.of("old1", "old2", "old3")) {
                storeCall(db, id);
                jobs.enqueue(id, "/rec/" + id + ".raw");
                jobs.complete(jobs.claim().orElseThrow().id());
            }

            assertThat(jobs.requeueEntered(CLOCK.instant().minusSeconds(60), CLOCK.instant().plusSeconds(60), null))
                    .isEqualTo(3);
            assertThat(jobs.requeueEntered(CLOCK.instant().minusSeconds(60), CLOCK.instant().plusSeconds(60), null))
                    .as("already queued: left as they are").isZero();
            storeCall(db, "new");
            jobs.enqueue("new", "/rec/new.raw");

            assertThat(jobs.claim()).hasValueSatisfying(job -> assertThat(job.callId()).isEqualTo("new"));
            assertThat(jobs.claim()).hasValueSatisfying(job -> {
                assertThat(job.callId()).isEqualTo("old1");
                assertThat(job.attempts()).as("attempts start again").isEqualTo(1);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void bulkReAnalysisTakesOnlyFinishedJobsOfTheRangeAndQueue(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            JobQueue jobs = new JobQueue(db, CLOCK, "w1", java.time.Duration.ofSeconds(60));
            storeCall(db, "done");
            storeCall(db, "failed");
            storeCall(db, "running");
            jobs.enqueue("done", "/rec/done.raw");
            jobs.enqueue("failed", "/rec/failed.raw");
            jobs.enqueue("running", "/rec/running.raw");
            jobs.complete(jobs.claim().orElseThrow().id());
            jobs.fail(jobs.claim().orElseThrow().id(), "recording missing");
            jobs.claim();

            assertThat(jobs.requeueEntered(CLOCK.instant().plusSeconds(1), CLOCK.instant().plusSeconds(60), null))
                    .as("calls entered before the range").isZero();
            assertThat(jobs.requeueEntered(CLOCK.instant(), CLOCK.instant().plusSeconds(1), "sales")).isZero();
            assertThat(jobs.requeueEntered(CLOCK.instant(), CLOCK.instant().plusSeconds(1), "support")).isEqualTo(2);
            assertThat(jobs.status("running")).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo("running"));
            assertThat(jobs.status("failed")).hasValueSatisfying(s -> {
                assertThat(s.state()).isEqualTo("queued");
                assertThat(s.error()).isNull();
            });
        }
    }

    private static void storeCall(Database db, String id) {
        Instant t = CLOCK.instant();
        TestStores.calls(db).save(CallRecord.builder(id, t, t.plusSeconds(30), CallOutcome.ANSWERED)
                .linkedId(id).caller("555").queue("support").agent("Alice").answeredAt(t).waitSeconds(2).talkSeconds(28.0)
                .recordingFile("/rec/" + id + ".raw").build());
    }
}
