package org.earshot.bench.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How many calls one node follows live (bench/run live.CapacityBench [seconds] [threads] [counts...]): for
 * 1, 2, 3, 4, 6, 8 … concurrent calls (different real calls, each written at real-time pace in 32 KiB
 * steps, staggered), the p50/p95 latency of their transcript messages (see {@link LatencyBench}), until p95
 * passes 2 s. The first row (one call) is the baseline the others are read against. Live work runs on
 * {@code threads} threads (live.threads, default 1), the rest of the machine stays the post-call workers'.
 */
public final class CapacityBench {

    static final double TARGET_P95 = 2.0;

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 40;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<Integer> counts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            counts.add(Integer.parseInt(args[i]));
        }
        if (counts.isEmpty()) {
            counts = List.of(1, 2, 3, 4, 6, 8, 12);
        }
        Path spool = Files.createTempDirectory("earshot-live-capacity");
        System.out.printf("live.capacity: %.0f s calls at real-time pace, %d live thread(s), %d cores%n", seconds, threads,
                Runtime.getRuntime().availableProcessors());
        System.out.println("calls  messages  p50 s  p95 s  p95/baseline");
        try (LiveRig rig = new LiveRig(spool, counts.stream().mapToInt(Integer::intValue).max().orElse(1), threads)) {
            LatencyBench.warmUp(rig);
            double baseline = Double.NaN;
            int tag = 0;
            int capacity = 0;
            for (int n : counts) {
                List<PromptCall> calls = new ArrayList<>();
                for (int c = 0; c < n; c++) {
                    calls.add(PromptCall.build(seconds, 11 * c));
                }
                List<Double> latencies = LatencyBench.run(rig, calls, ++tag);
                double p50 = LiveRig.percentile(latencies, 0.50);
                double p95 = LiveRig.percentile(latencies, 0.95);
                if (Double.isNaN(baseline)) {
                    baseline = p95;
                }
                System.out.printf("%5d  %8d  %5.2f  %5.2f  %12.2f%n", n, latencies.size(), p50, p95, p95 / baseline);
                if (p95 > TARGET_P95) {
                    break;
                }
                capacity = n;
            }
            System.out.printf("live.capacity: %d concurrent call(s) within p95 <= %.0f s on %d live thread(s)%n", capacity,
                    TARGET_P95, threads);
        }
    }
}
