package org.earshot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.earshot.search.TranscriptIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReindexCommandTest {

    @TempDir
    Path dir;

    @Test
    void anIndexARunningServerHoldsIsRefusedSayingStopTheServer() throws Exception {
        StringWriter err = new StringWriter();
        try (TranscriptIndex held = TranscriptIndex.open(dir.resolve("index"))) {
            int exit = EarshotCommand.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                    "reindex", "--data-dir", dir.toString());

            assertThat(exit).isNotZero();
            assertThat(err.toString().strip()).contains("is in use by a running Earshot server: stop it first")
                    .doesNotContain("Exception");
            assertThat(held.count()).as("the held index is untouched").isZero();
        }
    }
}
