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
import org.earshot.server.store.Stores;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiRules;

/**
 * A data-dir whose embedded store holds a {@link YearOfCalls}, written through the product's own
 * {@link CallStore} (so the rows, the change log and the agents table are what the server reads).
 * A data-dir that already holds the same number of calls is reused: generating a million takes minutes.
 */
public final class SyntheticStore {

    private SyntheticStore() {
    }

    /** The JDBC URL the server uses for {@code dataDir} (EarshotConfig.jdbcUrl without a db-url). */
    public static String jdbcUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db/earshot") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public static void ensure(Path dataDir, YearOfCalls calls, int threads, PrintStream print) throws Exception {
        if (Files.isDirectory(dataDir.resolve("db"))) {
            try (Database db = Database.open(jdbcUrl(dataDir), null, null)) {
                long stored = stores(db).calls().count();
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
            save(stores(db).calls(), calls, threads, print);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        print.printf("store:      %,d calls generated and saved through CallStore.save from %d threads in %.0f s"
                + " (%,.0f calls/s); %s%n", calls.size(), threads, seconds, calls.size() / seconds, BenchFiles.megabytes(dataDir.resolve("db")) + " on disk");
    }

    /** Saves every call of {@code calls} through {@link CallStore#save} from {@code threads} threads, printing progress. */
    public static void save(CallStore store, YearOfCalls calls, int threads, PrintStream print) throws Exception {
        long start = System.nanoTime();
        // As an import stores them: batches of a thousand calls in time order, through CallStore.saveAll
        // (each batch one transaction, its rollup buckets counted once).
        int batch = 1000;
        int batches = (calls.size() + batch - 1) / batch;
        inParallel(batches, threads, "bench-store-writer", b -> {
            List<org.earshot.telephony.CallRecord> records = new ArrayList<>(batch);
            for (int i = b * batch; i < Math.min(calls.size(), (b + 1) * batch); i++) {
                records.add(calls.call(i));
            }
            store.saveAll(records);
            if ((b + 1) * batch % 100_000 == 0) {
                print.printf("            about %,d calls stored after %.0f s%n", (b + 1) * batch, (System.nanoTime() - start) / 1e9);
            }
        });
    }

    /** The product's stores over {@code db}, keeping KPI rollups with the default definitions (what the bench's nodes use). */
    public static Stores stores(Database db) {
        return new Stores(db, Json.newMapper(), new KpiRules(KpiDefinitions.DEFAULTS));
    }

    /** One step of a bulk load: item {@code i} of {@code n}. */
    @FunctionalInterface
    public interface Item {
        void run(int i) throws Exception;
    }

    /** Runs {@code item} for 0 to n-1 from {@code threads} threads, each taking the next index; the first failure is thrown. */
    public static void inParallel(int n, int threads, String threadName, Item item) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, threadName));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        item.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
