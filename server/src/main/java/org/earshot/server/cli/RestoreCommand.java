package org.earshot.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.earshot.server.backup.Restore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code earshot restore}: a backup's database into an empty data dir. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup made by `earshot backup` into an empty data dir (the index is rebuilt at start).")
final class RestoreCommand implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "DIR", required = true, description = "the backup folder")
    Path from;

    @Option(names = "--data-dir", paramLabel = "DIR", required = true, description = "a new or empty data dir")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        Restore.restore(from, dataDir, System.out);
        return 0;
    }
}
