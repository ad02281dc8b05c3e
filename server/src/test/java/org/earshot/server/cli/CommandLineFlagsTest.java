package org.earshot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-queue and survey keys given as flags of the real command line, as the README documents them. */
class CommandLineFlagsTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return EarshotCommand.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    @Test
    void aPerQueueFlagIsReadAndABadValueIsNamedInOneLine() {
        int exit = run("reindex", "--data-dir", dir.toString(), "--queue.sales.hours", "mon 25:00-26:00");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("queue.sales.hours").contains("25:00").doesNotContain("Usage:");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    void aPerQueueFlagWithAnEqualsSignIsReadToo() {
        int exit = run("reindex", "--data-dir", dir.toString(), "--queue.sales.service-level-seconds=abc");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("queue.sales.service-level-seconds").contains("abc").doesNotContain("Usage:");
    }

    @Test
    void anUnknownFlagIsStillRefusedByName() {
        int exit = run("reindex", "--data-dir", dir.toString(), "--http-prot", "9000");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--http-prot");
    }

    @Test
    void aBadAssignmentRuleIsRefusedEvenWithFastAgiOff() {
        int exit = run("reindex", "--data-dir", dir.toString(), "--queue.sales.assignment", "random");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("queue.sales.assignment").contains("random");
    }

    @Test
    void aBusyHttpPortIsOneLineWithoutAnExceptionName() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0)) {
            int exit = run("serve", "--data-dir", dir.toString(), "--http-port", Integer.toString(busy.getLocalPort()),
                    "--admin-password", "a-long-password-1");

            assertThat(exit).isNotZero();
            assertThat(err.toString().strip()).startsWith("earshot: http-port " + busy.getLocalPort() + " cannot be used")
                    .doesNotContain("java.io").doesNotContain("Exception");
            assertThat(dir.resolve("db")).as("nothing stored before the port was found busy").doesNotExist();
        }
    }

    @Test
    void badValuesAreShownAsTheUserWroteThem() {
        run("reindex", "--data-dir", dir.toString(), "--job-lease", "0");
        run("reindex", "--data-dir", dir.toString(), "--repeat-window-days", "-1");
        run("reindex", "--data-dir", dir.toString(), "--queue.s.hours", "mon 09:00-24:00; tue 24:00-24:00");

        assertThat(err.toString()).contains("job-lease must be at least 1 second, was 0\n")
                .contains("repeat-window-days must be > 0, was -1\n")
                .contains("closing time 24:00 must be after opening time 24:00")
                .doesNotContain("PT").doesNotContain("23:59:59");
    }
}
