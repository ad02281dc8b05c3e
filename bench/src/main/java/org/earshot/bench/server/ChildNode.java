package org.earshot.bench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ./earshot} command in a child process, started the way an operator starts it (the launcher
 * script, so its heap and JVM options are the ones measured), with what a phase needs to know about it:
 * its peak resident memory and its peak heap.
 *
 * <p>Peak RSS: the kernel's high-water mark ({@code VmHWM}), reset at the start of each phase by writing 5
 * to {@code /proc/PID/clear_refs}, and {@code VmRSS} polled every 100 ms as a floor when the reset is not
 * allowed or the process is gone. Peak heap: the largest "before" of the GC log's pauses in the phase (the
 * heap is at its fullest just before a collection) and the heap used when the phase ends
 * ({@code jcmd PID GC.heap_info}). When a collection leaves the heap more than 85 % full, a class histogram
 * ({@code jcmd PID GC.class_histogram}, top 30 lines) is saved once per phase as evidence of what holds it.
 */
final class ChildNode implements AutoCloseable {

    private static final Pattern PAUSE = Pattern.compile("GC\\(\\d+\\) (Pause .*?) (\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");
    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

    private final String label;
    private final Process process;
    private final Path log;
    private final Path gcLog;
    private final Path evidenceDir;
    private final Long maxHeapMb;
    private final Thread sampler;
    private volatile long maxRssKb;
    private volatile String phase = "start";
    private volatile boolean histogramTaken;
    private long gcLogOffset;

    private ChildNode(String label, Process process, Path log, Path gcLog, Path evidenceDir, Long maxHeapMb) {
        this.label = label;
        this.process = process;
        this.log = log;
        this.gcLog = gcLog;
        this.evidenceDir = evidenceDir;
        this.maxHeapMb = maxHeapMb;
        this.sampler = new Thread(this::sample, "bench-rss-sampler-" + label);
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * Runs {@code ./earshot args...} from {@code root} with {@code EARSHOT_HEAP=heap}.
     *
     * @param heap      the launcher's EARSHOT_HEAP ("default": no -Xmx, the JVM's quarter of RAM)
     * @param maxHeapMb the heap bound in MB for the "nearly full" check, or null when the JVM picks it
     */
    static ChildNode start(Path root, String heap, Long maxHeapMb, Path logDir, String label, List<String> args)
            throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(label + ".log");
        Path gcLog = logDir.resolve(label + ".gc.log");
        Files.deleteIfExists(gcLog);
        List<String> command = new ArrayList<>();
        command.add(root.resolve("earshot").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("EARSHOT_HEAP", heap);
        builder.environment().put("EARSHOT_JAVA_OPTS", "-Xlog:gc:file=" + gcLog.toAbsolutePath());
        Process process = builder.start();
        // A bench stopped with Ctrl-C or a timeout must not leave a node holding the data-dir and a port.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "bench-stop-" + label));
        return new ChildNode(label, process, log, gcLog, logDir, maxHeapMb);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end; its exit code, or null when it still runs after the timeout. */
    Integer waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit) ? process.exitValue() : null;
    }

    /** Starts measuring a phase: the peak RSS and the GC log are taken from here on. */
    void beginPhase(String name) throws IOException {
        phase = name;
        histogramTaken = false;
        maxRssKb = 0;
        try {
            Files.writeString(Path.of("/proc/" + pid() + "/clear_refs"), "5");
        } catch (IOException | SecurityException e) {
            // Not allowed here: the polled VmRSS stands in for the high-water mark.
        }
        gcLogOffset = Files.exists(gcLog) ? Files.size(gcLog) : 0;
    }

    /** What this process used since {@link #beginPhase}. */
    Usage endPhase() throws IOException, InterruptedException {
        long hwmKb = process.isAlive() ? status("VmHWM") : 0;
        long usedAtEndMb = process.isAlive() ? heapUsedMb() : 0;
        long peakBeforeGc = 0;
        long peakAfterGc = 0;
        int pauses = 0;
        int full = 0;
        double pauseMs = 0;
        if (Files.exists(gcLog)) {
            byte[] all = Files.readAllBytes(gcLog);
            String text = new String(all, (int) Math.min(gcLogOffset, all.length), (int) Math.max(0, all.length - gcLogOffset),
                    StandardCharsets.UTF_8);
            Matcher m = PAUSE.matcher(text);
            while (m.find()) {
                pauses++;
                full += m.group(1).startsWith("Pause Full") ? 1 : 0;
                peakBeforeGc = Math.max(peakBeforeGc, Long.parseLong(m.group(2)));
                peakAfterGc = Math.max(peakAfterGc, Long.parseLong(m.group(3)));
                pauseMs += Double.parseDouble(m.group(5));
            }
        }
        return new Usage(Math.max(hwmKb, maxRssKb) / 1024, Math.max(peakBeforeGc, usedAtEndMb), peakAfterGc, pauses, full,
                pauseMs / 1000);
    }

    /**
     * Peak RSS and heap of a phase, in MB, and its GC pauses (a heap that thrashes shows many full ones).
     * {@code peakAfterGcMb} is the fullest the heap was right after a collection: what the phase held plus
     * old garbage G1 had not marked yet, so an upper bound of what it needed; near the maximum heap it is
     * the sign of a phase that does not fit.
     */
    record Usage(long peakRssMb, long peakHeapMb, long peakAfterGcMb, int gcPauses, int fullGcs, double gcPauseSeconds) {
    }

    /** The last lines of the child's output that name an error, for a failed phase. */
    String errorLines() throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        List<String> errors = lines.stream().filter(l -> l.contains("OutOfMemoryError") || l.contains("Exception")
                || l.contains("ERROR") || l.contains("Terminating")).toList();
        List<String> tail = errors.isEmpty() ? lines : errors;
        return String.join(" | ", tail.subList(Math.max(0, tail.size() - 3), tail.size()));
    }

    Path log() {
        return log;
    }

    private void sample() {
        while (process.isAlive()) {
            try {
                maxRssKb = Math.max(maxRssKb, status("VmRSS"));
                if (maxHeapMb != null && !histogramTaken && lastHeapAfterGcMb() > 0.85 * maxHeapMb) {
                    histogramTaken = true;
                    Path file = evidenceDir.resolve(label + "-" + phase + ".histogram.txt");
                    List<String> top = jcmd("GC.class_histogram");
                    Files.write(file, top.subList(0, Math.min(top.size(), 32)));
                    System.out.printf("            heap over 85 %% after a GC in %s/%s: class histogram saved to %s%n",
                            label, phase, file);
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // The process ended between two reads: the loop condition sees it.
            }
        }
    }

    private long lastHeapAfterGcMb() throws IOException {
        if (!Files.exists(gcLog)) {
            return 0;
        }
        long size = Files.size(gcLog);
        long from = Math.max(gcLogOffset, size - 4096);
        byte[] tail;
        try (var in = Files.newInputStream(gcLog)) {
            in.skipNBytes(from);
            tail = in.readAllBytes();
        }
        Matcher m = PAUSE.matcher(new String(tail, StandardCharsets.UTF_8));
        long after = 0;
        while (m.find()) {
            after = Long.parseLong(m.group(3));
        }
        return after;
    }

    private long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    private long heapUsedMb() throws IOException, InterruptedException {
        for (String line : jcmd("GC.heap_info")) {
            Matcher m = HEAP_USED.matcher(line);
            if (m.find()) {
                return Long.parseLong(m.group(2)) / 1024;
            }
        }
        return 0;
    }

    private List<String> jcmd(String what) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), what).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }

    /** Asks the process to stop (SIGTERM, as a service manager does) and waits for it; kills it after 2 minutes. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
        sampler.interrupt();
    }
}
