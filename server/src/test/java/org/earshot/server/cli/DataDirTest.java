package org.earshot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data dir the server cannot use stops the start with one line naming it, the problem and the way out. */
class DataDirTest {

    @TempDir
    Path dir;

    @Test
    void aDataDirUnderARegularFileStopsServeWithOneLineNamingBoth() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        StringWriter err = new StringWriter();

        int exit = EarshotCommand.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "serve", "--data-dir", file.resolve("data").toString(), "--http-port", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).hasLineCount(1)
                .startsWith("earshot: data-dir " + file.resolve("data") + " cannot be created")
                .contains(file + " is a file, not a folder");
    }

    @Test
    void aDataDirThatIsAFileIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "x");

        assertThatThrownBy(() -> DataDir.requireWritable(file)).isInstanceOf(IOException.class)
                .hasMessage("data-dir " + file + " is a file, not a folder: choose a folder (it is created when missing)");
    }

    @Test
    void aMissingDataDirIsCreated() throws Exception {
        DataDir.requireWritable(dir.resolve("a/b/data"));

        assertThat(dir.resolve("a/b/data")).isDirectory();
    }

    @Test
    void aReadOnlyDataDirIsNamedWithItsOwnerAndPermissions() throws Exception {
        // root writes anywhere: permissions cannot be shown to bite there (the message itself is tested below).
        assumeFalse("root".equals(System.getProperty("user.name")), "running as root");
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> DataDir.requireWritable(data)).isInstanceOf(IOException.class)
                    .hasMessageContaining("data-dir " + data)
                    .hasMessageContaining("is not writable by user " + System.getProperty("user.name"))
                    .hasMessageContaining("permissions r-xr-xr-x");
        } finally {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void anotherUsersDataDirIsNamedWithItsOwnerAndTheWaysOut() {
        String message = DataDir.notWritable(Path.of("/srv/earshot"), Path.of("/srv/earshot/index/write.lock"), "root",
                "rw-r--r--", "earshot");

        assertThat(message).isEqualTo("/srv/earshot/index/write.lock is not writable by user earshot (it belongs to root,"
                + " permissions rw-r--r--): run Earshot as root, give earshot the folder (chown -R earshot /srv/earshot),"
                + " or choose another data-dir");
    }
}
