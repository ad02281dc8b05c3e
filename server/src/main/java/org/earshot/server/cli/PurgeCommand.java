package org.earshot.server.cli;

import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.lifecycle.RecordingFiles;
import org.earshot.server.lifecycle.Retention;
import org.earshot.server.store.AuditStore;
import org.earshot.server.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code earshot purge [--dry-run]}: the retention run now, what the serve nodes do daily. Safe beside a
 * running server: each batch is its own transaction and the nodes' search indexes follow the change log.
 */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Delete the recordings, transcripts and calls past their retention (retention.* keys).")
final class PurgeCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--dry-run", description = "count what would be purged, change nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        EarshotConfig config = options.toConfig();
        if (config.dbUrl() == null && !Files.isDirectory(config.dataDir())) {
            throw new IllegalArgumentException("data-dir " + config.dataDir() + " does not exist: nothing to purge");
        }
        if (config.retention().keepsEverything()) {
            System.out.println("No retention.* key is set: everything is kept, nothing to purge");
            return 0;
        }
        Clock clock = Clock.systemUTC();
        try (Stores stores = Earshot.openStores(config)) {
            AuditStore audit = stores.audit();
            Retention retention = new Retention(stores.lifecycle(), new RecordingFiles(config.recordingsDir()),
                    config.retention(), clock, (who, action, target, detail) ->
                    audit.append(new AuditStore.Entry(clock.instant(), who, action, target, detail)));
            Retention.Report report = retention.run(dryRun, "cli:" + System.getProperty("user.name", "purge"));
            System.out.println(capitalised(report.describe()));
        }
        return 0;
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
