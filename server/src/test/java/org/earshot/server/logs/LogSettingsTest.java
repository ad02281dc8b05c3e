package org.earshot.server.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSettingsTest {

    @Test
    void withoutLogDirLogsGoToStderrOnly() {
        assertThat(LogSettings.fromConfig(Map.of())).isEqualTo(LogSettings.STDERR_ONLY);
    }

    @Test
    void logDirAndJsonFormatAreRead() {
        LogSettings settings = LogSettings.fromConfig(Map.of("log-dir", "/var/log/earshot", "log-format", "JSON"));

        assertThat(settings).isEqualTo(new LogSettings(Path.of("/var/log/earshot"), LogSettings.Format.JSON));
    }

    @Test
    void anUnknownFormatIsRefusedWithItsKeyAndValue() {
        assertThatThrownBy(() -> LogSettings.fromConfig(Map.of("log-format", "xml")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("log-format must be text or json, was 'xml'");
    }
}
