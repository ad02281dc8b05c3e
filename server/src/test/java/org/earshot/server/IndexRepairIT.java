package org.earshot.server;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search index follows the store across crashes: whatever the store holds is searchable after a start. */
class IndexRepairIT {

    @TempDir
    Path dir;

    @Test
    void callsStoredWhenTheIndexWasNotUpdatedAreSearchableAfterTheNextStart() throws Exception {
        EarshotConfig config = config();
        startAndStop(config);                 // creates the database, the index and its checkpoint
        storeCalls(config, 3);                // a node stored these and died before indexing them

        assertThat(searchTotal(config)).isEqualTo(3);
    }

    @Test
    void indexBehindItsCheckpointIsRepairedFromTheStore() throws Exception {
        EarshotConfig config = config();
        storeCalls(config, 1, 0);
        startAndStop(config);                 // indexes the first call
        storeCalls(config, 2, 1);
        // An index restored from an old backup, with a checkpoint that claims more than it holds.
        Files.writeString(config.indexCheckpointFile(), "1000000");

        assertThat(searchTotal(config)).isEqualTo(3);
    }

    @Test
    void lostIndexIsRebuiltFromTheStore() throws Exception {
        EarshotConfig config = config();
        storeCalls(config, 4);
        startAndStop(config);
        try (var files = Files.walk(config.indexDir())) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        assertThat(searchTotal(config)).isEqualTo(4);
    }

    private EarshotConfig config() {
        return new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null, ChannelRoles.CUSTOMER_AGENT, null, 1,
                "admin-pass-1", Duration.ofSeconds(60), KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null);
    }

    private static void startAndStop(EarshotConfig config) throws Exception {
        try (Earshot earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE)) {
            earshot.start();
        }
    }

    private static void storeCalls(EarshotConfig config, int n) {
        storeCalls(config, n, 0);
    }

    private static void storeCalls(EarshotConfig config, int n, int first) {
        try (Database db = Database.open(config.jdbcUrl(), null, null)) {
            CallStore calls = TestStores.calls(db);
            Instant t = Instant.parse("2026-11-23T09:00:00Z");
            for (int i = first; i < first + n; i++) {
                calls.save(CallRecord.builder("stored-" + i, t.plusSeconds(i * 60L), t.plusSeconds(i * 60L + 30),
                        CallOutcome.ABANDONED).caller("555010" + i).queue("support").waitSeconds(30).build());
            }
        }
    }

    /** Starts the server and answers how many calls a search for all finds right after start. */
    private static int searchTotal(EarshotConfig config) throws Exception {
        try (Earshot earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE)) {
            earshot.start();
            JsonNode page = ApiClient.login(earshot, "admin", "admin-pass-1").get("/api/calls?size=100");
            return page.get("total").asInt();
        }
    }
}
