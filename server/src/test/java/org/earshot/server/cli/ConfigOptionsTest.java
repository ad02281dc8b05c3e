package org.earshot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.earshot.server.EarshotConfig;
import org.earshot.speech.Party;
import org.earshot.speech.SpeechSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigOptionsTest {

    @TempDir
    Path dir;

    @Test
    void flagOverridesTheConfigFileWhichOverridesTheDefault() throws Exception {
        Path file = dir.resolve("earshot.conf");
        Files.writeString(file, "# comment\nhttp-port = 9000\ndata-dir = /var/lib/earshot\nchannels = agent,customer\n");
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs("--config", file.toString(), "--http-port", "9100");

        EarshotConfig config = options.toConfig();

        assertThat(config.httpPort()).isEqualTo(9100);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/earshot"));
        assertThat(config.channels().left()).isEqualTo(Party.AGENT);
        assertThat(config.amiSettings()).isEmpty();
    }

    @Test
    void maxRecordingHoursFromTheFileIsTheAnalysisLimitAndANonPositiveOneIsRefusedByName() throws Exception {
        Path file = dir.resolve("earshot.conf");
        Files.writeString(file, "max-recording-hours = 2.5\n");
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs("--config", file.toString());

        EarshotConfig config = options.toConfig();

        assertThat(config.maxRecordingLength()).isEqualTo(java.time.Duration.ofMinutes(150));
        assertThat(org.earshot.server.Earshot.speechSettings(config).maxRecordingLength())
                .isEqualTo(java.time.Duration.ofMinutes(150));
        assertThat(ConfigOptions.build(java.util.Map.of()).maxRecordingLength()).isEqualTo(java.time.Duration.ofHours(4));
        assertThatThrownBy(() -> ConfigOptions.build(java.util.Map.of("max-recording-hours", "0")))
                .hasMessageContaining("max-recording-hours").hasMessageContaining("'0'");
    }

    @Test
    void amiIsOnOnlyWithAnAmiHost() throws Exception {
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs("--ami-host", "pbx", "--ami-user", "earshot", "--ami-secret", "s3cret");

        EarshotConfig config = options.toConfig();

        assertThat(config.amiSettings()).hasValueSatisfying(ami -> {
            assertThat(ami.host()).isEqualTo("pbx");
            assertThat(ami.port()).isEqualTo(5038);
        });
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void badValueNamesTheKeyAndTheValue() {
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs("--http-port", "eighty");

        assertThatThrownBy(options::toConfig).hasMessageContaining("http-port").hasMessageContaining("eighty");
    }

    @Test
    void unknownKeyInTheFileNamesTheLine() throws Exception {
        Path file = dir.resolve("earshot.conf");
        Files.writeString(file, "http-port = 8080\nhttp-prot = 9000\n");
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs("--config", file.toString());

        assertThatThrownBy(options::toConfig).hasMessageContaining("line 2").hasMessageContaining("http-prot");
    }

    @Test
    void flagRulesComeFromTheFileAndOthersKeepTheirDefaults() throws Exception {
        Path file = dir.resolve("earshot.conf");
        Files.writeString(file, "escalation-keywords = Cancel, ombudsman , lawyer\nlong-dead-air-seconds = 6.5\n");
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs("--config", file.toString());

        EarshotConfig config = options.toConfig();

        assertThat(config.flagRules().escalationKeywords()).containsExactly("cancel", "ombudsman", "lawyer");
        assertThat(config.flagRules().longDeadAirSeconds()).isEqualTo(6.5);
        assertThat(config.flagRules().frequentInterruptionsPerMinute())
                .isEqualTo(SpeechSettings.Sentiment.DEFAULTS.frequentInterruptionsPerMinute());
    }

    @Test
    void anEscalationKeywordOfTwoWordsOrABadThresholdIsRefusedByName() {
        ConfigOptions phrase = new ConfigOptions();
        new CommandLine(phrase).parseArgs("--escalation-keywords", "cancel,speak to a manager");
        ConfigOptions threshold = new ConfigOptions();
        new CommandLine(threshold).parseArgs("--frequent-interruptions-per-minute", "-1");

        assertThatThrownBy(phrase::toConfig).hasMessageContaining("escalation-keywords")
                .hasMessageContaining("'speak to a manager'");
        assertThatThrownBy(threshold::toConfig).hasMessageContaining("frequent-interruptions-per-minute")
                .hasMessageContaining("'-1'");
    }

    @Test
    void publicUrlIsTheBaseOfLinksAndDefaultsToLocalhostOnTheHttpPort() throws Exception {
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs("--http-port", "9090");
        assertThat(options.toConfig().baseUrl()).isEqualTo("http://localhost:9090");

        new CommandLine(options).parseArgs("--public-url", "https://earshot.example.com/");
        assertThat(options.toConfig().baseUrl()).isEqualTo("https://earshot.example.com");
    }

    @Test
    void aPublicUrlThatIsNotHttpIsRefusedByName() {
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs("--public-url", "earshot.example.com");

        assertThatThrownBy(options::toConfig).hasMessageContaining("public-url").hasMessageContaining("earshot.example.com");
    }

    @Test
    void liveKeysInTheFileSetLiveAnalysisAndABadOneIsRefusedByName() throws Exception {
        assertThat(ConfigOptions.build(java.util.Map.of("live.max-calls", "7", "live.enabled", "off")).live())
                .isEqualTo(new org.earshot.server.livespeech.LiveSpeechSettings(false, 7, 1));
        assertThat(ConfigKeys.known("live.max-calls")).isTrue();
        assertThatThrownBy(() -> ConfigOptions.build(java.util.Map.of("live.threads", "x")))
                .hasMessageContaining("live.threads");
    }
}
