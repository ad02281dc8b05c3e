package org.earshot.bench.server;

import org.earshot.bench.BenchFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Memory benchmark (issue 13, finding 5): does a node work inside the launcher's heap on a big store?
 *
 * <p>Fills a data-dir with N calls over a year ({@link YearOfCalls}, through the product's CallStore), then
 * runs each phase in a child {@code ./earshot} process, first with the launcher's heap ({@code EARSHOT_HEAP},
 * default 1g), then with the JVM's default heap (a quarter of RAM) as the baseline beside it:
 * <ol>
 *   <li>{@code start}: the first {@code serve} on the store (its index deleted): until /api/health answers
 *       and {@code index.pendingChanges} is 0, i.e. every call is indexed;</li>
 *   <li>{@code kpis}: /api/kpis over the whole year, groupBy none, day, queue and agent, as admin;</li>
 *   <li>{@code search}: a few hundred /api/calls searches and filters from 2 client threads;</li>
 *   <li>{@code reindex}: {@code earshot reindex} on the stopped store.</li>
 * </ol>
 * Each phase prints completed or failed (and why), wall time, peak RSS, peak heap and GC pauses.
 *
 * <pre>
 * bench/run server.MemoryBench [--calls 1000000] [--out DIR] [--seed 7] [--heap 1g] [--searches 400]
 *                              [--no-baseline] [--timeout-minutes 120] [--store-only]
 * </pre>
 * {@code --store-only} generates the store (or finds it there) and stops: a big one can be made ahead.
 */
public final class MemoryBench {

    private static final String ADMIN_PASSWORD = "memory-bench-admin";
    private static final List<String> GROUPS = List.of("none", "day", "queue", "agent");

    private final int calls;
    private final Path out;
    private final long seed;
    private final String heap;
    private final int searches;
    private final boolean baseline;
    private final Duration timeout;
    private final boolean storeOnly;
    private final Path root = Path.of("").toAbsolutePath();
    private final PrintStream print = System.out;

    private MemoryBench(Map<String, String> args) {
        calls = Integer.parseInt(args.getOrDefault("calls", "1000000"));
        out = Path.of(args.getOrDefault("out", "/tmp/earshot-memory-bench-" + calls)).toAbsolutePath();
        seed = Long.parseLong(args.getOrDefault("seed", "7"));
        heap = args.getOrDefault("heap", "1g");
        searches = Integer.parseInt(args.getOrDefault("searches", "400"));
        baseline = !args.containsKey("no-baseline");
        timeout = Duration.ofMinutes(Long.parseLong(args.getOrDefault("timeout-minutes", "120")));
        storeOnly = args.containsKey("store-only");
    }

    public static void main(String[] argv) throws Exception {
        new MemoryBench(parse(argv)).run();
    }

    private void run() throws Exception {
        if (!Files.isRegularFile(root.resolve("server/target/earshot.jar"))) {
            throw new IllegalStateException("server/target/earshot.jar is missing: build it first (mvn -q -DskipTests package)");
        }
        print.printf("Earshot memory benchmark: %,d calls over %d days, seed %d, launcher heap %s, %d cores, %s RAM,"
                        + " out %s%n", calls, YearOfCalls.DAYS, seed, heap, Runtime.getRuntime().availableProcessors(),
                memTotal(), out);
        Path dataDir = out.resolve("data");
        SyntheticStore.ensure(dataDir, new YearOfCalls(calls, seed), 2, print);
        if (storeOnly) {
            return;
        }
        List<Result> launcher = phases("heap-" + heap, heap, megabytes(heap), dataDir);
        List<Result> jvmDefault = baseline ? phases("heap-default", "default", null, dataDir) : null;
        table(launcher, jvmDefault);
    }

    /** The four phases in child processes with one heap setting. */
    private List<Result> phases(String label, String heapSetting, Long maxHeapMb, Path dataDir) throws Exception {
        print.printf("%n--- %s: ./earshot with EARSHOT_HEAP=%s ---%n", label, heapSetting);
        // The first start on this store: no index, so the node indexes every call from the change log.
        BenchFiles.deleteRecursively(dataDir.resolve("index"));
        Files.deleteIfExists(dataDir.resolve("index-checkpoint"));
        List<Result> results = new ArrayList<>();
        int port = freePort();
        Path logs = out.resolve("logs");
        try (ChildNode serve = ChildNode.start(root, heapSetting, maxHeapMb, logs, label + "-serve", List.of("serve",
                "--data-dir", dataDir.toString(), "--http-port", Integer.toString(port), "--admin-password", ADMIN_PASSWORD))) {
            NodeClient client = new NodeClient(port);
            Result start = measure(serve, "start", () -> startUntilIndexed(serve, client));
            results.add(start);
            if (start.completed) {
                client.login("admin", ADMIN_PASSWORD);
                results.add(measure(serve, "kpis", () -> kpis(client)));
                results.add(measure(serve, "search", () -> search(client)));
            }
        }
        try (ChildNode reindex = ChildNode.start(root, heapSetting, maxHeapMb, logs, label + "-reindex",
                List.of("reindex", "--data-dir", dataDir.toString()))) {
            results.add(measure(reindex, "reindex", () -> {
                Integer exit = reindex.waitFor(timeout.toMinutes(), TimeUnit.MINUTES);
                if (exit == null) {
                    throw new IOException("still running after " + timeout.toMinutes() + " min");
                }
                if (exit != 0) {
                    throw new IOException("exit code " + exit);
                }
                return Files.readAllLines(reindex.log()).stream().filter(l -> l.startsWith("Re-indexed"))
                        .findFirst().orElse("no 'Re-indexed' line");
            }));
        }
        return results;
    }

    private String startUntilIndexed(ChildNode serve, NodeClient client) throws Exception {
        long start = System.nanoTime();
        double healthAfter = -1;
        long deadline = start + timeout.toNanos();
        long lastPrint = start;
        while (System.nanoTime() < deadline) {
            if (!serve.isAlive()) {
                throw new IOException("the node exited with code " + serve.waitFor(1, TimeUnit.SECONDS));
            }
            long pending = client.pendingChanges();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (pending >= 0 && healthAfter < 0) {
                healthAfter = seconds;
            }
            if (pending == 0) {
                return String.format("/api/health after %.1f s, pendingChanges 0 after %.1f s", healthAfter, seconds);
            }
            if (System.nanoTime() - lastPrint > 60e9) {
                lastPrint = System.nanoTime();
                print.printf("            start: %.0f s, pendingChanges %,d%n", seconds, pending);
            }
            Thread.sleep(250);
        }
        throw new IOException("index not caught up after " + timeout.toMinutes() + " min");
    }

    private String kpis(NodeClient client) throws Exception {
        String from = YearOfCalls.START.toString().substring(0, 10);
        String to = YearOfCalls.END.minus(Duration.ofDays(1)).toString().substring(0, 10);
        StringBuilder detail = new StringBuilder();
        for (String group : GROUPS) {
            long t0 = System.nanoTime();
            JsonNode rows = client.get("/api/kpis?from=" + from + "&to=" + to + "&groupBy=" + group, timeout).path("rows");
            long offered = 0;
            for (JsonNode row : rows) {
                offered += row.path("offered").asLong();
            }
            detail.append(String.format("%s%s %.1f s (%d rows, %,d offered)", detail.length() == 0 ? "" : "; ", group,
                    (System.nanoTime() - t0) / 1e9, rows.size(), offered));
        }
        return detail.toString();
    }

    private String search(NodeClient client) throws Exception {
        List<String> queries = searchQueries();
        AtomicInteger next = new AtomicInteger();
        AtomicLong hits = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "bench-search-client"));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < queries.size(); i = next.getAndIncrement()) {
                        hits.addAndGet(client.get(queries.get(i), Duration.ofMinutes(5)).path("total").asLong());
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
        return String.format("%d requests, %,d hits in all", queries.size(), hits.get());
    }

    /** Free text (the store has no transcripts: it finds none, but is parsed and run), filters and pages. */
    private List<String> searchQueries() {
        List<String> templates = List.of("q=cancel", "q=%22billing+problem%22&sort=relevance", "queue=%s",
                "agent=%s", "outcome=abandoned&queue=%s", "caller=%s", "minWait=300&queue=%s",
                "minDuration=1800&sort=-date", "from=%s&to=%s", "agent=%s&from=%s&to=%s&page=3&size=50",
                "outcome=timeout", "minTalk=900&maxTalk=1200&agent=%s");
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < searches; i++) {
            String t = templates.get(i % templates.size());
            int q = r.nextInt(YearOfCalls.QUEUES.size());
            String day = YearOfCalls.START.plus(Duration.ofDays(r.nextInt(YearOfCalls.DAYS - 30))).toString().substring(0, 10);
            String dayTo = java.time.LocalDate.parse(day).plusDays(1 + r.nextInt(30)).toString();
            String agent = YearOfCalls.agent(q, r.nextInt(YearOfCalls.AGENTS_PER_QUEUE));
            String caller = URLEncoder.encode(YearOfCalls.caller(r.nextInt(2_000)), StandardCharsets.UTF_8);
            String query = switch (t) {
                case "queue=%s", "outcome=abandoned&queue=%s", "minWait=300&queue=%s" -> t.formatted(YearOfCalls.QUEUES.get(q));
                case "agent=%s", "minTalk=900&maxTalk=1200&agent=%s" -> t.formatted(agent);
                case "caller=%s" -> t.formatted(caller);
                case "from=%s&to=%s" -> t.formatted(day, dayTo);
                case "agent=%s&from=%s&to=%s&page=3&size=50" -> t.formatted(agent, day, dayTo);
                default -> t;
            };
            queries.add("/api/calls?" + query);
        }
        return queries;
    }

    private interface Work {
        String run() throws Exception;
    }

    /** One phase's outcome and what it cost. */
    private record Result(String phase, boolean completed, String detail, double seconds, ChildNode.Usage usage) {
    }

    private Result measure(ChildNode node, String phase, Work work) throws Exception {
        node.beginPhase(phase);
        long start = System.nanoTime();
        boolean completed;
        String detail;
        try {
            detail = work.run();
            completed = true;
        } catch (Exception e) {
            completed = false;
            String errors = node.errorLines();
            detail = e.getMessage() + (errors.isEmpty() ? "" : "; the node's log: " + errors);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ChildNode.Usage usage = node.endPhase();
        Result r = new Result(phase, completed, detail, seconds, usage);
        print.printf("%-8s %-9s %8.1f s  peak RSS %,6d MB  peak heap %,6d MB (after GC %,d MB)  GC %d pauses (%d full)"
                        + " %.1f s  %s%n", phase, completed ? "completed" : "FAILED", seconds, usage.peakRssMb(),
                usage.peakHeapMb(), usage.peakAfterGcMb(), usage.gcPauses(), usage.fullGcs(), usage.gcPauseSeconds(), detail);
        return r;
    }

    private void table(List<Result> launcher, List<Result> jvmDefault) {
        print.printf("%n%-8s | %-34s | %-34s | %s%n", "phase", "heap " + heap + ": wall, peak RSS, peak heap",
                "default heap: wall, peak RSS, peak heap", "RSS ratio");
        for (Result a : launcher) {
            Result b = jvmDefault == null ? null : jvmDefault.stream().filter(x -> x.phase.equals(a.phase)).findFirst().orElse(null);
            print.printf("%-8s | %-34s | %-34s | %s%n", a.phase, cell(a), b == null ? "-" : cell(b),
                    b == null || b.usage.peakRssMb() == 0 ? "-" : String.format("%.2f",
                            (double) a.usage.peakRssMb() / b.usage.peakRssMb()));
        }
    }

    private static String cell(Result r) {
        return String.format("%s%.0f s, %,d MB, %,d MB", r.completed ? "" : "FAILED ", r.seconds, r.usage.peakRssMb(),
                r.usage.peakHeapMb());
    }

    private static Long megabytes(String heap) {
        String h = heap.toLowerCase(java.util.Locale.ROOT);
        long n = Long.parseLong(h.replaceAll("[kmg]$", ""));
        return h.endsWith("g") ? n * 1024 : h.endsWith("m") ? n : h.endsWith("k") ? n / 1024 : n / (1024 * 1024);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String memTotal() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return String.format("%.1f GB", Long.parseLong(line.replaceAll("\\D", "")) / 1e6 * 1.024);
            }
        }
        return "?";
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name, got '" + argv[i] + "'");
            }
            String name = argv[i].substring(2);
            boolean hasValue = i + 1 < argv.length && !argv[i + 1].startsWith("--");
            args.put(name, hasValue ? argv[++i] : "");
        }
        return args;
    }
}
