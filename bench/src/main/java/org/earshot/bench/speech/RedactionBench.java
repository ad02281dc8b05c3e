package org.earshot.bench.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.CallAnalyzer;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.SpeechSettings;
import org.earshot.speech.audio.Recording;
import org.earshot.speech.audio.RecordingReader;
import org.earshot.speech.audio.RecordingSilencer;
import org.earshot.speech.redact.KeypadTones;

/**
 * What card-data redaction ({@code pci-redaction}) costs per call. The same conversation of real telephone
 * speech ({@link BenchAudio}) is analysed with redaction on and off, in turns (so drift of a noisy machine
 * hits both alike); the baseline is the analysis without redaction in the same run. Also timed alone: the
 * in-band keypad scan (Goertzel over both channels) and the atomic rewrite that silences spans in the file.
 *
 * <pre>bench/run speech.RedactionBench [--minutes 5] [--runs 3]</pre>
 */
public final class RedactionBench {

    private RedactionBench() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = Double.parseDouble(option(args, "--minutes", "5"));
        int runs = Integer.parseInt(option(args, "--runs", "3"));
        Path calls = Path.of("speech/src/test/resources/calls");
        Path dir = Files.createTempDirectory("earshot-redaction-bench");
        try {
            Path audio = BenchAudio.build(calls, minutes * 60, dir.resolve("call.wav"));
            Recording rec = RecordingReader.read(audio);
            double seconds = rec.durationSeconds();
            SpeechSettings settings = new SpeechSettings(null, dir.resolve("models"), ChannelRoles.CUSTOMER_AGENT,
                    Runtime.getRuntime().availableProcessors(), SpeechSettings.Sentiment.DEFAULTS);
            System.out.printf("audio: %.1f min of stereo 8 kHz call audio; %d runs each way, alternating%n",
                    seconds / 60, runs);
            double[] on = new double[runs];
            double[] off = new double[runs];
            try (CallAnalyzer with = new CallAnalyzer(settings.withPciRedaction(true));
                 CallAnalyzer without = new CallAnalyzer(settings.withPciRedaction(false))) {
                with.analyze(calls.resolve("generated-call.wav")); // loads the model, warms the JIT
                without.analyze(calls.resolve("generated-call.wav"));
                for (int i = 0; i < runs; i++) {
                    off[i] = time(() -> without.analyze(audio));
                    on[i] = time(() -> with.analyze(audio));
                }
            }
            double medianOff = median(off);
            double medianOn = median(on);
            System.out.printf("analysis without redaction (baseline): %6.2f s per call (median)%n", medianOff);
            System.out.printf("analysis with redaction:               %6.2f s per call (median)%n", medianOn);
            System.out.printf("with / without: %.3f (redaction adds %+.1f %%)%n", medianOn / medianOff,
                    100 * (medianOn / medianOff - 1));

            double[] scan = new double[runs];
            for (int i = 0; i < runs; i++) {
                scan[i] = time(() -> List.of(KeypadTones.find("customer", rec.channel(0), rec.sampleRate()),
                        KeypadTones.find("agent", rec.channel(1), rec.sampleRate())));
            }
            System.out.printf("keypad tone scan alone (both channels): %.3f s, %.0f x real time; %.2f %% of the baseline%n",
                    median(scan), seconds / median(scan), 100 * median(scan) / medianOff);

            // Three card-data spans per call on the customer's channel, as a payment call might hold.
            List<RecordingSilencer.ChannelSpan> spans = new ArrayList<>();
            for (int k = 1; k <= 3; k++) {
                double at = seconds * k / 4;
                spans.add(new RecordingSilencer.ChannelSpan(0, at, at + 6));
            }
            double[] rewrite = new double[runs];
            for (int i = 0; i < runs; i++) {
                Path copy = Files.copy(audio, dir.resolve("copy-" + i + ".wav"));
                rewrite[i] = time(() -> {
                    RecordingSilencer.silence(copy, spans);
                    return null;
                });
            }
            System.out.printf("silencing 3 spans, file rewritten atomically (%.1f MB): %.3f s; %.2f %% of the baseline%n",
                    Files.size(audio) / 1e6, median(rewrite), 100 * median(rewrite) / medianOff);
        } finally {
            try (var paths = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private interface Work {
        Object run() throws IOException;
    }

    private static double time(Work work) throws IOException {
        long t0 = System.nanoTime();
        Object result = work.run();
        if (result instanceof AnalysisReport r && r.transcript().isEmpty()) {
            throw new IllegalStateException("no transcript: the benchmark audio was not analysed");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
