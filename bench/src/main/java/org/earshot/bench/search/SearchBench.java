package org.earshot.bench.search;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.earshot.search.CallQuery;
import org.earshot.search.TranscriptIndex;

/**
 * Search benchmark (issue 6): indexes N synthetic calls into an on-disk {@link TranscriptIndex},
 * times a mixed query set against it, then loads the same calls into an on-disk H2 table and
 * times the same questions with SQL LIKE, printing the speed-up.
 *
 * <pre>
 * bench/run search.SearchBench [--calls 100000] [--out DIR] [--seed 42] [--threads 2]
 *                              [--queries 2000] [--baseline-runs 5] [--no-baseline]
 * </pre>
 * Goals: p99 &lt; 50 ms, at least 50x faster than the baseline, indexing at least 1,000 calls/s on 2 cores.
 */
public final class SearchBench {

    private final int calls;
    private final Path out;
    private final long seed;
    private final int threads;
    private final int queries;
    private final int baselineRuns;
    private final boolean baseline;
    private final PrintStream print = System.out;

    private SearchBench(Map<String, String> args) throws IOException {
        calls = Integer.parseInt(args.getOrDefault("calls", "100000"));
        out = args.containsKey("out") ? Path.of(args.get("out")) : Files.createTempDirectory("earshot-search-bench");
        seed = Long.parseLong(args.getOrDefault("seed", "42"));
        threads = Integer.parseInt(args.getOrDefault("threads", "2"));
        queries = Integer.parseInt(args.getOrDefault("queries", "2000"));
        baselineRuns = Integer.parseInt(args.getOrDefault("baseline-runs", "5"));
        baseline = !args.containsKey("no-baseline");
    }

    public static void main(String[] argv) throws Exception {
        new SearchBench(parse(argv)).run();
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        Path indexDir = out.resolve("index");
        deleteRecursively(indexDir);
        SyntheticCalls generator = new SyntheticCalls(seed);
        print.printf("Earshot search benchmark: %,d calls, seed %d, %d indexing threads, %d cores, out %s%n",
                calls, seed, threads, Runtime.getRuntime().availableProcessors(), out);

        double generateSeconds = timeGeneration(generator);
        List<Question> set = Question.mixedSet(25, seed);
        Map<String, long[]> lucene;
        Map<Question, Long> luceneTotals = new HashMap<>();
        try (TranscriptIndex index = TranscriptIndex.open(indexDir)) {
            long cpuBefore = processCpuNanos();
            double seconds = indexAll(index, generator);
            double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
            print.printf("indexing:   %,d calls in %.1f s = %,.0f calls/s, generating them included (generating"
                            + " alone: %,.0f calls/s on one thread); index %s; load average %s%n",
                    calls, seconds, calls / seconds, calls / generateSeconds, size(indexDir), load());
            // CPU time is what other processes on a shared machine cannot take away: it bounds what
            // two dedicated cores would do (generation, merges and GC included).
            print.printf("            %.1f CPU-s used = %.2f ms CPU per call: %,.0f calls/s on 2 dedicated cores%n",
                    cpuSeconds, cpuSeconds * 1000 / calls, 2 * calls / cpuSeconds);
            lucene = timeLucene(index, set, luceneTotals);
        }
        Map<String, long[]> sql = null;
        int agree = 0;
        int asked = 0;
        if (baseline) {
            Path h2Dir = out.resolve("h2");
            deleteRecursively(h2Dir);
            try (H2Baseline h2 = new H2Baseline(h2Dir)) {
                long start = System.nanoTime();
                h2.load(generator, calls);
                double seconds = (System.nanoTime() - start) / 1e9;
                print.printf("H2 load:    %,d rows in %.1f s = %,.0f rows/s; database %s%n",
                        calls, seconds, calls / seconds, size(h2Dir));
                Map<String, List<Long>> samples = new LinkedHashMap<>();
                for (int v = 0; v < baselineRuns; v++) {
                    for (int k = 0; k < Question.KINDS.size(); k++) {
                        Question q = set.get(v * Question.KINDS.size() + k);
                        long t0 = System.nanoTime();
                        long total = h2.answer(q);
                        samples.computeIfAbsent(q.kind(), x -> new ArrayList<>()).add(System.nanoTime() - t0);
                        asked++;
                        agree += total == luceneTotals.get(q) ? 1 : 0;
                    }
                }
                sql = sorted(samples);
            }
        }
        table(lucene, sql, agree, asked);
        print.printf("load average at the end: %s (other processes on this machine share its %d cores)%n",
                load(), Runtime.getRuntime().availableProcessors());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String load() {
        return String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private double timeGeneration(SyntheticCalls generator) {
        long start = System.nanoTime();
        long words = 0;
        for (int i = 0; i < calls; i++) {
            words += generator.call(i).words().size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        print.printf("generating: %,d calls, %,d words (%,.0f per call) in %.1f s%n", calls, words,
                (double) words / calls, seconds);
        return seconds;
    }

    /** Indexes every call from {@code threads} threads, as the server's analysis workers would; then commits. */
    private double indexAll(TranscriptIndex index, SyntheticCalls generator) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "bench-indexer"));
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                        index.index(generator.call(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            index.commit();
            index.refresh();
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private Map<String, long[]> timeLucene(TranscriptIndex index, List<Question> set, Map<Question, Long> totals)
            throws Exception {
        for (int warm = 0; warm < 3; warm++) {
            for (Question q : set) {
                totals.put(q, index.search(CallQuery.fromParameters(q.params())).total());
            }
        }
        Map<String, List<Long>> samples = new LinkedHashMap<>();
        int rounds = Math.max(1, queries / set.size());
        for (int round = 0; round < rounds; round++) {
            for (Question q : set) {
                long t0 = System.nanoTime();
                index.search(CallQuery.fromParameters(q.params()));
                samples.computeIfAbsent(q.kind(), k -> new ArrayList<>()).add(System.nanoTime() - t0);
            }
        }
        return sorted(samples);
    }

    private void table(Map<String, long[]> lucene, Map<String, long[]> sql, int agree, int asked) {
        print.println();
        print.printf("%-28s %9s %9s %7s | %11s %11s %5s | %9s %9s%n", "query (mixed set)", "p50 ms", "p99 ms", "n",
                "H2 p50 ms", "H2 p99 ms", "n", "x p50", "x p99");
        Map<String, long[]> allLucene = new LinkedHashMap<>(lucene);
        allLucene.put("all", merged(lucene));
        Map<String, long[]> allSql = sql == null ? null : new LinkedHashMap<>(sql);
        if (allSql != null) {
            allSql.put("all", merged(sql));
        }
        for (var e : allLucene.entrySet()) {
            long[] l = e.getValue();
            print.printf("%-28s %9.2f %9.2f %7d", e.getKey(), ms(pct(l, 50)), ms(pct(l, 99)), l.length);
            if (allSql != null) {
                long[] s = allSql.get(e.getKey());
                print.printf(" | %11.1f %11.1f %5d | %8.0fx %8.0fx%n", ms(pct(s, 50)), ms(pct(s, 99)), s.length,
                        (double) pct(s, 50) / pct(l, 50), (double) pct(s, 99) / pct(l, 99));
            } else {
                print.println();
            }
        }
        if (allSql != null) {
            print.printf("%nsame totals from both: %d of %d questions%n", agree, asked);
        }
    }

    private static Map<String, long[]> sorted(Map<String, List<Long>> samples) {
        Map<String, long[]> sorted = new LinkedHashMap<>();
        samples.forEach((k, v) -> {
            long[] a = v.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(a);
            sorted.put(k, a);
        });
        return sorted;
    }

    private static long[] merged(Map<String, long[]> byKind) {
        long[] all = byKind.values().stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return all;
    }

    /** The nearest-rank percentile of sorted samples. */
    private static long pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            return String.format("%,.0f MB", bytes / 1e6);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** {@code --name value} pairs; a flag without a value (e.g. --no-baseline) maps to "". */
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
