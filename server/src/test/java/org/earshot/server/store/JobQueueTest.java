package org.earshot.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobQueueTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("db/earshot");
    }

    @Test
    void jobRunningWhenTheServerStoppedIsTakenAgainAfterARestart() {
        try (Database db = Database.open(url(), null, null)) {
            storeCall(db, "c1");
            JobQueue jobs = new JobQueue(db, CLOCK);
            jobs.enqueue("c1", "/rec/c1.raw");
            assertThat(jobs.claim()).isPresent();
            // the process dies here, with the job running
        }
        try (Database db = Database.open(url(), null, null)) {
            JobQueue jobs = new JobQueue(db, CLOCK);
            assertThat(jobs.claim()).isEmpty();

            assertThat(jobs.requeueInterrupted()).isEqualTo(1);

            assertThat(jobs.claim()).hasValueSatisfying(job -> assertThat(job.recordingPath()).isEqualTo("/rec/c1.raw"));
        }
    }

    @Test
    void queueingACallTwiceKeepsOneJob() {
        try (Database db = Database.open(url(), null, null)) {
            storeCall(db, "c1");
            JobQueue jobs = new JobQueue(db, CLOCK);

            assertThat(jobs.enqueue("c1", "/rec/c1.raw")).isTrue();
            assertThat(jobs.enqueue("c1", "/rec/c1.raw")).isFalse();
            assertThat(jobs.claim()).isPresent();
            assertThat(jobs.claim()).isEmpty();
        }
    }

    @Test
    void failedJobKeepsItsReason() {
        try (Database db = Database.open(url(), null, null)) {
            storeCall(db, "c1");
            JobQueue jobs = new JobQueue(db, CLOCK);
            jobs.enqueue("c1", "/rec/c1.raw");

            jobs.fail(jobs.claim().orElseThrow().id(), "/rec/c1.raw: file is empty");

            assertThat(jobs.status("c1")).hasValue(new JobQueue.JobStatus("failed", "/rec/c1.raw: file is empty"));
        }
    }

    @Test
    void concurrentWorkersNeverTakeTheSameJob() throws Exception {
        try (Database db = Database.open(url(), null, null)) {
            JobQueue jobs = new JobQueue(db, CLOCK);
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

    private static void storeCall(Database db, String id) {
        Instant t = CLOCK.instant();
        new CallStore(db).save(new CallRecord(id, id, "555", null, "support", "Alice", t, t, t.plusSeconds(30), 2, 28.0,
                CallOutcome.ANSWERED, "/rec/" + id + ".raw"));
    }
}
