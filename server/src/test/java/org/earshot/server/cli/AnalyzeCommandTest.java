package org.earshot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

    // The speech module's generated stereo call and its ground truth (made by make-test-call.sh).
    private static final Path CALL = Path.of("../speech/src/test/resources/calls/generated-call.wav");
    private static final Path TRUTH = Path.of("../speech/src/test/resources/calls/generated-call.truth.json");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int analyze(String... files) {
        List<String> args = new ArrayList<>(List.of("analyze"));
        args.addAll(List.of(files));
        args.addAll(List.of("--json", "--data-dir", dir.resolve("data").toString()));
        return EarshotCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    }

    /** MixMonitor audio (8 kHz, 2 x 16-bit) of {@code hours}, as a sparse file: no disk is used. */
    private Path sparseRaw(String name, double hours) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(Math.round(hours * 3600 * 8000) * 4);
        }
        return file;
    }

    @Test
    void recordingLongerThanTheLimitIsRefusedByNameAndTheGoodOneAfterItIsStillAnalysed() throws Exception {
        // 8 h: its samples alone (920 MB) would not fit a 1 GB heap
        Path big = sparseRaw("big.raw", 8);

        int exit = analyze(big.toString(), CALL.toString());

        assertThat(exit).isEqualTo(1);
        List<String> reports = out.toString().lines().toList();
        assertThat(reports).hasSize(1);
        assertThat(new ObjectMapper().readTree(reports.get(0)).get("file").asText()).endsWith("generated-call.wav");
        assertThat(err.toString().lines()).singleElement().asString()
                .contains("big.raw", "8.00 h of audio (28800 s)", "the limit is 4 h", "raise max-recording-hours")
                .doesNotContain("Exception");
    }

    @Test
    void maxRecordingHoursFlagSetsTheLimit() throws Exception {
        Path hour = sparseRaw("hour.raw", 1);

        int exit = analyze(hour.toString(), "--max-recording-hours", "0.5");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).singleElement().asString()
                .contains("hour.raw", "1.00 h of audio (3600 s), the limit is 0.50 h");
    }

    @Test
    void jsonReportOfAStereoCallHasEachPartysTalkTimeAndWords() throws Exception {
        JsonNode truth = new ObjectMapper().readTree(TRUTH.toFile());

        int exit = analyze(CALL.toString());

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode report = new ObjectMapper().readTree(lines.get(0));
        for (String party : List.of("customer", "agent")) {
            double expected = truth.get("talkSeconds").get(party).asDouble();
            assertThat(report.get("parties").get(party).get("talkSeconds").asDouble()).as(party)
                    .isCloseTo(expected, within(expected * 0.05));
        }
        // espeak-ng speech at 8 kHz is hard for the small model: ask for a fair share of the words, not all.
        Set<String> heard = new HashSet<>();
        report.get("transcript").forEach(seg -> seg.get("words").forEach(w -> heard.add(w.get("word").asText())));
        List<String> said = new ArrayList<>();
        truth.get("utterances").forEach(u -> said.addAll(List.of(u.get("text").asText().split(" "))));
        long recognised = said.stream().filter(heard::contains).count();
        assertThat((double) recognised / said.size()).as("share of spoken words recognised, heard " + heard)
                .isGreaterThan(0.4);
    }

    @Test
    void badFilesEachGetOneLineNamingTheFileAndTheReasonAndTheGoodOneIsStillAnalysed() throws Exception {
        Path missing = dir.resolve("missing.wav");
        Path text = dir.resolve("notes.wav");
        Files.writeString(text, "these are meeting notes, not audio\n");
        Path truncated = dir.resolve("truncated.wav");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(CALL), 30));

        int exit = analyze(missing.toString(), text.toString(), CALL.toString(), truncated.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString().lines()).hasSize(1);
        List<String> errors = err.toString().lines().toList();
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).contains("missing.wav").doesNotContain("Exception");
        assertThat(errors.get(1)).contains("notes.wav").doesNotContain("Exception");
        assertThat(errors.get(2)).contains("truncated.wav").doesNotContain("Exception");
    }
}
