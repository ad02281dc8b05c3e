package org.earshot.bench.kpi;

import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.earshot.server.kpi.KpiRow;
import org.earshot.server.kpi.KpiService;

/**
 * Times one view both ways on one store: the raw path ({@link KpiService#computeRaw}, the baseline measured in
 * the same run) and the rollup path ({@link KpiService#compute}, or the CSV route for the CSV view), each after
 * warm-up runs, and checks that both give the same rows.
 */
final class ViewTimer {

    /** Milliseconds of the timed runs, sorted. */
    record Timings(double[] millis) {
        static Timings of(double[] millis) {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            return new Timings(sorted);
        }

        double p50() {
            return percentile(0.50);
        }

        double p95() {
            return percentile(0.95);
        }

        /** Nearest rank: with 3 runs the p95 is the slowest, never an interpolation between runs. */
        private double percentile(double p) {
            return millis[Math.max(0, (int) Math.ceil(p * millis.length) - 1)];
        }
    }

    /** A view's outcome: raw is null for the CSV view (its route takes the rollup path only). */
    record Result(View view, Timings raw, Timings rollups, String rows, long peakHeapMb, String failure) {
        boolean meetsGoal() {
            return failure == null && rollups.p95() < view.goalMillis();
        }
    }

    private interface Run<T> {
        T run() throws Exception;
    }

    private final KpiService kpis;
    private final CsvRoute csv;
    private final HeapWatch heap;
    private final int warmup;
    private final int rawRuns;
    private final int runs;
    private final PrintStream print;

    ViewTimer(KpiService kpis, CsvRoute csv, HeapWatch heap, int warmup, int rawRuns, int runs, PrintStream print) {
        this.kpis = kpis;
        this.csv = csv;
        this.heap = heap;
        this.warmup = warmup;
        this.rawRuns = rawRuns;
        this.runs = runs;
        this.print = print;
    }

    Result time(View view) {
        heap.reset();
        Result result;
        try {
            result = timeBothPaths(view);
        } catch (Exception | OutOfMemoryError e) {
            // A view that cannot finish (a heap too small for a year of intervals) is a figure too: said, not hidden.
            result = new Result(view, null, null, "-", heap.peakMb(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        print.printf("view:       %-34s %s%n", result.view().name(), result.failure() != null ? "FAILED " + result.failure()
                : String.format("raw %s, rollups %s, %s, peak heap %,d MB", ms(result.raw()), ms(result.rollups()),
                result.rows(), result.peakHeapMb()));
        return result;
    }

    /**
     * Warm-up runs of both, then the timed runs taken in turns, raw then rollups, so both paths see the same JIT
     * and the same load from whatever else the machine runs; the raw path stops after its fewer runs.
     */
    private Result timeBothPaths(View view) throws Exception {
        Run<List<KpiRow>> raw = () -> kpis.computeRaw(view.query());
        Run<Object> rollups = view.csv() ? () -> csv.csv(view.query()) : () -> kpis.compute(view.query());
        for (int i = 0; i < warmup; i++) {
            if (!view.csv()) {
                raw.run();
            }
            rollups.run();
        }
        // The CSV route has no raw twin: its raw rows, for the check, are computed once and not timed.
        List<KpiRow> rawRows = view.csv() ? raw.run() : null;
        Object rolled = null;
        double[] rawMillis = new double[view.csv() ? 0 : rawRuns];
        double[] rollupMillis = new double[runs];
        for (int i = 0; i < Math.max(rawMillis.length, runs); i++) {
            if (i < rawMillis.length) {
                long start = System.nanoTime();
                rawRows = raw.run();
                rawMillis[i] = (System.nanoTime() - start) / 1e6;
            }
            if (i < runs) {
                long start = System.nanoTime();
                rolled = rollups.run();
                rollupMillis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        String rows = view.csv() ? csvCheck(rawRows, (String) rolled) : rowsCheck(rawRows, castRows(rolled));
        return new Result(view, view.csv() ? null : Timings.of(rawMillis), Timings.of(rollupMillis), rows, heap.peakMb(), null);
    }

    @SuppressWarnings("unchecked")
    private static List<KpiRow> castRows(Object rows) {
        return (List<KpiRow>) rows;
    }

    static String ms(Timings t) {
        return t == null ? "-" : String.format("%,.0f / %,.0f ms", t.p50(), t.p95());
    }

    /**
     * "equal (n rows)", or the first row and figure where the paths part. Figures that part only past the 9th
     * significant digit are told apart: a mean summed in another order (PostgreSQL returns rows in no set order,
     * so even two raw runs can) parts there, and that is a different fix from a figure that is wrong.
     */
    static String rowsCheck(List<KpiRow> raw, List<KpiRow> rolled) {
        if (raw.equals(rolled)) {
            return "equal (" + raw.size() + (raw.size() == 1 ? " row)" : " rows)");
        }
        if (raw.size() != rolled.size()) {
            return "DIFFER: " + raw.size() + " rows raw, " + rolled.size() + " with rollups";
        }
        String firstRounding = null;
        for (int i = 0; i < raw.size(); i++) {
            for (RecordComponent c : KpiRow.class.getRecordComponents()) {
                Object a = value(c, raw.get(i));
                Object b = value(c, rolled.get(i));
                if (Objects.equals(a, b)) {
                    continue;
                }
                String where = "row " + raw.get(i).key() + " " + c.getName() + " raw " + a + ", rollups " + b;
                if (!(a instanceof Double x && b instanceof Double y && Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y)))) {
                    return "DIFFER: " + where;
                }
                firstRounding = firstRounding == null ? where : firstRounding;
            }
        }
        return "DIFFER past the 9th digit only (sum order): " + firstRounding;
    }

    /** The CSV's keys and offered counts against the raw rows (its other columns are those rows' figures, formatted). */
    static String csvCheck(List<KpiRow> raw, String csv) {
        String[] lines = csv.split("\r\n");
        List<String> header = List.of(lines[0].split(","));
        int key = header.indexOf("key");
        int offered = header.indexOf("offered");
        int answered = header.indexOf("answered");
        if (lines.length - 1 != raw.size()) {
            return "DIFFER: " + (lines.length - 1) + " CSV rows, " + raw.size() + " raw";
        }
        for (int i = 0; i < raw.size(); i++) {
            String[] cells = lines[i + 1].split(",", -1);
            KpiRow row = raw.get(i);
            if (!cells[key].equals("\"" + row.key() + "\"") || Long.parseLong(cells[offered]) != row.offered()
                    || Long.parseLong(cells[answered]) != row.answered()) {
                return "DIFFER: CSV line " + (i + 1) + " " + lines[i + 1].substring(0, Math.min(60, lines[i + 1].length()))
                        + "..., raw " + row.key() + " offered " + row.offered() + " answered " + row.answered();
            }
        }
        return "keys, offered, answered equal (" + raw.size() + " rows)";
    }

    private static Object value(RecordComponent c, KpiRow row) {
        try {
            return c.getAccessor().invoke(row);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("reading " + c.getName() + " of a KPI row", e);
        }
    }
}
