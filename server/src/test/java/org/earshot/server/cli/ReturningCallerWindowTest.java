package org.earshot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.earshot.server.EarshotConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The returning-caller KPI's window has a name that is not mistaken for data retention; the old one still works. */
class ReturningCallerWindowTest {

    @TempDir
    Path dir;

    @Test
    void theNewNameSetsTheWindowGloballyAndPerQueue() throws Exception {
        EarshotConfig config = config("returning-caller-window-days = 14\nqueue.sales.returning-caller-window-days = 60\n");

        assertThat(config.kpis().defaults().retentionWindow()).isEqualTo(Duration.ofDays(14));
        assertThat(config.kpis().forQueue("sales").retentionWindow()).isEqualTo(Duration.ofDays(60));
    }

    @Test
    void theOldNameIsStillRead() throws Exception {
        EarshotConfig config = config("retention-window-days = 21\nqueue.sales.retention-window-days = 45\n");

        assertThat(config.kpis().defaults().retentionWindow()).isEqualTo(Duration.ofDays(21));
        assertThat(config.kpis().forQueue("sales").retentionWindow()).isEqualTo(Duration.ofDays(45));
    }

    @Test
    void bothNamesWithDifferentValuesAreRefusedByName() throws Exception {
        assertThatThrownBy(() -> config("retention-window-days = 21\nreturning-caller-window-days = 14\n"))
                .hasMessageContaining("returning-caller-window-days (14)").hasMessageContaining("retention-window-days (21)");
    }

    private EarshotConfig config(String text) throws Exception {
        Path file = dir.resolve("earshot.conf");
        Files.writeString(file, text);
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs("--config", file.toString());
        return options.toConfig();
    }
}
