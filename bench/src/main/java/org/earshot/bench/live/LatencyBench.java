package org.earshot.bench.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Latency of live transcripts (bench/run live.LatencyBench [seconds]): a real call (Allison prompts, customer
 * and agent taking turns) is written at real-time pace in MixMonitor's 32 KiB steps (one every 1.024 s);
 * for every transcript message, the time from the step holding its last audio reaching the file to the
 * message leaving the live hub. Prints p50 and p95; the target is p95 <= 2 s. The baseline in the same run is
 * MixMonitor's own delay: the same audio's wait in Asterisk's buffer before it reaches the file (0.1–1.1 s).
 */
public final class LatencyBench {

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        PromptCall call = PromptCall.build(seconds, 0);
        Path spool = Files.createTempDirectory("earshot-live-latency");
        try (LiveRig rig = new LiveRig(spool, 4, 1)) {
            warmUp(rig);
            List<Double> latencies = run(rig, List.of(call), 1);
            System.out.printf("live.latency: %.0f s call at real-time pace, %d transcript messages: p50 %.2f s, p95 %.2f s"
                    + " (target p95 <= 2 s; Asterisk's own buffer adds 0.1-1.1 s before a word reaches the file)%n",
                    call.raw().length / (double) LiveRig.BYTES_PER_SECOND, latencies.size(),
                    LiveRig.percentile(latencies, 0.50), LiveRig.percentile(latencies, 0.95));
        }
    }

    /** Loads the model (several seconds) before anything is timed. */
    static void warmUp(LiveRig rig) throws Exception {
        PromptCall tiny = PromptCall.build(3, 7);
        Path file = rig.start("warm-up");
        for (int step = 0; rig.writeStep("warm-up", file, tiny.raw(), step); step++) {
            rig.calls.awaitAnalysed("warm-up", Math.min(tiny.raw().length, (step + 1L) * LiveRig.STEP),
                    java.time.Duration.ofMinutes(2));
        }
        rig.calls.channelHungUp("warm-up");
        rig.calls.awaitEnded("warm-up", java.time.Duration.ofMinutes(2));
    }

    /**
     * Writes {@code calls} concurrently, each at real-time pace (step k at k × 1.024 s), staggered by
     * {@code 1.024 / calls} s so their steps do not all land at once; returns every message's latency.
     */
    static List<Double> run(LiveRig rig, List<PromptCall> calls, int tag) throws Exception {
        int n = calls.size();
        List<String> ids = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            ids.add("call-" + tag + "-" + c);
            files.add(rig.start(ids.get(c)));
        }
        long stepNanos = TimeUnit.MICROSECONDS.toNanos(1_024_000);
        long t0 = System.nanoTime();
        int steps = calls.stream().mapToInt(c -> (c.raw().length + LiveRig.STEP - 1) / LiveRig.STEP).max().orElse(0);
        for (int step = 0; step < steps; step++) {
            for (int c = 0; c < n; c++) {
                long due = t0 + step * stepNanos + c * stepNanos / n;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // the pace of a real call, not a test's wait
                }
                rig.writeStep(ids.get(c), files.get(c), calls.get(c).raw(), step);
            }
        }
        for (int c = 0; c < n; c++) {
            rig.calls.awaitAnalysed(ids.get(c), calls.get(c).raw().length, java.time.Duration.ofMinutes(10));
            rig.calls.channelHungUp(ids.get(c));
        }
        for (String id : ids) {
            rig.calls.awaitEnded(id, java.time.Duration.ofMinutes(5)); // the last spurt's final is sent at the end
        }
        List<Double> all = new ArrayList<>();
        for (String id : ids) {
            all.addAll(rig.latencies(id));
        }
        return all;
    }
}
