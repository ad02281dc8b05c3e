package org.earshot.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AnalysisFailureLogTest {

    // MixMonitor names like the lab's hold the caller's number (5550102).
    private final Path recording = Path.of("/var/spool/asterisk/monitor/20261123-001811-5550102-lab-1795393091.5-stereo.raw");

    @Test
    void aFailuresLoggedReasonNamesNeitherTheRecordingsPathNorItsName() {
        String reason = AnalysisWorkers.withoutFileName(new NoSuchFileException(recording.toString()).toString(), recording);

        assertThat(reason).isEqualTo("java.nio.file.NoSuchFileException: <recording>").doesNotContain("5550102");
    }

    @Test
    void aReasonThatNamesOnlyTheFileLosesTheNameToo() {
        String reason = AnalysisWorkers.withoutFileName(recording.getFileName() + ": 8-bit PCM is not supported", recording);

        assertThat(reason).isEqualTo("<recording>: 8-bit PCM is not supported");
    }
}
