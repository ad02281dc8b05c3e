package org.earshot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.store.AuditStore;
import org.earshot.server.store.Stores;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot purge}: the retention run from the command line, dry or not. */
class PurgeCommandTest {

    @TempDir
    Path dir;

    @Test
    void aDryRunChangesNothingAndTheRealRunPurgesAndIsAudited() throws Exception {
        Path recordings = Files.createDirectories(dir.resolve("recordings"));
        Path data = dir.resolve("data");
        Files.write(recordings.resolve("old.raw"), new byte[64]);
        EarshotConfig config = ConfigOptions.build(java.util.Map.of("data-dir", data.toString()));
        Instant at = Instant.now().minus(100, ChronoUnit.DAYS);
        try (Stores stores = Earshot.openStores(config)) {
            stores.calls().save(CallRecord.builder("old", at, at.plusSeconds(60), CallOutcome.ANSWERED).caller("5550100")
                    .queue("support").agent("Alice").answeredAt(at.plusSeconds(5)).waitSeconds(5).talkSeconds(55.0)
                    .recordingFile("/var/spool/asterisk/monitor/old.raw").build());
        }
        String[] purge = {"purge", "--data-dir", data.toString(), "--recordings-dir", recordings.toString(),
                "--retention.audio-days", "30"};

        assertThat(run(append(purge, "--dry-run"))).isZero();
        assertThat(Files.exists(recordings.resolve("old.raw"))).isTrue();
        assertThat(run(purge)).isZero();

        assertThat(Files.exists(recordings.resolve("old.raw"))).isFalse();
        try (Stores stores = Earshot.openStores(config)) {
            assertThat(stores.calls().find("old").orElseThrow().recordingFile()).isNull();
            assertThat(stores.audit().find(new AuditStore.Query(null, "retention-purged", null, null, null, 0, 10))
                    .entries()).singleElement().satisfies(e -> assertThat(e.detail())
                    .isEqualTo("purged 0 call(s), 0 transcript(s), 1 recording(s), 0 webhook event(s)"));
        }
    }

    private static int run(String... args) {
        return EarshotCommand.run(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true), args);
    }

    private static String[] append(String[] args, String more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }
}
