package org.earshot.bench.kpi;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.earshot.bench.server.YearOfCalls;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiService;
import org.earshot.server.store.Database;

/**
 * KPI benchmark ("KPIs over years in milliseconds"): the dashboard's views over a year of calls, timed on the raw
 * path ({@code KpiService.computeRaw}, the baseline measured in the same run) and on the rollup path
 * ({@code KpiService.compute}), on H2 and, when {@code EARSHOT_TEST_PG_URL} names one, on PostgreSQL.
 *
 * <pre>
 * BENCH_JAVA_OPTS=-Xmx1g bench/run kpi.KpiBench [--calls 1000000] [--data-dir DIR] [--resume] [--threads 2] [--raw-runs 3]
 *     [--runs 20] [--warmup 1] [--seed 7] [--intervals N] [--fresh] [--load-only] [--pg-calls 100000]
 *     [--pg-schema kpibench]
 * </pre>
 * <b>The stores.</b> {@code --calls} calls over a year ({@code YearOfCalls}: 5 queues, 50 agents, 200,000 callers,
 * 4 % of answered calls transferred), their surveys (18 % of answered calls, a third of those CSAT only) and, in a
 * second store, also the 50 agents' activity over the year: {@code --intervals} intervals (default 2.5 per call,
 * 2.5 million beside a million calls, every agent's shift every day; fewer fill the last days only, in shifts as
 * busy; available, ringing, on-call, on-hold, wrap-up, paused, logged-out). Both are
 * filled through the product's own write path ({@code CallStore.save}, {@code SurveyStore.save},
 * {@code AgentIntervalStore.record}, one transaction a change, as live) from {@code --threads} threads, so rollups
 * fill as they would live; the bench prints each load's time and rate. On H2 they live in
 * {@code DIR/calls} and {@code DIR/intervals} (default {@code /tmp/earshot-kpi-bench-N}; the second starts as a file
 * copy of the first); on PostgreSQL in schemas {@code SCHEMA_calls_N} and {@code SCHEMA_intervals_N}, dropped and
 * loaded again when they do not match (no copy: the calls are loaded twice, hence the smaller {@code --pg-calls}).
 * A store that holds exactly what it should (the counts, and the seed and generator version its last finished load
 * noted) is reused; {@code --fresh} loads it again (do so after a change to what
 * the product writes beside the rows: a store made before rollups existed has none). Loading is slow (a transaction
 * per call, per survey and per change of activity): {@code --load-only} makes the stores ahead and stops.
 *
 * <p><b>What it prints.</b> Per view, as it finishes and then as a table: raw p50 / p95 over {@code --raw-runs}
 * runs, rollups p50 / p95 over {@code --runs} runs (both after {@code --warmup} runs), the speed-up (raw p50 ÷
 * rollups p50), the goal and whether the rollups' p95 meets it, whether both paths gave equal rows (every
 * figure of every row: they must), and the peak heap used while the view ran (with {@code -Xmx1g}, the launcher's
 * default heap, that is whether a node could serve it). The views: the whole year by none, day, queue, month and
 * agent; the year by agent as CSV ({@code GET /api/kpis.csv} through a node wired on the store in this JVM: the
 * route is the only way to the product's CSV, so that row has no raw column and checks the CSV's keys and counts
 * against the raw rows); one agent's month; one day; and, on the store with intervals, one day (occupancy) and the
 * year by day. A view that fails (a heap too small) prints why and the rest go on. Both paths' timed runs are taken
 * in turns, so they share the JIT's state and the machine's load; on a small store a run is too short to warm the
 * JIT, so raise {@code --warmup} there before reading the first view's ratio.
 */
public final class KpiBench {

    private static final Set<String> OPTIONS = Set.of("calls", "data-dir", "threads", "raw-runs", "runs", "warmup", "seed",
            "intervals", "fresh", "resume", "load-only", "pg-calls", "pg-schema");
    private static final double INTERVALS_PER_CALL = 2.5;

    private final Map<String, String> args;
    private final int threads;
    private final int warmup;
    private final int rawRuns;
    private final int runs;
    private final long seed;
    private final boolean fresh;
    private final boolean loadOnly;
    private final PrintStream print = System.out;
    /** "Now" for occupancy (an agent still logged out counts to now): the end of the year, so every run agrees. */
    private final Clock clock = Clock.fixed(YearOfCalls.END, ZoneOffset.UTC);

    private KpiBench(Map<String, String> args) {
        this.args = args;
        threads = Integer.parseInt(args.getOrDefault("threads", "2"));
        warmup = Integer.parseInt(args.getOrDefault("warmup", "1"));
        rawRuns = Integer.parseInt(args.getOrDefault("raw-runs", "3"));
        runs = Integer.parseInt(args.getOrDefault("runs", "20"));
        seed = Long.parseLong(args.getOrDefault("seed", "7"));
        fresh = args.containsKey("fresh");
        loadOnly = args.containsKey("load-only");
        if (threads < 1 || warmup < 0 || rawRuns < 1 || runs < 1) {
            throw new IllegalArgumentException("threads, raw-runs and runs must be at least 1 and warmup at least 0, were "
                    + threads + ", " + rawRuns + ", " + runs + " and " + warmup);
        }
    }

    public static void main(String[] argv) throws Exception {
        new KpiBench(parse(argv)).run();
    }

    private void run() throws Exception {
        int calls = Integer.parseInt(args.getOrDefault("calls", "1000000"));
        print.printf("Earshot KPI benchmark: %d days, seed %d, %d cores, max heap %,d MB, raw runs %d, rollup runs %d,"
                + " warm-up %d%n", YearOfCalls.DAYS, seed, Runtime.getRuntime().availableProcessors(), HeapWatch.maxMb(),
                rawRuns, runs, warmup);
        Path dir = Path.of(args.getOrDefault("data-dir", "/tmp/earshot-kpi-bench-" + calls)).toAbsolutePath();
        List<String> tables = new ArrayList<>();
        try (HeapWatch heap = new HeapWatch()) {
            tables.add(database("H2", calls, new StoreLocation.H2(dir.resolve("calls")),
                    new StoreLocation.H2(dir.resolve("intervals")), heap));
            String pg = System.getenv("EARSHOT_TEST_PG_URL");
            if (pg == null) {
                print.printf("%nPostgreSQL: EARSHOT_TEST_PG_URL is not set, so H2 only%n");
            } else {
                int pgCalls = Integer.parseInt(args.getOrDefault("pg-calls", Integer.toString(Math.min(calls, 100_000))));
                String schema = StoreLocation.checkedSchema(args.getOrDefault("pg-schema", "kpibench"));
                Path scratch = Path.of("/tmp/earshot-kpi-bench-pg-" + pgCalls);
                tables.add(database("PostgreSQL", pgCalls,
                        new StoreLocation.Postgres(pg, schema + "_calls_" + pgCalls, scratch.resolve("calls")),
                        new StoreLocation.Postgres(pg, schema + "_intervals_" + pgCalls, scratch.resolve("intervals")), heap));
            }
        }
        tables.forEach(print::print);
    }

    /** Loads (or finds) one database's two stores and times every view on them; the table it makes. */
    private String database(String name, int calls, StoreLocation callsAt, StoreLocation intervalsAt, HeapWatch heap)
            throws Exception {
        long intervals = Long.parseLong(args.getOrDefault("intervals",
                Long.toString(Math.max(2, Math.round(calls * INTERVALS_PER_CALL)))));
        print.printf("%n--- %s: %,d calls, %,d agent intervals ---%n", name, calls, intervals);
        YearOfCalls year = new YearOfCalls(calls, seed);
        BenchStores stores = new BenchStores(year, new YearOfSurveys(year, seed), new YearOfAgentStates(intervals, seed),
                seed, threads, fresh, print).resuming(args.containsKey("resume"));
        heap.reset();
        stores.ensureCalls(callsAt);
        stores.ensureIntervals(intervalsAt, callsAt);
        print.printf("load:       peak heap %,d MB%n", heap.peakMb());
        if (loadOnly) {
            return "";
        }
        List<ViewTimer.Result> results = new ArrayList<>();
        time(callsAt, false, heap, results);
        time(intervalsAt, true, heap, results);
        return table(name, calls, intervals, results);
    }

    private void time(StoreLocation at, boolean withIntervals, HeapWatch heap, List<ViewTimer.Result> results) throws Exception {
        List<View> views = View.all().stream().filter(v -> v.intervals() == withIntervals).toList();
        try (Database db = Database.open(at.jdbcUrl(), null, null);
             CsvRoute csv = views.stream().anyMatch(View::csv) ? CsvRoute.open(at, KpiDefinitions.DEFAULTS, clock) : null) {
            ViewTimer timer = new ViewTimer(kpis(db, clock), csv, heap, warmup, rawRuns,
                    runs, print);
            for (View view : views) {
                results.add(timer.time(view));
            }
        }
    }

    private String table(String name, int calls, long intervals, List<ViewTimer.Result> results) {
        StringBuilder out = new StringBuilder(String.format("%n%s, %,d calls (%,d agent intervals in the store of the"
                + " last two views), max heap %,d MB%n", name, calls, intervals, HeapWatch.maxMb()));
        String format = "%-34s | %-21s | %-21s | %8s | %-19s | %-5s | %-40s | %s%n";
        out.append(String.format(format, "view", "raw p50 / p95", "rollups p50 / p95", "speed-up", "goal (rollups p95)",
                "meets", "rows: raw = rollups", "peak heap"));
        for (ViewTimer.Result r : results) {
            if (r.failure() != null) {
                out.append(String.format(format, r.view().name(), "FAILED", "", "", r.view().goal(), "no", r.failure(),
                        String.format("%,d MB", r.peakHeapMb())));
                continue;
            }
            out.append(String.format(format, r.view().name(), ViewTimer.ms(r.raw()), ViewTimer.ms(r.rollups()),
                    r.raw() == null ? "-" : String.format("%.1f×", r.raw().p50() / r.rollups().p50()), r.view().goal(),
                    r.meetsGoal() ? "yes" : "no", r.rows(), String.format("%,d MB", r.peakHeapMb())));
        }
        return out.toString();
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String name = argv[i].startsWith("--") ? argv[i].substring(2) : null;
            if (name == null || !OPTIONS.contains(name)) {
                throw new IllegalArgumentException("expected one of --" + String.join(", --", new java.util.TreeSet<>(OPTIONS))
                        + ", got '" + argv[i] + "'");
            }
            boolean hasValue = i + 1 < argv.length && !argv[i + 1].startsWith("--");
            args.put(name, hasValue ? argv[++i] : "");
        }
        return args;
    }

    /** The KPIs as a node wires them over the bench's store (default definitions, as it was loaded with). */
    private static KpiService kpis(Database db, java.time.Clock clock) {
        org.earshot.server.store.Stores stores = org.earshot.bench.server.SyntheticStore.stores(db);
        return new KpiService(stores.calls(), stores.kpiRollups(), stores.agentIntervals(),
                new org.earshot.server.kpi.KpiRules(KpiDefinitions.DEFAULTS), clock);
    }
}
