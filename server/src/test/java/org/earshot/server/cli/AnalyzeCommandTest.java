package org.earshot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
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
        String[] args = new String[files.length + 4];
        args[0] = "analyze";
        System.arraycopy(files, 0, args, 1, files.length);
        args[files.length + 1] = "--json";
        args[files.length + 2] = "--data-dir";
        args[files.length + 3] = dir.resolve("data").toString();
        return EarshotCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
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
