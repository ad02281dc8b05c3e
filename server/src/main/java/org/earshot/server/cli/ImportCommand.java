package org.earshot.server.cli;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.earshot.server.EarshotConfig;
import org.earshot.server.Json;
import org.earshot.server.jobs.CallIntake;
import org.earshot.server.jobs.RecordingFinder;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.JobQueue;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.ImportResult;
import org.earshot.telephony.QueueLogImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code earshot import}: Asterisk history (queue_log, CDR csv, recordings) into the store. Importing
 * twice stores nothing twice; recordings found are queued for the next serve or worker to analyse.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import Asterisk's queue_log (+ CDR csv and recordings) as calls. Stop an embedded-H2 server first.")
final class ImportCommand implements Callable<Integer> {

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
        EarshotConfig config = options.toConfig();
        ZoneId zone = cdrZone == null ? config.kpis().zone() : ZoneId.of(cdrZone);
        RecordingFinder finder = recordings == null ? null : new RecordingFinder(recordings);
        ImportResult result = new QueueLogImporter(zone).read(queueLog, cdr);
        var out = spec.commandLine().getOut();
        int added = 0;
        int queued = 0;
        try (Database db = Database.open(config.jdbcUrl(), config.dbUser(), config.dbPassword())) {
            CallStore calls = new CallStore(db, Json.newMapper());
            JobQueue jobs = new JobQueue(db, java.time.Clock.systemUTC(), "import", config.jobLease());
            int[] queuedNow = {0};
            CallIntake intake = new CallIntake(calls, jobs, () -> queuedNow[0]++, call -> { });
            for (CallRecord call : result.calls()) {
                if (calls.find(call.uniqueId()).isEmpty()) {
                    added++;
                }
                intake.accept(withRecording(call, finder));
            }
            queued = queuedNow[0];
        }
        out.printf("Imported %d call(s) from %s (%d new, %d already stored); %d recording(s) queued for analysis%n",
                result.calls().size(), queueLog, added, result.calls().size() - added, queued);
        if (!result.skipped().isEmpty()) {
            out.printf("%d line(s) skipped:%n", result.skipped().size());
            result.skipped().forEach(s -> out.printf("  %s:%d: %s%n", s.file(), s.line(), s.reason()));
        }
        out.flush();
        return 0;
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
