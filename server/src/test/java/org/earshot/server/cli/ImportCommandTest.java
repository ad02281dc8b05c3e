package org.earshot.server.cli;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.earshot.server.Json;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.telephony.testing.AmiCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot import} on the lab's queue_log and Master.csv (fixtures README), edited per case. */
class ImportCommandTest {

    private static final String S1A = "earshot-lab-1795393059.1";
    private static final String S4 = "earshot-lab-1795393150.13";
    private static final String S8 = "earshot-lab-1795393267.33";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> lab = lines("/asterisk/queue_log");

    @Test
    void aMissingQueueLogIsOneLineNamingTheOptionAndTheFile() {
        Path missing = dir.resolve("nonexistent");

        assertThat(importing("--queue-log", missing.toString())).isNotZero();
        assertThat(err.toString()).isEqualTo("earshot: --queue-log " + missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void aMissingCdrIsOneLineNamingTheOptionAndTheFile() throws Exception {
        Path missing = dir.resolve("nonexistent.csv");

        assertThat(importing("--queue-log", write("queue_log", lab).toString(), "--cdr", missing.toString())).isNotZero();
        assertThat(err.toString()).isEqualTo("earshot: --cdr " + missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void aDirectoryGivenAsTheQueueLogIsSaidToBeOne() {
        assertThat(importing("--queue-log", dir.toString())).isNotZero();
        assertThat(err.toString().trim())
                .isEqualTo("earshot: --queue-log " + dir + ": is a directory, not a queue_log file");
    }

    @Test
    void anUnknownCdrZoneNamesTheOptionAndShowsAZone() throws Exception {
        assertThat(importing("--queue-log", write("queue_log", lab).toString(), "--cdr-zone", "Mars/Base")).isNotZero();
        assertThat(err.toString().trim()).isEqualTo("earshot: --cdr-zone Mars/Base: not a time zone (e.g. Europe/Berlin)");
    }

    @Test
    void theCdrGivenAsTheQueueLogIsRefusedAsProbablyTheCdrAndNothingIsStored() throws Exception {
        Path cdr = write("Master.csv", lines("/asterisk/Master.csv"));

        assertThat(importing("--queue-log", cdr.toString())).isNotZero();
        assertThat(err.toString().trim()).isEqualTo("earshot: --queue-log " + cdr + ": no line looks like Asterisk's "
                + "queue_log (epoch|callid|queue|agent|event|...); is it the CDR?");
        assertThat(out.toString()).doesNotContain("Imported");
    }

    @Test
    void swappingTheTwoFilesIsRefusedAskingWhetherTheCdrIsTheQueueLog() throws Exception {
        Path queueLog = write("queue_log", lab);
        Path cdr = write("Master.csv", lines("/asterisk/Master.csv"));

        assertThat(importing("--queue-log", cdr.toString(), "--cdr", queueLog.toString())).isNotZero();
        assertThat(err.toString().trim()).startsWith("earshot: --cdr " + queueLog + ": no line looks like cdr_csv's")
                .endsWith("is it the queue_log?");
    }

    @Test
    void theSameFileForBothOptionsIsRefused() throws Exception {
        Path queueLog = write("queue_log", lab);

        assertThat(importing("--queue-log", queueLog.toString(), "--cdr", queueLog.toString())).isNotZero();
        assertThat(err.toString().trim()).isEqualTo("earshot: --cdr " + queueLog + ": is the --queue-log file; give "
                + "cdr-csv's Master.csv");
    }

    @Test
    void callsNotImportedAreListedByIdGroupedByWhy() throws Exception {
        lab.set(lineOf(S1A, "COMPLETECALLER") - 1, lab.get(lineOf(S1A, "COMPLETECALLER") - 1).replace("|6|24|1", "|6|-100|1"));
        lab.set(lineOf(S4, "RINGNOANSWER") - 1, lab.get(lineOf(S4, "RINGNOANSWER") - 1).replace("|8000", "|8k"));
        List<String> copiedWhileS8Talked = lab.subList(0, lineOf(S8, "CONNECT"));

        int exit = importing("--queue-log", write("queue_log", copiedWhileS8Talked).toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Imported 7 call(s)")
                .contains("1 call(s) not imported because a line of theirs could not be read (see below; fix it and "
                        + "import again): " + S1A + " (line " + lineOf(S1A, "COMPLETECALLER") + ")")
                .contains("1 call(s) still in the queue at the end of the log (no end line); importing the log again "
                        + "once they have ended adds them: " + S8 + " (line " + lineOf(S8, "ENTERQUEUE") + ")")
                .contains("1 call(s) imported without a line of theirs that could not be used (see below): " + S4)
                .contains("2 line(s) skipped:")
                .contains("queue_log:" + lineOf(S1A, "COMPLETECALLER") + ": COMPLETECALLER calltime (field 7) is negative: '-100'");
    }

    @Test
    void importingTheGrownLogAgainAddsTheCallThatWasStillWaitingAndStoresNothingTwice() throws Exception {
        Path data = dir.resolve("data");
        Path queueLog = dir.resolve("queue_log");
        Files.write(queueLog, lab.subList(0, lineOf(S8, "CONNECT")));
        assertThat(importing("--queue-log", queueLog.toString(), "--data-dir", data.toString())).isZero();
        assertThat(out.toString()).contains("Imported 8 call(s)").contains(S8);

        Files.write(queueLog, lab);
        out.getBuffer().setLength(0);

        assertThat(importing("--queue-log", queueLog.toString(), "--data-dir", data.toString())).isZero();
        assertThat(out.toString()).contains("Imported 9 call(s)").contains("(1 new, 8 already stored)")
                .doesNotContain("not imported").doesNotContain("still in the queue");
        ConfigOptions options = new ConfigOptions();
        new picocli.CommandLine(options).parseArgs("--data-dir", data.toString());
        try (Database db = Database.open(options.toConfig().jdbcUrl(), null, null)) {
            assertThat(TestStores.calls(db).count()).isEqualTo(9);
        }
    }

    @Test
    void manyUnreadableLinesAreShownUpToALimitAndCounted() throws Exception {
        List<String> damaged = new ArrayList<>(lab);
        for (int i = 0; i < ImportCommand.SHOWN + 5; i++) {
            damaged.add("17953933x" + i + "|NONE|support|Bob Agent|PAUSE|lunch");
        }

        assertThat(importing("--queue-log", write("queue_log", damaged).toString())).isZero();
        assertThat(out.toString()).contains((ImportCommand.SHOWN + 5) + " line(s) skipped:")
                .contains("  ... and 5 more");
        assertThat(out.toString().lines().filter(l -> l.contains("is not a number"))).hasSize(ImportCommand.SHOWN);
    }

    private int importing(String... args) {
        List<String> all = new ArrayList<>(List.of("import"));
        all.addAll(List.of(args));
        if (!all.contains("--data-dir")) {
            all.addAll(List.of("--data-dir", dir.resolve("data").toString()));
        }
        return EarshotCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    private int lineOf(String callId, String verb) {
        for (int i = 0; i < lab.size(); i++) {
            if (lab.get(i).contains("|" + callId + "|") && lab.get(i).contains("|" + verb + "|")) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + verb + " of " + callId + " in the lab's queue_log");
    }

    private Path write(String name, List<String> lines) throws Exception {
        return Files.write(dir.resolve(name), lines);
    }

    private static List<String> lines(String resource) {
        return new ArrayList<>(new String(AmiCapture.resource(resource), StandardCharsets.UTF_8).lines().toList());
    }
}
