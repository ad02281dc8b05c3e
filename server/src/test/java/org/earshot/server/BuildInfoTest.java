package org.earshot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

    @Test
    void theJarKnowsTheVersionCommitAndTimeTheBuildWrote() {
        BuildInfo build = BuildInfo.current();

        assertThat(build.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        // A clone has its commit; a source tarball without .git builds as "unknown".
        assertThat(build.commit()).matches("[0-9a-f]{7,40}|unknown");
        assertThat(Instant.parse(build.time())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void aBuildOutsideGitSaysItsCommitIsUnknown() throws Exception {
        BuildInfo build = BuildInfo.read(new ByteArrayInputStream(
                "version=1.2.3\ncommit=\ntime=2026-12-05T00:00:00Z\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(build).isEqualTo(new BuildInfo("1.2.3", "unknown", "2026-12-05T00:00:00Z"));
        assertThat(build.describe()).isEqualTo("earshot 1.2.3 (commit unknown, built 2026-12-05T00:00:00Z)");
    }

    @Test
    void aCopiedButUnfilteredFileIsNotShownAsAVersion() throws Exception {
        BuildInfo build = BuildInfo.read(new ByteArrayInputStream(
                "version=${project.version}\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(build.version()).isEqualTo("unknown");
    }
}
