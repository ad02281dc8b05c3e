package org.earshot.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.cli.EarshotCommand;
import org.earshot.server.store.DatabaseBackup;
import org.earshot.server.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup with no node running, restore's refusals, and the running node's side of a backup request. */
class BackupTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T01:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private EarshotConfig config(Path data, Path recordings) {
        return new EarshotConfig(0, data, null, null, null, null, recordings, org.earshot.speech.ChannelRoles.CUSTOMER_AGENT,
                null, 1, null, java.time.Duration.ofSeconds(60), org.earshot.server.kpi.KpiDefinitions.DEFAULTS,
                org.earshot.telephony.WrapUpRule.DEFAULT, null);
    }

    private void storeAUser(EarshotConfig config) {
        try (Stores stores = Earshot.openStores(config)) {
            stores.users().create("quinn", "hash", "qa", CLOCK.instant());
        }
    }

    @Test
    void withNoNodeRunningTheDatabaseSettingsAndRecordingsAreCopiedAndRestoreBringsTheDatabaseBack() throws Exception {
        Path recordings = Files.createDirectories(dir.resolve("monitor/2026/12"));
        Files.writeString(recordings.resolve("call.wav"), "audio");
        Path conf = Files.writeString(dir.resolve("earshot.conf"), "http-port = 8080\n");
        EarshotConfig config = config(dir.resolve("data"), dir.resolve("monitor"));
        storeAUser(config);

        Map<String, Object> manifest = Backup.take(config, conf, dir.resolve("backup"), true, CLOCK, out);
        Restore.restore(dir.resolve("backup"), dir.resolve("restored"), out);

        assertThat(manifest.get("database").toString()).contains("with no node running");
        assertThat(dir.resolve("backup/settings/earshot.conf")).hasContent("http-port = 8080");
        assertThat(dir.resolve("backup/recordings/2026/12/call.wav")).hasContent("audio");
        try (Stores restored = Earshot.openStores(config(dir.resolve("restored"), null))) {
            assertThat(restored.users().find("quinn")).isPresent();
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("the search index is rebuilt")
                .contains("cp -a");
    }

    @Test
    void restoreRefusesADataDirThatIsNotEmptyNamingIt() throws Exception {
        EarshotConfig config = config(dir.resolve("data"), null);
        storeAUser(config);
        Backup.take(config, null, dir.resolve("backup"), false, CLOCK, out);
        Files.createDirectories(dir.resolve("busy"));
        Files.writeString(dir.resolve("busy/something"), "x");

        assertThatThrownBy(() -> Restore.restore(dir.resolve("backup"), dir.resolve("busy"), out))
                .hasMessageContaining("--data-dir " + dir.resolve("busy").toAbsolutePath() + " is not empty");
        assertThatThrownBy(() -> Restore.restore(dir.resolve("busy"), dir.resolve("new"), out))
                .hasMessageContaining("is not an Earshot backup");
        assertThatThrownBy(() -> Backup.take(config, null, dir.resolve("busy"), false, CLOCK, out))
                .hasMessageContaining("--to " + dir.resolve("busy").toAbsolutePath() + " is not empty");
    }

    @Test
    void onPostgresqlTheAdviceIsPgDump() throws Exception {
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), "jdbc:postgresql://db/earshot?password=pw", "earshot",
                null, null, null, org.earshot.speech.ChannelRoles.CUSTOMER_AGENT, null, 1, null,
                java.time.Duration.ofSeconds(60), org.earshot.server.kpi.KpiDefinitions.DEFAULTS,
                org.earshot.telephony.WrapUpRule.DEFAULT, null);

        Map<String, Object> manifest = Backup.take(config, null, dir.resolve("backup"), false, CLOCK, out);

        assertThat(manifest.get("database").toString()).contains("pg_dump");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("pg_dump").doesNotContain("password=pw");
        assertThat(dir.resolve("backup/db.zip")).doesNotExist();
    }

    @Test
    void theNodeAnswersARequestWithTheZipOrWithTheError() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data/" + BackupRequests.FOLDER));
        BackupRequests works = new BackupRequests(dir.resolve("data"), zip -> write(zip, "db"), java.time.Duration.ofHours(1));
        Files.writeString(data.resolve("abc" + BackupRequests.REQUEST), "");
        works.answerAll();
        assertThat(data.resolve("abc" + BackupRequests.ZIP)).hasContent("db");
        assertThat(data.resolve("abc" + BackupRequests.REQUEST)).doesNotExist();

        BackupRequests fails = new BackupRequests(dir.resolve("data"), zip -> {
            throw new IllegalStateException("disk full");
        }, java.time.Duration.ofHours(1));
        Files.writeString(data.resolve("def" + BackupRequests.REQUEST), "");
        fails.answerAll();
        assertThat(data.resolve("def" + BackupRequests.ERROR)).hasContent("disk full");
        assertThat(data.resolve("def" + BackupRequests.ZIP + ".part")).doesNotExist();
        works.close();
        fails.close();
    }

    @Test
    void theCommandLineBacksUpAndRestores() throws Exception {
        EarshotConfig config = config(dir.resolve("data"), null);
        storeAUser(config);
        java.io.StringWriter err = new java.io.StringWriter();

        int backup = EarshotCommand.run(new java.io.PrintWriter(new java.io.StringWriter(), true),
                new java.io.PrintWriter(err, true), "backup", "--data-dir", dir.resolve("data").toString(),
                "--to", dir.resolve("backup").toString());
        int restore = EarshotCommand.run(new java.io.PrintWriter(new java.io.StringWriter(), true),
                new java.io.PrintWriter(err, true), "restore", "--from", dir.resolve("backup").toString(),
                "--data-dir", dir.resolve("data").toString());

        assertThat(backup).as(err.toString()).isZero();
        assertThat(restore).isEqualTo(2);
        assertThat(err.toString()).contains("earshot: --data-dir").contains("is not empty");
        assertThat(dir.resolve("backup/" + Backup.DATABASE)).isRegularFile();
    }

    @Test
    void aMissingDatabaseIsNamed() {
        assertThatThrownBy(() -> DatabaseBackup.backupClosed(config(dir.resolve("none"), null).jdbcUrl(), null, null,
                dir.resolve("x.zip"))).hasMessageContaining("there is no Earshot database at");
    }

    private static void write(Path zip, String content) {
        try {
            Files.writeString(zip, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
