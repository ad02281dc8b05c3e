package org.earshot.server.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogFilesTest {

    private static final Logger log = LoggerFactory.getLogger(LogFilesTest.class);

    @TempDir
    Path dir;

    @Test
    void aLineLoggedGoesToEarshotLogInTheLogDir() throws Exception {
        Path logDir = dir.resolve("logs");
        try (LogFiles.LogFile file = LogFiles.start(new LogSettings(logDir, LogSettings.Format.TEXT))) {
            log.info("Stored call {} for the log file test", "lab-1.1");
        }

        List<String> lines = Files.readAllLines(logDir.resolve(LogFiles.FILE_NAME));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* INFO .*LogFilesTest - Stored call lab-1.1 for the log file test"));
    }

    @Test
    void jsonFormatWritesOneJsonObjectPerLine() throws Exception {
        try (LogFiles.LogFile file = LogFiles.start(new LogSettings(dir, LogSettings.Format.JSON))) {
            log.info("Analysed call {} in {} s", "lab-2.5", "1.25");
        }

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = Files.readAllLines(dir.resolve(LogFiles.FILE_NAME)).stream()
                .filter(line -> !line.isBlank()).map(line -> {
                    try {
                        return json.readTree(line);
                    } catch (IOException e) {
                        throw new AssertionError("not a JSON line: " + line, e);
                    }
                }).toList();
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("formattedMessage").asText()).isEqualTo("Analysed call lab-2.5 in 1.25 s");
        });
    }

    @Test
    void afterCloseNothingMoreIsWritten() throws Exception {
        try (LogFiles.LogFile file = LogFiles.start(new LogSettings(dir, LogSettings.Format.TEXT))) {
            log.info("before close");
        }
        log.info("after close");

        assertThat(Files.readString(dir.resolve(LogFiles.FILE_NAME))).contains("before close").doesNotContain("after close");
    }

    @Test
    void aLogDirThatIsAFileIsRefusedNamingTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "");

        assertThatThrownBy(() -> LogFiles.start(new LogSettings(file, LogSettings.Format.TEXT)))
                .isInstanceOf(IOException.class).hasMessageStartingWith("log-dir " + file);
    }

    @Test
    void withoutALogDirNoFileIsWritten() throws Exception {
        try (LogFiles.LogFile file = LogFiles.start(LogSettings.STDERR_ONLY)) {
            log.info("stderr only");
        }

        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
