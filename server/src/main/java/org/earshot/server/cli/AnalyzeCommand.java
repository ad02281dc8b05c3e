package org.earshot.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.Json;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AudioFormatException;
import org.earshot.speech.CallAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code earshot analyze FILE...}: analyses recordings without a server. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse call recordings (WAV or MixMonitor .raw) and print a report per file.")
final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "recordings to analyse")
    List<Path> files;

    @Option(names = "--json", description = "one SPEC JSON report per file per line")
    boolean jsonOutput;

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EarshotConfig config = options.toConfig();
        ObjectMapper json = Json.newMapper();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        try (CallAnalyzer analyzer = new CallAnalyzer(Earshot.speechSettings(config))) {
            for (Path file : files) {
                try {
                    AnalysisReport report = analyzer.analyze(file);
                    out.println(jsonOutput ? json.writeValueAsString(report) : summary(report));
                    out.flush();
                } catch (AudioFormatException e) {
                    err.println("earshot analyze: " + e.getMessage());
                    failed++;
                } catch (IOException e) {
                    err.println("earshot analyze: " + file + ": " + e.getMessage());
                    failed++;
                } catch (RuntimeException e) {
                    // a fault in one file's analysis must not cost the files after it their reports
                    err.println("earshot analyze: " + file + ": " + e);
                    failed++;
                }
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private static String summary(AnalysisReport r) {
        StringBuilder s = new StringBuilder();
        s.append(r.file()).append(String.format(": %.1f s", r.durationSeconds()));
        for (Map.Entry<String, AnalysisReport.PartyMetrics> party : r.parties().entrySet()) {
            s.append(String.format("%n  %s: %.1f s talk", party.getKey(), party.getValue().talkSeconds()));
            if (party.getValue().interruptions() != null) {
                s.append(", ").append(party.getValue().interruptions()).append(" interruption(s)");
            }
        }
        if (r.deadAir() != null) {
            s.append(String.format("%n  dead air: %d gap(s)", r.deadAir().size()));
        }
        if (r.notes() != null) {
            r.notes().forEach(note -> s.append("\n  note: ").append(note));
        }
        if (r.transcript() != null) {
            r.transcript().forEach(seg -> s.append(String.format("%n  [%6.1f %s] %s", seg.start(), seg.party(), seg.text())));
        }
        return s.toString();
    }
}
