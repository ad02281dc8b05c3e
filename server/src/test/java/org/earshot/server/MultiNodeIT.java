package org.earshot.server;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;
import org.earshot.server.testing.Prerequisites;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.telephony.WrapUpRule;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.JobQueue;
import org.earshot.server.store.TestDatabase;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server and two worker processes (the real earshot.jar) on one PostgreSQL: every queued
 * recording is analysed exactly once, a worker killed with SIGKILL mid-job loses its job to another
 * worker when the lease runs out, and the results are searchable on the server.
 */
class MultiNodeIT {

    private static final int CALLS = 24;
    private static final Path JAR = Path.of("target/earshot.jar");
    private static final String RECORDING = "/recordings/20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw";

    @TempDir
    Path dir;

    @Test
    void everyJobIsDoneOnceAndAKilledWorkersJobIsTakenOver() throws Exception {
        Prerequisites.require(TestDatabase.kinds().contains("postgresql"), "a PostgreSQL named by EARSHOT_TEST_PG_URL (.ci/run starts one)");
        assertThat(JAR).as("built by mvn package before integration tests").exists();
        try (TestDatabase pg = TestDatabase.create("postgresql", dir)) {
            queueRecordings(pg);
            List<Process> workers = new ArrayList<>();
            try (Earshot server = Earshot.wire(config(pg, dir.resolve("server")), Clock.systemUTC(), Earshot.Role.SERVE)) {
                server.start();
                workers.add(startWorker(pg, "worker-a"));
                workers.add(startWorker(pg, "worker-b"));

                long victimPid = workers.get(0).pid();
                String victimJob = await(() -> runningJobOf(pg, victimPid), Duration.ofSeconds(120));
                workers.get(0).destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no clean-up

                await(() -> countJobs(pg, "done") == CALLS, Duration.ofSeconds(300));

                try (Database db = pg.open(); Connection c = db.connection();
                     PreparedStatement s = c.prepareStatement("SELECT call_id, attempts, worker_id FROM jobs")) {
                    int takenOver = 0;
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            if (rs.getString(1).equals(victimJob)) {
                                assertThat(rs.getInt(2)).as("the killed worker's job ran twice").isEqualTo(2);
                                assertThat(rs.getString(3)).doesNotStartWith(victimPid + "@");
                                takenOver++;
                            } else {
                                assertThat(rs.getInt(2)).as("job of " + rs.getString(1)).isEqualTo(1);
                            }
                        }
                    }
                    assertThat(takenOver).isEqualTo(1);
                }
                assertSearchable(server);
            } finally {
                workers.forEach(Process::destroyForcibly);
            }
        }
    }

    private void queueRecordings(TestDatabase pg) throws Exception {
        Path recordings = Files.createDirectories(dir.resolve("monitor"));
        byte[] audio;
        try (InputStream in = getClass().getResourceAsStream(RECORDING)) {
            audio = in.readAllBytes();
        }
        try (Database db = pg.open()) {
            CallStore calls = TestStores.calls(db);
            JobQueue jobs = new JobQueue(db, Clock.systemUTC(), "test", Duration.ofSeconds(60));
            Instant start = Instant.parse("2026-11-23T09:00:00Z");
            for (int i = 0; i < CALLS; i++) {
                Path file = recordings.resolve("call-" + i + "-stereo.raw");
                Files.write(file, audio);
                Instant entered = start.plusSeconds(60L * i);
                calls.save(CallRecord.builder("call-" + i, entered, entered.plusSeconds(8), CallOutcome.ANSWERED)
                        .linkedId("call-" + i).caller("55501" + i).queue("support").agent("Alice Agent")
                        .answeredAt(entered.plusSeconds(2)).waitSeconds(2).talkSeconds(6.0).recordingFile(file.toString())
                        .build());
                jobs.enqueue("call-" + i, file.toString());
            }
        }
    }

    private Process startWorker(TestDatabase pg, String name) throws Exception {
        Path log = dir.resolve(name + ".log");
        return new ProcessBuilder("java", "-jar", JAR.toString(), "worker", "--db-url", pg.url(), "--workers", "1",
                "--job-lease", "3", "--data-dir", dir.resolve(name + "-data").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static EarshotConfig config(TestDatabase pg, Path dataDir) {
        return new EarshotConfig(0, dataDir, pg.url(), null, null, null, null, ChannelRoles.CUSTOMER_AGENT, null, 1,
                "admin-pass-1", Duration.ofSeconds(3), KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null);
    }

    /** The call whose job this worker process holds right now, or null. */
    private static String runningJobOf(TestDatabase pg, long pid) {
        try (Database db = pg.open(); Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT call_id FROM jobs WHERE state = 'running' AND worker_id LIKE ?")) {
            s.setString(1, pid + "@%");
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long countJobs(TestDatabase pg, String state) {
        try (Database db = pg.open(); Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM jobs WHERE state = ?")) {
            s.setString(1, state);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertSearchable(Earshot server) throws Exception {
        ApiClient api = ApiClient.login(server, "admin", "admin-pass-1");
        // S6's caller side plays Asterisk's tt-weasels prompt ("weasels have eaten our phone system").
        await(() -> {
            try {
                return api.get("/api/calls?q=weasels&size=100").get("total").asInt() == CALLS;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(30));
    }

    private static <T> T await(java.util.function.Supplier<T> probe, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("gave up after " + patience);
    }

    private static void await(BooleanSupplier condition, Duration patience) throws InterruptedException {
        await(() -> condition.getAsBoolean() ? Boolean.TRUE : null, patience);
    }
}
