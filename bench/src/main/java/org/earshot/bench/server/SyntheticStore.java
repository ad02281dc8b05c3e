package org.earshot.bench.server;

import org.earshot.bench.BenchFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.earshot.server.Json;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;

/**
 * A data-dir whose embedded store holds a {@link YearOfCalls}, written through the product's own
 * {@link CallStore} (so the rows, the change log and the agents table are what the server reads).
 * A data-dir that already holds the same number of calls is reused: generating a million takes minutes.
 */
final class SyntheticStore {

    private SyntheticStore() {
    }

    /** The JDBC URL the server uses for {@code dataDir} (EarshotConfig.jdbcUrl without a db-url). */
    static String jdbcUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db/earshot") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    static void ensure(Path dataDir, YearOfCalls calls, int threads, PrintStream print) throws Exception {
        if (Files.isDirectory(dataDir.resolve("db"))) {
            try (Database db = Database.open(jdbcUrl(dataDir), null, null)) {
                long stored = new CallStore(db, Json.newMapper(), new org.earshot.server.store.KpiRollupStore(db, new org.earshot.server.kpi.KpiRules(org.earshot.server.kpi.KpiDefinitions.DEFAULTS))).count();
                if (stored == calls.size()) {
                    print.printf("store:      reusing %s (%,d calls, %s)%n", dataDir, stored, BenchFiles.megabytes(dataDir.resolve("db")) + " on disk");
                    return;
                }
                print.printf("store:      %s holds %,d calls, not %,d: generating it again%n", dataDir, stored, calls.size());
            }
        }
        BenchFiles.deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        long start = System.nanoTime();
        try (Database db = Database.open(jdbcUrl(dataDir), null, null)) {
            CallStore store = new CallStore(db, Json.newMapper(), new org.earshot.server.store.KpiRollupStore(db, new org.earshot.server.kpi.KpiRules(org.earshot.server.kpi.KpiDefinitions.DEFAULTS)));
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "bench-store-writer"));
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < calls.size(); i = next.getAndIncrement()) {
                            store.save(calls.call(i));
                            if ((i + 1) % 100_000 == 0) {
                                print.printf("            %,d calls stored after %.0f s%n", i + 1, (System.nanoTime() - start) / 1e9);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        print.printf("store:      %,d calls generated and saved through CallStore.save from %d threads in %.0f s"
                + " (%,.0f calls/s); %s%n", calls.size(), threads, seconds, calls.size() / seconds, BenchFiles.megabytes(dataDir.resolve("db")) + " on disk");
    }
}
