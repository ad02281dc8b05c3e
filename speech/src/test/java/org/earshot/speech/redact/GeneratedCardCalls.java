package org.earshot.speech.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.earshot.speech.AnalysisReport.Redaction;

/** The calls of src/test/scripts/make-card-calls.sh and their labels: what was said where, by whom. */
final class GeneratedCardCalls {

    static final Path SCRIPT = Path.of("src/test/scripts/make-card-calls.sh");
    static final List<String> CARD_DATA = List.of("card-number", "security-code", "expiry", "keypad-digits");
    static final List<String> SPOKEN_CARD_DATA = List.of("card-number", "security-code", "expiry");

    /** One utterance or keypad run of a call, as the script placed it. */
    record Label(String party, String kind, double start, double end, String text) {
    }

    private GeneratedCardCalls() {
    }

    /** Writes the calls of {@code set} ("tuned" or "held-out") into {@code dir}. */
    static void generate(String set, Path dir) throws IOException, InterruptedException {
        Process script = new ProcessBuilder("bash", SCRIPT.toString(), dir.toString(), set).redirectErrorStream(true).start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).as(output).isZero();
    }

    static List<Label> labels(Path dir, String call) throws IOException {
        return Files.readAllLines(dir.resolve(call + ".labels.tsv")).stream().map(l -> l.split("\t"))
                .map(f -> new Label(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]), f[4])).toList();
    }

    /** Whether the label's party's redactions together cover the whole of it. */
    static boolean covered(List<Redaction> redactions, Label l) {
        double reached = l.start();
        for (Redaction r : redactions.stream().filter(r -> r.party().equals(l.party()))
                .sorted(Comparator.comparingDouble(Redaction::start)).toList()) {
            if (r.start() <= reached + 1e-6) {
                reached = Math.max(reached, r.end());
            }
        }
        return reached >= l.end() - 1e-6;
    }

    /** Whether any redaction of the label's party touches it. */
    static boolean touched(List<Redaction> redactions, Label l) {
        return redactions.stream().anyMatch(r -> r.party().equals(l.party()) && r.start() < l.end() && r.end() > l.start());
    }
}
