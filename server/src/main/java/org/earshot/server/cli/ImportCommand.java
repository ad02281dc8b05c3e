package org.earshot.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.jobs.CallIntake;
import org.earshot.server.jobs.RecordingFinder;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.JobQueue;
import org.earshot.server.store.Stores;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.ImportResult;
import org.earshot.telephony.ImportResult.SkippedLine;
import org.earshot.telephony.QueueLogImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code earshot import}: Asterisk history (queue_log, CDR csv, recordings) into the store. Importing
 * twice stores nothing twice; recordings found are queued for the next serve or worker to analyse.
 * Every call the queue_log names is either imported or listed with why not; a file that cannot be read,
 * or is the other kind of file, stops the import before anything is stored.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import Asterisk's queue_log (+ CDR csv and recordings) as calls. Stop an embedded-H2 server first.")
final class ImportCommand implements Callable<Integer> {

    /** How many unreadable lines, and call ids per reason, are printed before "... and N more". */
    static final int SHOWN = 20;

    /** Why calls were not imported, as the summary line says it after "N call(s) ". */
    private static final Map<SkippedLine.Kind, String> NOT_IMPORTED = Map.of(
            SkippedLine.Kind.UNREADABLE, "not imported because a line of theirs could not be read (see below; "
                    + "fix it and import again)",
            SkippedLine.Kind.NO_END_LINE, "still in the queue at the end of the log (no end line); importing the "
                    + "log again once they have ended adds them",
            SkippedLine.Kind.NO_ENTERQUEUE, "not imported because their ENTERQUEUE is not in this log (it begins "
                    + "after they joined); import it together with the log before it");

    @Option(names = "--queue-log", required = true, paramLabel = "FILE", description = "Asterisk queue_log")
    Path queueLog;

    @Option(names = "--cdr", paramLabel = "FILE", description = "cdr-csv Master.csv (caller names, linkedids)")
    Path cdr;

    @Option(names = "--recordings", paramLabel = "DIR", description = "MixMonitor folder; files are matched by uniqueid")
    Path recordings;

    @Option(names = "--cdr-zone", paramLabel = "ZONE", description = "time zone of the CDR's times (default: time-zone)")
    String cdrZone;

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkPaths();
        ZoneId explicitZone = cdrZone == null ? null : zone(cdrZone);
        EarshotConfig config = options.toConfig();
        RecordingFinder finder = recordings == null ? null : new RecordingFinder(recordings);
        ImportResult result = read(explicitZone == null ? config.kpis().zone() : explicitZone);
        Stored stored;
        try (Stores stores = Earshot.openStores(config)) {
            stored = store(stores, config.jobLease(), result, finder);
        }
        report(spec.commandLine().getOut(), result, stored);
        return 0;
    }

    /** Refuses a path that is missing, a directory, unreadable or given twice, before anything is read or stored. */
    private void checkPaths() throws IOException {
        requireFile("--queue-log", queueLog, "a queue_log file");
        if (cdr != null) {
            requireFile("--cdr", cdr, "a CDR csv file (Master.csv)");
            if (Files.isSameFile(cdr, queueLog)) { // else a refusal of either could not say which option it is
                throw new IllegalArgumentException("--cdr " + cdr + ": is the --queue-log file; give cdr-csv's "
                        + "Master.csv");
            }
        }
        if (recordings != null && !Files.isDirectory(recordings)) {
            String problem = Files.exists(recordings) ? "not a directory (give the MixMonitor folder)" : "no such directory";
            throw new IllegalArgumentException("--recordings " + recordings + ": " + problem);
        }
    }

    /** Reads both files; a file that is not what its option says is refused naming the option. */
    private ImportResult read(ZoneId zone) throws IOException {
        try {
            return new QueueLogImporter(zone).read(queueLog, cdr);
        } catch (FileSystemException e) {
            String option = queueLog.toString().equals(e.getFile()) ? "--queue-log "
                    : cdr != null && cdr.toString().equals(e.getFile()) ? "--cdr " : "";
            throw new IllegalArgumentException(option + e.getFile() + ": " + reason(e), e);
        }
    }

    /** What storing did: calls not stored before, recordings queued for analysis. */
    private record Stored(int added, int queued) {
    }

    /** Stores every call (the store replaces a call it already has, by uniqueid: importing again is harmless). */
    private static Stored store(Stores stores, Duration jobLease, ImportResult result, RecordingFinder finder) {
        CallStore calls = stores.calls();
        // Into a new store the import keeps current rollups, so a node starting on it need not recount them.
        stores.kpiRollups().markCurrentIfEmpty();
        JobQueue jobs = stores.jobs(Clock.systemUTC(), "import", jobLease);
        int[] queued = {0};
        int[] added = {0};
        CallIntake intake = new CallIntake(calls, jobs, () -> queued[0]++, (call, isNew) -> added[0] += isNew ? 1 : 0);
        // In batches: a batch's KPI rollups are counted once per 15-minute bucket, not once per call.
        List<CallRecord> batch = new java.util.ArrayList<>();
        for (CallRecord call : result.calls()) {
            batch.add(withRecording(call, finder));
            if (batch.size() == 1000) {
                intake.acceptAll(batch);
                batch.clear();
            }
        }
        intake.acceptAll(batch);
        return new Stored(added[0], queued[0]);
    }

    private void report(PrintWriter out, ImportResult result, Stored stored) {
        int imported = result.calls().size();
        out.printf("Imported %d call(s) from %s (%d new, %d already stored); %d recording(s) queued for analysis%n",
                imported, queueLog, stored.added(), imported - stored.added(), stored.queued());
        result.notImported().forEach((kind, calls) ->
                out.printf("%d call(s) %s: %s%n", calls.size(), NOT_IMPORTED.get(kind), ids(calls)));
        List<SkippedLine> without = result.importedWithout();
        if (!without.isEmpty()) {
            out.printf("%d call(s) imported without a line of theirs that could not be used (see below): %s%n",
                    without.size(), ids(without));
        }
        // Lines that cost a whole call (no end line, no ENTERQUEUE) are named by call above, not once more here.
        List<SkippedLine> lines = result.skipped().stream()
                .filter(s -> s.kind() == SkippedLine.Kind.UNREADABLE || !s.callLost()).toList();
        if (!lines.isEmpty()) {
            out.printf("%d line(s) skipped:%n", lines.size());
            lines.stream().limit(SHOWN).forEach(s -> out.printf("  %s:%d: %s%n", s.file(), s.line(), s.reason()));
            if (lines.size() > SHOWN) {
                out.printf("  ... and %d more%n", lines.size() - SHOWN);
            }
        }
        out.flush();
    }

    /** "id (line 7), id (line 13), ... and 4 more". */
    private static String ids(List<SkippedLine> calls) {
        String shown = calls.stream().limit(SHOWN).map(s -> s.callId() + " (line " + s.line() + ")")
                .collect(Collectors.joining(", "));
        return calls.size() > SHOWN ? shown + ", ... and " + (calls.size() - SHOWN) + " more" : shown;
    }

    private static void requireFile(String option, Path file, String what) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + ": is a directory, not " + what);
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + ": not readable (permission denied)");
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--cdr-zone " + id + ": not a time zone (e.g. Europe/Berlin)", e);
        }
    }

    private static String reason(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "not readable (permission denied)";
        }
        return e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
    }

    private static CallRecord withRecording(CallRecord call, RecordingFinder finder) {
        if (finder == null || call.recordingFile() != null) {
            return call;
        }
        return finder.find(call.uniqueId())
                .map(Path::toAbsolutePath)
                .map(file -> call.toBuilder().recordingFile(file.toString()).recordingFiles(List.of(file.toString()))
                        .recordingChannels(isStereo(file) ? List.of("customer", "agent") : List.of()).build())
                .orElse(call);
    }

    /** MixMonitor's D option writes the caller on the left; our dialplan names those files -stereo. */
    private static boolean isStereo(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith("-stereo.raw") || name.endsWith("-stereo.wav");
    }
}
