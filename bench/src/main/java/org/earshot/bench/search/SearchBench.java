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
import org.earshot.bench.BenchFiles;
import org.earshot.search.CallQuery;
import org.earshot.search.TranscriptIndex;

/**
 * Search benchmark (issue 6): indexes N synthetic calls into an on-disk {@link TranscriptIndex},
 * times a mixed query set against it, then loads the same calls into an on-disk H2 table and
 * times the same questions with SQL LIKE, printing the speed-up.
 *
 * <p>Both sides get the same thing: the same {@code --questions} (a mixed set, the four kinds in turn), the
 * same {@code --warmup} untimed rounds over them, then the same {@code --rounds} timed rounds, one
 * question at a time on one thread. Percentiles are nearest-rank: the p-th of n sorted samples is the
 * one of rank ceil(p/100 × n).
 *
 * <pre>
 * bench/run search.SearchBench [--calls 100000] [--out DIR] [--seed 42] [--threads 2]
 *                              [--questions 20] [--warmup 1] [--rounds 5] [--no-baseline]
 * </pre>
 * Goals: p99 &lt; 50 ms, at least 50x faster than the baseline, indexing at least 1,000 calls/s on 2 cores.
 */
public final class SearchBench {

    private final int calls;
    private final Path out;
    private final long seed;
    private final int threads;
    private final int questions;
    private final int warmup;
    private final int rounds;
    private final boolean baseline;
    private final PrintStream print = System.out;

    private SearchBench(Map<String, String> args) throws IOException {
        calls = Integer.parseInt(args.getOrDefault("calls", "100000"));
        out = args.containsKey("out") ? Path.of(args.get("out")) : Files.createTempDirectory("earshot-search-bench");
        seed = Long.parseLong(args.getOrDefault("seed", "42"));
        threads = Integer.parseInt(args.getOrDefault("threads", "2"));
        questions = Integer.parseInt(args.getOrDefault("questions", "20"));
        warmup = Integer.parseInt(args.getOrDefault("warmup", "1"));
        rounds = Integer.parseInt(args.getOrDefault("rounds", "5"));
        baseline = !args.containsKey("no-baseline");
    }

    public static void main(String[] argv) throws Exception {
        new SearchBench(parse(argv)).run();
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        Path indexDir = out.resolve("index");
        BenchFiles.deleteRecursively(indexDir);
        SyntheticCalls generator = new SyntheticCalls(seed);
        print.printf("Earshot search benchmark: %,d calls, seed %d, %d indexing threads, %d cores, out %s%n",
                calls, seed, threads, Runtime.getRuntime().availableProcessors(), out);

        double generateSeconds = timeGeneration(generator);
        List<Question> set = questionSet();
        print.printf("questions:  %d (%s in turn), %d untimed warm-up round(s), then %d timed rounds, one question"
                        + " at a time: the same for the index and the baseline%n", set.size(),
                String.join(", ", Question.KINDS), warmup, rounds);
        Map<String, long[]> lucene;
        Map<Question, Long> luceneTotals;
        try (TranscriptIndex index = TranscriptIndex.open(indexDir)) {
            long cpuBefore = processCpuNanos();
            double seconds = indexAll(index, generator);
            double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
            print.printf("indexing:   %,d calls in %.1f s = %,.0f calls/s, generating them included (generating"
                            + " alone: %,.0f calls/s on one thread); index %s; load average %s%n",
                    calls, seconds, calls / seconds, calls / generateSeconds, BenchFiles.megabytes(indexDir), load());
            // CPU time is what other processes on a shared machine cannot take away: it bounds what
            // two dedicated cores would do (generation, merges and GC included).
            print.printf("            %.1f CPU-s used = %.2f ms CPU per call: %,.0f calls/s on 2 dedicated cores%n",
                    cpuSeconds, cpuSeconds * 1000 / calls, 2 * calls / cpuSeconds);
            luceneTotals = new HashMap<>();
            lucene = time(set, q -> index.search(CallQuery.fromParameters(q.params())).total(), luceneTotals);
        }
        Map<String, long[]> sql = null;
        int agree = 0;
        int asked = 0;
        if (baseline) {
            Path h2Dir = out.resolve("h2");
            BenchFiles.deleteRecursively(h2Dir);
            try (H2Baseline h2 = new H2Baseline(h2Dir)) {
                long start = System.nanoTime();
                h2.load(generator, calls);
                double seconds = (System.nanoTime() - start) / 1e9;
                print.printf("H2 load:    %,d rows in %.1f s = %,.0f rows/s; database %s%n",
                        calls, seconds, calls / seconds, BenchFiles.megabytes(h2Dir));
                Map<Question, Long> sqlTotals = new HashMap<>();
                sql = time(set, h2::answer, sqlTotals);
                for (Question q : set) {
                    asked++;
                    agree += sqlTotals.get(q).equals(luceneTotals.get(q)) ? 1 : 0;
                }
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

    /** The first {@code questions} of the mixed set: the four kinds in turn, so each kind has its share. */
    private List<Question> questionSet() {
        int variants = (questions + Question.KINDS.size() - 1) / Question.KINDS.size();
        return List.copyOf(Question.mixedSet(variants, seed).subList(0, questions));
    }

    /** One way of answering a question: its total number of matching calls. */
    private interface Asker {
        long total(Question q) throws Exception;
    }

    /**
     * The one timing loop both sides go through: {@link #warmup} untimed rounds over the set (their totals
     * kept to compare the sides), then {@link #rounds} timed rounds; samples by kind, sorted.
     */
    private Map<String, long[]> time(List<Question> set, Asker asker, Map<Question, Long> totals) throws Exception {
        for (int round = 0; round < warmup; round++) {
            for (Question q : set) {
                totals.put(q, asker.total(q));
            }
        }
        Map<String, List<Long>> samples = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Question q : set) {
                long t0 = System.nanoTime();
                long total = asker.total(q);
                samples.computeIfAbsent(q.kind(), k -> new ArrayList<>()).add(System.nanoTime() - t0);
                totals.putIfAbsent(q, total);
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
        print.printf("%npercentiles: nearest rank (the p-th of n sorted samples is the one of rank ceil(p/100 x n));"
                + " n = questions x timed rounds%n");
        if (allSql != null) {
            print.printf("same totals from both: %d of %d questions%n", agree, asked);
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
