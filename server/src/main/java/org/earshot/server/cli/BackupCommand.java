package org.earshot.server.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.earshot.server.EarshotConfig;
import org.earshot.server.backup.Backup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code earshot backup}: a consistent copy of a data dir, with or without a node running on it. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy the database (asking the running node when one holds it), the settings and optionally the"
                + " recordings into an empty folder; the search index is rebuilt on restore.")
final class BackupCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--to", paramLabel = "DIR", required = true, description = "a new or empty folder for the backup")
    Path to;

    @Option(names = "--with-recordings", description = "also copy recordings-dir")
    boolean withRecordings;

    @Override
    public Integer call() throws Exception {
        EarshotConfig config = options.toConfig();
        Backup.take(config, options.configFile, to, withRecordings, Clock.systemUTC(), System.out);
        return 0;
    }
}
