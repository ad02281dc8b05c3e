package org.earshot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.earshot.server.EarshotConfig;
import org.earshot.server.alerts.AlertSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** alert.* keys, global and per queue, from the file and the command line. */
class AlertOptionsTest {

    @TempDir
    Path dir;

    @Test
    void withoutAlertKeysTheDefaultRulesAreOn() throws Exception {
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs();

        AlertSettings alerts = options.toConfig().alerts();

        assertThat(alerts).isEqualTo(AlertSettings.DEFAULTS);
        assertThat(alerts.global().escalationKeywords()).contains("cancel", "supervisor", "lawyer", "complaint");
        assertThat(alerts.global().escalationParty()).isEqualTo("customer");
        assertThat(alerts.global().waitSeconds()).isEqualTo(120);
    }

    @Test
    void aQueueTakesTheGlobalRulesItDoesNotSetItselfAndOffTurnsARuleOff() throws Exception {
        Path file = dir.resolve("earshot.conf");
        Files.writeString(file, "alert.wait-seconds = 60\nalert.escalation-keywords = Cancel, refund\n"
                + "queue.sales.alert.pause-minutes = off\nalert.escalation-party = any\n");
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs("--config", file.toString(), "--queue.vip.alert.wait-seconds", "20",
                "--alert.hold-seconds", "90");

        EarshotConfig config = options.toConfig();

        AlertSettings.Rules global = config.alerts().global();
        assertThat(global.waitSeconds()).isEqualTo(60);
        assertThat(global.holdSeconds()).isEqualTo(90);
        assertThat(global.escalationKeywords()).isEqualTo(List.of("cancel", "refund"));
        assertThat(config.alerts().forQueue("vip").waitSeconds()).isEqualTo(20);
        assertThat(config.alerts().forQueue("vip").holdSeconds()).isEqualTo(90);
        assertThat(config.alerts().forQueue("vip").escalationParty()).isEqualTo("any");
        assertThat(config.alerts().forQueue("sales").pauseMinutes()).isZero();
        assertThat(config.alerts().forQueue("sales").waitSeconds()).isEqualTo(60);
        assertThat(config.alerts().forQueue("support")).isEqualTo(global);
    }

    @Test
    void aBadValueNamesTheKeyAndTheValue() throws Exception {
        Path file = dir.resolve("earshot.conf");
        Files.writeString(file, "queue.sales.alert.wait-seconds = two minutes\n");
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs("--config", file.toString());

        assertThatThrownBy(options::toConfig).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue.sales.alert.wait-seconds").hasMessageContaining("'two minutes'");
    }

    @Test
    void aTargetAboveAHundredPercentAndAPhraseAsAKeywordAreRefused() {
        assertThatThrownBy(() -> ConfigOptions.build(java.util.Map.of("alert.service-level-target", "120")))
                .hasMessageContaining("alert.service-level-target").hasMessageContaining("120");
        assertThatThrownBy(() -> ConfigOptions.build(java.util.Map.of("alert.escalation-keywords", "speak to a manager")))
                .hasMessageContaining("alert.escalation-keywords").hasMessageContaining("'speak to a manager'");
        assertThatThrownBy(() -> ConfigOptions.build(java.util.Map.of("alert.escalation-party", "caller")))
                .hasMessageContaining("alert.escalation-party").hasMessageContaining("'caller'");
    }
}
