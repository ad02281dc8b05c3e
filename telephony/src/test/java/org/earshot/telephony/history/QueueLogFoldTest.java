package org.earshot.telephony.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.ImportResult;
import org.earshot.telephony.ImportResult.SkippedLine;
import org.earshot.telephony.ImportResult.SkippedLine.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's queue_log (README "queue_log per call"), one line edited per case: no call vanishes unnamed. */
class QueueLogFoldTest {

    private static final String S1A = "earshot-lab-1795393059.1";
    private static final String S1B = "earshot-lab-1795393091.5";
    private static final String S2 = "earshot-lab-1795393121.9";
    private static final String S3 = "earshot-lab-1795393133.11";
    private static final String S4 = "earshot-lab-1795393150.13";
    private static final String S8 = "earshot-lab-1795393267.33";

    @TempDir
    Path dir;

    private final List<String> lab = lab();

    @Test
    void theLabsLogImportsEveryCallAndLeavesNothingOver() throws Exception {
        ImportResult result = fold(lab);

        assertThat(result.calls()).hasSize(9);
        assertThat(result.skipped()).isEmpty();
        assertThat(result.notImported()).isEmpty();
    }

    @Test
    void aCallWhoseEndLineCannotBeReadIsNamedWithThatLineAndTheOthersImport() throws Exception {
        int end = edit(S1A, "COMPLETECALLER", "|6|24|1", "|6|2x4|1");

        ImportResult result = fold(lab);

        assertThat(result.calls()).extracting(CallRecord::uniqueId).hasSize(8).doesNotContain(S1A);
        assertThat(result.notImported()).containsOnlyKeys(Kind.UNREADABLE);
        assertThat(result.notImported().get(Kind.UNREADABLE)).extracting(SkippedLine::callId, SkippedLine::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(S1A, end));
        assertThat(result.unreadable()).singleElement().extracting(SkippedLine::reason).asString()
                .isEqualTo("COMPLETECALLER calltime (field 7) is not a number: '2x4'");
    }

    @Test
    void anAnsweredCallWhoseConnectCannotBeReadIsNotImportedRatherThanCountedWithNoWait() throws Exception {
        int connect = edit(S1B, "CONNECT", "|CONNECT|13|", "|CONNECT|1 3|");

        ImportResult result = fold(lab);

        assertThat(result.calls()).extracting(CallRecord::uniqueId).doesNotContain(S1B);
        assertThat(ids(result, Kind.UNREADABLE)).containsExactly(S1B + "@" + connect);
    }

    @Test
    void aCallWithAnUnreadableRingNoAnswerIsImportedFromItsOtherLinesAndNamed() throws Exception {
        int ring = edit(S4, "RINGNOANSWER", "|8000", "|80OO");

        ImportResult result = fold(lab);

        CallRecord s4 = call(result, S4);
        assertThat(s4.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(s4.waitSeconds()).isEqualTo(11);   // README: S4 wait 11 s, talk 21 s
        assertThat(s4.talkSeconds()).isEqualTo(21);
        assertThat(s4.ringAttempts()).isEmpty();
        assertThat(result.notImported()).isEmpty();
        assertThat(result.importedWithout()).extracting(SkippedLine::callId, SkippedLine::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(S4, ring));
    }

    @Test
    void aCallStillInTheQueueAtTheEndOfTheLogIsNamedByItsEnterqueueAndGivenNoOutcome() throws Exception {
        int enter = lineOf(S8, "ENTERQUEUE");
        List<String> copiedMidCall = new ArrayList<>(lab.subList(0, lineOf(S8, "CONNECT")));

        ImportResult result = fold(copiedMidCall);

        assertThat(result.calls()).hasSize(8).extracting(CallRecord::uniqueId).doesNotContain(S8);
        assertThat(ids(result, Kind.NO_END_LINE)).containsExactly(S8 + "@" + enter);
        assertThat(result.unreadable()).isEmpty();
    }

    @Test
    void aCallWhoseEnterqueueIsBeforeTheLogBeginsIsNamedOnceNotPerLine() throws Exception {
        List<String> rotated = new ArrayList<>(lab.subList(lineOf(S1A, "CONNECT") - 1, lab.size()));

        ImportResult result = fold(rotated);

        assertThat(result.calls()).hasSize(8);
        assertThat(ids(result, Kind.NO_ENTERQUEUE)).containsExactly(S1A + "@1");
        assertThat(result.skipped()).extracting(SkippedLine::line).containsExactly(1, 2); // its CONNECT and its end
    }

    @Test
    void aCallWhoseEnterqueueCannotBeReadIsNamedForThatLineNotForItsOrphans() throws Exception {
        int enter = edit(S2, "ENTERQUEUE", "1795393121|", "179539312l|");

        ImportResult result = fold(lab);

        assertThat(result.calls()).extracting(CallRecord::uniqueId).doesNotContain(S2);
        assertThat(result.notImported()).containsOnlyKeys(Kind.UNREADABLE);
        assertThat(ids(result, Kind.UNREADABLE)).containsExactly(S2 + "@" + enter);
        assertThat(result.unreadable()).singleElement().extracting(SkippedLine::reason).asString()
                .isEqualTo("epoch (field 1) is not a number: '179539312l'");
    }

    @Test
    void anUnreadableLineOfTheQueueItselfCostsNoCall() throws Exception {
        lab.set(lab.indexOf("1795393121|NONE|support|Bob Agent|PAUSE|meeting"), "1795393121|NONE|support|Bob Agent");

        ImportResult result = fold(lab);

        assertThat(result.calls()).hasSize(9);
        assertThat(result.notImported()).isEmpty();
        assertThat(result.unreadable()).singleElement().extracting(SkippedLine::callId).isNull();
    }

    @Test
    void aCallThatNeverEndsAfterAnEventThisReaderDoesNotKnowIsBlamedOnThatLine() throws Exception {
        int exit = edit(S3, "EXITWITHTIMEOUT", "|EXITWITHTIMEOUT|", "|EXITWITHSOMETHINGNEW|");

        ImportResult result = fold(lab);

        assertThat(ids(result, Kind.UNREADABLE)).containsExactly(S3 + "@" + exit);
        assertThat(result.notImported()).doesNotContainKey(Kind.NO_END_LINE);
        assertThat(result.unreadable().get(0).reason()).isEqualTo("unknown queue_log event 'EXITWITHSOMETHINGNEW' (field 5)");
    }

    @Test
    void aCalltimeTooLargeForAnyCallIsOutOfRangeNotNotANumber() throws Exception {
        edit(S1A, "COMPLETECALLER", "|6|24|1", "|6|99999999999999999999|1");

        assertThat(fold(lab).unreadable().get(0).reason())
                .isEqualTo("COMPLETECALLER calltime (field 7) is out of range: '99999999999999999999'");
    }

    @Test
    void aNegativeTalkTimeNamesItsFieldInQueueLogTerms() throws Exception {
        int end = edit(S8, "COMPLETECALLER", "|2|25|1", "|2|-100|1");

        ImportResult result = fold(lab);

        assertThat(result.unreadable()).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(end);
            assertThat(s.reason()).isEqualTo("COMPLETECALLER calltime (field 7) is negative: '-100'");
        });
        assertThat(ids(result, Kind.UNREADABLE)).containsExactly(S8 + "@" + end);
    }

    @Test
    void anEpochPastTheEndOfTimeIsOutOfRange() throws Exception {
        edit(S1A, "COMPLETECALLER", "1795393089|", "99999999999999999|");

        assertThat(fold(lab).unreadable().get(0).reason()).isEqualTo("epoch (field 1) is out of range: '99999999999999999'");
    }

    @Test
    void aByteThatIsNotUtf8CostsOneCharacterNotTheImport() throws Exception {
        Path latin1 = dir.resolve("queue_log");
        Files.write(latin1, String.join("\n", lab).replace("Alice Agent", "Jos\u00e9 Agent")
                .getBytes(StandardCharsets.ISO_8859_1));

        ImportResult result = new QueueLogFold(CdrReader.Rows.NONE).read(latin1);

        assertThat(result.calls()).hasSize(9);
        assertThat(call(result, S1A).agent()).isEqualTo("Jos\ufffd Agent");
    }

    @Test
    void theCdrGivenAsTheQueueLogIsRefusedAsProbablyTheCdr() throws Exception {
        Path cdr = resource("Master.csv");

        FileSystemException refused = catchThrowableOfType(
                () -> new QueueLogFold(CdrReader.Rows.NONE).read(cdr), FileSystemException.class);

        assertThat(refused.getFile()).isEqualTo(cdr.toString());
        assertThat(refused.getReason()).isEqualTo(
                "no line looks like Asterisk's queue_log (epoch|callid|queue|agent|event|...); is it the CDR?");
    }

    @Test
    void theQueueLogGivenAsTheCdrIsRefusedAsProbablyTheQueueLog() throws Exception {
        Path queueLog = resource("queue_log");

        FileSystemException refused = catchThrowableOfType(
                () -> new CdrReader(java.time.ZoneOffset.UTC).read(queueLog), FileSystemException.class);

        assertThat(refused.getFile()).isEqualTo(queueLog.toString());
        assertThat(refused.getReason()).startsWith("no line looks like cdr_csv's Master.csv").endsWith("is it the queue_log?");
    }

    @Test
    void aFileOfOtherTextIsRefusedShowingItsFirstLine() throws Exception {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "shopping list\neggs\n");

        FileSystemException refused = catchThrowableOfType(
                () -> new QueueLogFold(CdrReader.Rows.NONE).read(notes), FileSystemException.class);

        assertThat(refused.getReason()).endsWith("its first line is 'shopping list'");
    }

    @Test
    void anEmptyQueueLogIsNoMistakeAndImportsNothing() throws Exception {
        Path empty = dir.resolve("queue_log");
        Files.writeString(empty, "");

        assertThat(new QueueLogFold(CdrReader.Rows.NONE).read(empty).calls()).isEmpty();
    }

    @Test
    void aCdrRowWithABadTimeNamesTheColumnAndTheUniqueid() throws Exception {
        List<String> rows = new ArrayList<>(Files.readAllLines(resource("Master.csv")));
        int s1a = rows.indexOf(rows.stream().filter(r -> r.contains("\"" + S1A + "\"")).findFirst().orElseThrow());
        rows.set(s1a, rows.get(s1a).replace("\"2026-11-23 00:18:09\"", "\"2026-11-23 00:61:09\""));
        Path cdr = dir.resolve("Master.csv");
        Files.write(cdr, rows);

        CdrReader.Rows read = new CdrReader(java.time.ZoneOffset.UTC).read(cdr);

        assertThat(read.skipped()).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(s1a + 1);
            assertThat(s.reason()).isEqualTo("CDR end (column 12) is not a time like 2026-11-23 00:17:39: "
                    + "'2026-11-23 00:61:09' (uniqueid " + S1A + ")");
        });
    }

    /** Replaces {@code from} by {@code to} in the call's line of that verb; returns its 1-based number. */
    private int edit(String callId, String verb, String from, String to) {
        int number = lineOf(callId, verb);
        String line = lab.get(number - 1);
        assertThat(line).contains(from);
        lab.set(number - 1, line.replace(from, to));
        return number;
    }

    private int lineOf(String callId, String verb) {
        for (int i = 0; i < lab.size(); i++) {
            if (lab.get(i).contains("|" + callId + "|") && lab.get(i).contains("|" + verb + "|")) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + verb + " of " + callId + " in the lab's queue_log");
    }

    private ImportResult fold(List<String> lines) throws Exception {
        Path file = dir.resolve("queue_log");
        Files.write(file, lines);
        return new QueueLogFold(CdrReader.Rows.NONE).read(file);
    }

    /** The calls not imported for {@code kind}, as "callid@line". */
    private static List<String> ids(ImportResult result, Kind kind) {
        Map<Kind, List<SkippedLine>> lost = result.notImported();
        return lost.getOrDefault(kind, List.of()).stream().map(s -> s.callId() + "@" + s.line()).toList();
    }

    private static CallRecord call(ImportResult result, String id) {
        return result.calls().stream().filter(c -> c.uniqueId().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> lab() {
        try {
            return new ArrayList<>(Files.readAllLines(resource("queue_log")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path resource(String name) throws Exception {
        return Path.of(QueueLogFoldTest.class.getResource("/asterisk/" + name).toURI());
    }
}
