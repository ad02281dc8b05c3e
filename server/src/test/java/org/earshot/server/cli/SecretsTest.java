package org.earshot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.earshot.server.EarshotConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Secrets from files and the environment: what wins, what a file's line break becomes, what an unreadable file says. */
class SecretsTest {

    @TempDir
    Path dir;

    private EarshotConfig config(Map<String, String> env, String... args) throws Exception {
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs(args);
        options.environment = env;
        return options.toConfig();
    }

    @Test
    void aSecretFileGivesItsContentWithoutTheTrailingLineBreak() throws Exception {
        Path secret = Files.writeString(dir.resolve("ami.secret"), " s3cret with spaces\r\n");
        Path password = Files.writeString(dir.resolve("db.password"), "pg-pass\n\n");

        EarshotConfig config = config(Map.of(), "--ami-host", "pbx", "--ami-user", "earshot",
                "--ami-secret-file", secret.toString(), "--db-password-file", password.toString());

        assertThat(config.ami().secret()).isEqualTo(" s3cret with spaces");
        assertThat(config.dbPassword()).isEqualTo("pg-pass");
    }

    @Test
    void theConfigFileTakesFileKeysToo() throws Exception {
        Path secret = Files.writeString(dir.resolve("ami.secret"), "from-file\n");
        Path conf = Files.writeString(dir.resolve("earshot.conf"), "ami-host = pbx\nami-user = earshot\n"
                + "ami-secret-file = " + secret + "\n");

        assertThat(config(Map.of(), "--config", conf.toString()).ami().secret()).isEqualTo("from-file");
    }

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheConfigFile() throws Exception {
        Path envFile = Files.writeString(dir.resolve("env.secret"), "from-env-file\n");
        Path conf = Files.writeString(dir.resolve("earshot.conf"), "ami-host = pbx\nami-user = earshot\nami-secret = from-conf\n");

        assertThat(config(Map.of(), "--config", conf.toString()).ami().secret()).isEqualTo("from-conf");
        assertThat(config(Map.of("EARSHOT_AMI_SECRET", "from-env"), "--config", conf.toString()).ami().secret())
                .isEqualTo("from-env");
        assertThat(config(Map.of("EARSHOT_AMI_SECRET_FILE", envFile.toString()), "--config", conf.toString())
                .ami().secret()).isEqualTo("from-env-file");
        assertThat(config(Map.of("EARSHOT_AMI_SECRET", "from-env"), "--config", conf.toString(),
                "--ami-secret", "from-flag").ami().secret()).isEqualTo("from-flag");
    }

    @Test
    void everySecretHasItsEnvironmentVariable() throws Exception {
        EarshotConfig config = config(Map.of("EARSHOT_DB_PASSWORD", "db", "EARSHOT_ADMIN_PASSWORD", "admin-pass-123",
                "EARSHOT_CRM_LOOKUP_HEADERS", "Authorization: Bearer tok"),
                "--crm.lookup-url", "https://crm.example/c?phone={caller}", "--crm.name-field", "/name",
                "--crm.id-field", "/id");

        assertThat(config.dbPassword()).isEqualTo("db");
        assertThat(config.adminPassword()).isEqualTo("admin-pass-123");
        assertThat(config.crm().headers()).containsEntry("Authorization", "Bearer tok");
        assertThat(Secrets.environmentName("crm.lookup-headers")).isEqualTo("EARSHOT_CRM_LOOKUP_HEADERS");
    }

    @Test
    void anUnreadableSecretFileIsNamedWithItsKey() {
        Path missing = dir.resolve("nope.secret");

        assertThatThrownBy(() -> config(Map.of(), "--ami-host", "pbx", "--ami-secret-file", missing.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ami-secret-file " + missing + " does not exist");
    }

    @Test
    void anEmptySecretFileIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.secret"), "\n");

        assertThatThrownBy(() -> config(Map.of(), "--db-password-file", empty.toString()))
                .hasMessage("db-password-file " + empty + " is empty");
    }

    @Test
    void aValueAndAFileForOneSecretInOnePlaceAreRefusedAsAmbiguous() throws Exception {
        Path secret = Files.writeString(dir.resolve("ami.secret"), "x\n");

        assertThatThrownBy(() -> config(Map.of(), "--ami-secret", "y", "--ami-secret-file", secret.toString()))
                .hasMessageContaining("the command line sets both ami-secret and ami-secret-file");
    }

    @Test
    void theSettingsPageShowsTheNetworkSettingsAndNoSecretFromAFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("ami.secret"), "s3cret-from-file\n");
        EarshotConfig config = config(Map.of(), "--ami-host", "pbx", "--ami-user", "earshot", "--ami-secret-file",
                secret.toString(), "--http-bind", "127.0.0.1", "--trusted-proxies", "127.0.0.1, ::1");

        Map<String, Object> view = new org.earshot.server.SettingsView(config, () -> false, Map::of, () -> 0, "ami").snapshot();

        assertThat(view.get("server").toString()).contains("http-bind=127.0.0.1").contains("tls=off")
                .contains("trusted-proxies=[127.0.0.1, ::1]");
        assertThat(view.toString()).doesNotContain("s3cret-from-file");
        assertThat(config.toString()).doesNotContain("s3cret-from-file");
    }
}
