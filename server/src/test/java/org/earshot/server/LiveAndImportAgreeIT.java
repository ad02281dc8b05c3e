package org.earshot.server;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.earshot.server.cli.EarshotCommand;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiQuery;
import org.earshot.server.kpi.KpiRow;
import org.earshot.server.kpi.KpiService;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.WrapUpRule;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same Asterisk session reaches Earshot twice: live over AMI, and later as its queue_log and
 * CDR through {@code earshot import}. Both must give the same KPIs.
 */
class LiveAndImportAgreeIT {

    private static final KpiQuery ALL_TIME = new KpiQuery(Instant.parse("1970-01-01T00:00:00Z"),
            Instant.parse("9999-01-01T00:00:00Z"), KpiQuery.GroupBy.NONE, null, null);

    @TempDir
    Path dir;

    @Test
    void importedHistoryGivesTheSameKpisAsLiveAmi() throws Exception {
        KpiRow live = liveKpis(dir.resolve("live"));
        Path imported = dir.resolve("imported");

        String firstRun = importHistory(imported, false);
        String secondRun = importHistory(imported, true);

        assertThat(firstRun).contains("Imported 9 call(s)").contains("(9 new, 0 already stored)");
        assertThat(secondRun).contains("(0 new, 9 already stored)")
                .containsPattern("queue_log:\\d+: ");   // the malformed line, by number
        KpiRow fromImport;
        try (Database db = Database.open(config(imported, null).jdbcUrl(), null, null)) {
            assertThat(TestStores.calls(db).count()).as("importing twice stores nothing twice").isEqualTo(9);
            fromImport = keptRollups(db);
        }
        assertThat(fromImport).usingRecursiveComparison()
                .comparingOnlyFields("offered", "answered", "abandoned", "shortAbandoned", "timedOut", "ahtSeconds",
                        "asaSeconds", "avgWaitSeconds", "maxWaitSeconds", "abandonRate", "serviceLevel", "fcr")
                .isEqualTo(live);
        assertThat(live.offered()).isEqualTo(9);
    }

    private KpiRow liveKpis(Path dataDir) throws Exception {
        try (AmiReplayPeer asterisk = AmiReplayPeer.replaying(AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01)))
                .start();
             Earshot earshot = Earshot.wire(config(dataDir, new AmiSettings("127.0.0.1", asterisk.port(), "earshot",
                     "earshot-secret", Duration.ofMillis(200))), Clock.systemUTC(), Earshot.Role.SERVE)) {
            earshot.start();
            assertThat(asterisk.awaitReplayComplete(Duration.ofSeconds(60))).isTrue();
            try (Database db = Database.open(config(dataDir, null).jdbcUrl(), null, null)) {
                CallStore calls = TestStores.calls(db);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (calls.count() < 9 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                return keptRollups(db);
            }
        }
    }

    /** The KPIs from the rollups the writers kept as the calls came (not rebuilt), checked against the calls. */
    private static KpiRow keptRollups(Database db) {
        KpiService kpis = TestStores.kpisAsStored(db, KpiDefinitions.DEFAULTS, Clock.systemUTC());
        assertThat(kpis.rollupsCurrent()).as("a new store's rollups are current from its first call").isTrue();
        java.util.List<KpiRow> rows = kpis.compute(ALL_TIME);
        // Occupancy is left out: the live node is still writing agent states, and open ones count till now.
        assertThat(rows).usingRecursiveComparison().ignoringFields("occupancy").isEqualTo(kpis.computeRaw(ALL_TIME));
        return rows.get(0);
    }

    private String importHistory(Path dataDir, boolean withBrokenLine) throws Exception {
        Path queueLog = dir.resolve("queue_log");
        Files.write(queueLog, AmiCapture.resource("/asterisk/queue_log"));
        if (withBrokenLine) {
            Files.writeString(queueLog, "this is not a queue_log line\n", StandardOpenOption.APPEND);
        }
        Path cdr = dir.resolve("Master.csv");
        Files.write(cdr, AmiCapture.resource("/asterisk/Master.csv"));
        StringWriter out = new StringWriter();
        int exit = EarshotCommand.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "import",
                "--queue-log", queueLog.toString(), "--cdr", cdr.toString(), "--data-dir", dataDir.toString());
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }

    private static EarshotConfig config(Path dataDir, AmiSettings ami) {
        return new EarshotConfig(0, dataDir, null, null, null, ami, null, ChannelRoles.CUSTOMER_AGENT, null, 1,
                "admin-pass-1", Duration.ofSeconds(60), KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null);
    }
}
