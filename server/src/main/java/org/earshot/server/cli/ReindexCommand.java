package org.earshot.server.cli;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.Json;
import org.earshot.server.jobs.CallIndexer;
import org.earshot.server.jobs.IndexFollower;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Stores;
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
        // Opening the index first takes its lock: a server still using it makes this fail, not lose it.
        try {
            TranscriptIndex.open(config.indexDir()).close();
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            throw new IllegalArgumentException("the search index " + config.indexDir() + " is in use by a running Earshot"
                    + " server: stop it first (the server keeps its index up to date; reindex is for a lost or damaged one)", e);
        }
        // A fresh index without a checkpoint: the follower replays the store's whole change log into it.
        Files.deleteIfExists(config.indexCheckpointFile());
        deleteRecursively(config.indexDir());
        try (Stores stores = Earshot.openStores(config);
             TranscriptIndex index = TranscriptIndex.open(config.indexDir())) {
            CallStore calls = stores.calls();
            try (IndexFollower follower = new IndexFollower(calls, new CallIndexer(calls, stores.callCrm(), index), index,
                    config.indexCheckpointFile(), Duration.ofSeconds(1))) {
                follower.start();
            }
            System.out.println("Re-indexed " + index.count() + " call(s) into " + config.indexDir());
            long started = System.nanoTime();
            stores.kpiRollups().rebuild(day -> { });
            stores.agentIntervals().rebuildRollups();
            System.out.printf("Rebuilt the KPI rollups in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }

    private static void deleteRecursively(java.nio.file.Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (var p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
