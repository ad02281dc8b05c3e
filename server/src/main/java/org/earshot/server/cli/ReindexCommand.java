package org.earshot.server.cli;

import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.EarshotConfig;
import org.earshot.server.Json;
import org.earshot.server.jobs.CallIndexer;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code earshot reindex}: rebuilds the search index from the store (run it with the server stopped). */
@Command(name = "reindex", mixinStandardHelpOptions = true, description = "Rebuild the search index from the store.")
final class ReindexCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        EarshotConfig config = options.toConfig();
        if (config.dbUrl() == null && !Files.isDirectory(config.dataDir())) {
            throw new IllegalArgumentException("data-dir " + config.dataDir() + " does not exist: nothing to re-index");
        }
        try (Database db = Database.open(config.jdbcUrl(), config.dbUser(), config.dbPassword());
             TranscriptIndex index = TranscriptIndex.open(config.indexDir())) {
            int n = new CallIndexer(new CallStore(db), index, Json.newMapper()).reindexAll();
            System.out.println("Re-indexed " + n + " call(s) into " + config.indexDir());
        }
        return 0;
    }
}
