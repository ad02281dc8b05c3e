package org.earshot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.earshot.server.EarshotConfig;
import org.earshot.server.lifecycle.RetentionPolicy;
import org.earshot.server.lifecycle.RetentionPolicy.Periods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** retention.* keys, global and per queue, from the file and the command line. */
class RetentionOptionsTest {

    @TempDir
    Path dir;

    @Test
    void withoutRetentionKeysEveryCallIsKeptForeverAndWebhookEventsAMonth() throws Exception {
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs();

        assertThat(options.toConfig().retention()).isEqualTo(RetentionPolicy.KEEP_FOREVER);
        assertThat(options.toConfig().retention().keepsEveryCall()).isTrue();
        assertThat(options.toConfig().retention().webhookDays()).isEqualTo(RetentionPolicy.DEFAULT_WEBHOOK_DAYS);
    }

    @Test
    void webhookDaysZeroKeepsEverythingAndABadValueIsNamed() throws Exception {
        ConfigOptions keep = new ConfigOptions();
        new CommandLine(keep).parseArgs("--retention.webhook-days", "0");
        assertThat(keep.toConfig().retention().keepsEverything()).isTrue();

        ConfigOptions bad = new ConfigOptions();
        new CommandLine(bad).parseArgs("--retention.webhook-days", "-3");
        assertThatThrownBy(bad::toConfig).hasMessageContaining("retention.webhook-days");
    }

    @Test
    void aQueueTakesTheGlobalPeriodsItDoesNotSetItself() throws Exception {
        Path file = dir.resolve("earshot.conf");
        Files.writeString(file, "retention.audio-days = 90\nretention.transcript-days = 365\nretention.call-days = 730\n"
                + "queue.sales.retention.audio-days = 0\n");
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs("--config", file.toString(), "--queue.billing.retention.call-days", "3650");

        EarshotConfig config = options.toConfig();

        assertThat(config.retention()).isEqualTo(new RetentionPolicy(new Periods(90, 365, 730),
                Map.of("sales", new Periods(0, 365, 730), "billing", new Periods(90, 365, 3650))));
    }

    @Test
    void aBadPeriodNamesTheKeyAndTheValue() throws Exception {
        Path file = dir.resolve("earshot.conf");
        Files.writeString(file, "queue.sales.retention.call-days = a year\n");
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs("--config", file.toString());

        assertThatThrownBy(options::toConfig).hasMessageContaining("queue.sales.retention.call-days")
                .hasMessageContaining("a year");
    }

    @Test
    void aNegativePeriodIsRefused() {
        ConfigOptions options = new ConfigOptions();
        new CommandLine(options).parseArgs("--retention.audio-days", "-1");

        assertThatThrownBy(options::toConfig).hasMessageContaining("retention.audio-days").hasMessageContaining("-1");
    }
}
