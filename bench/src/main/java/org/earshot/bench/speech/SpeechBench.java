package org.earshot.bench.speech;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.CallAnalyzer;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.SpeechSettings;
import org.earshot.speech.SpeechSettings.DecoderSearch;
import org.earshot.speech.audio.Recording;
import org.earshot.speech.audio.RecordingReader;
import org.earshot.speech.prosody.Prosody;
import org.earshot.speech.transcribe.Transcriber;
import org.earshot.speech.turns.Turns;
import org.earshot.speech.vad.Spurt;
import org.earshot.speech.vad.VoiceActivity;

/**
 * Times, in one run on the same audio: the whole analysis ({@link CallAnalyzer}: speech-only Vosk,
 * parties in parallel, DSP beside it), the DSP alone on one thread (decode, voice activity, turns,
 * pitch, loudness, syllable nuclei), and the naive baseline (Vosk over each full channel, one after
 * the other, same resampler, the model's own decoder settings as shipped: what a naive user runs).
 * Prints x real time for each and the ratio pipeline / naive.
 *
 * <pre>
 *   bench/run speech.SpeechBench [--minutes 10] [--calls speech/src/test/resources/calls] [--hour]
 *                                [--search telephone|shipped|BEAM,MAX_ACTIVE,MIN_ACTIVE,LATTICE_BEAM]
 * </pre>
 * {@code --search} sets the pipeline's decoder search (default: the product's, {@code telephone});
 * {@code shipped} runs the pipeline with the model's own settings too. The naive baseline always
 * keeps them.
 * {@code --hour} instead analyses one hour of the same audio and prints the peak heap (run it with
 * {@code BENCH_JAVA_OPTS=-Xmx512m}).
 */
public final class SpeechBench {

    private SpeechBench() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = Double.parseDouble(option(args, "--minutes", "10"));
        Path calls = Path.of(option(args, "--calls", "speech/src/test/resources/calls"));
        boolean hour = List.of(args).contains("--hour");
        DecoderSearch search = search(option(args, "--search", "telephone"));
        Path dir = Files.createTempDirectory("earshot-speech-bench");
        SpeechSettings settings = new SpeechSettings(null, dir.resolve("models"), ChannelRoles.CUSTOMER_AGENT,
                Runtime.getRuntime().availableProcessors(), SpeechSettings.Sentiment.DEFAULTS, search);
        try (CallAnalyzer analyzer = new CallAnalyzer(settings)) {
            analyzer.analyze(calls.resolve("generated-call.wav")); // loads the model, warms the JIT
            if (hour) {
                hour(analyzer, calls, dir);
            } else {
                compare(analyzer, settings, calls, dir, minutes);
            }
        } finally {
            deleteTree(dir); // the audio (115 MB for the hour) and the unpacked model
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void compare(CallAnalyzer analyzer, SpeechSettings settings, Path calls, Path dir, double minutes)
            throws IOException {
        Path audio = BenchAudio.build(calls, minutes * 60, dir.resolve("bench.wav"));
        double seconds = RecordingReader.read(audio).durationSeconds();
        Recording rec = RecordingReader.read(audio);
        double talk = 0;
        for (short[] channel : rec.channels()) {
            talk += VoiceActivity.spurts(channel, rec.sampleRate()).stream().mapToDouble(Spurt::seconds).sum();
        }
        System.out.printf("audio: %.1f min of stereo 8 kHz call audio (%s), each party talking %.0f %% of it; %d cores%n",
                seconds / 60, Files.isDirectory(BenchAudio.PROMPTS) ? "Allison prompts as turns" : "generated calls",
                100 * talk / 2 / seconds, Runtime.getRuntime().availableProcessors());
        dsp(audio); // warm-up
        double dsp = seconds / time(() -> dsp(audio));
        System.out.printf("DSP alone (1 thread: decode, VAD, turns, pitch, loudness, nuclei): %6.0f x real time%n", dsp);
        double pipeline = seconds / time(() -> analyzer.analyze(audio));
        System.out.printf("whole pipeline (CallAnalyzer):                               %6.1f x real time%n", pipeline);
        System.out.printf("  (decoder search: %s)%n", settings.search() == null ? "the model's own" : settings.search());
        double naive;
        // no search settings: the model folder's own conf/model.conf, as shipped
        try (Transcriber vosk = new Transcriber(settings.modelDir(), settings.modelCacheDir())) {
            naive(vosk, calls.resolve("generated-call.wav")); // loads its model outside the timing
            naive = seconds / time(() -> naive(vosk, audio));
        }
        System.out.printf("naive (Vosk on both full channels, one after the other):    %6.1f x real time%n", naive);
        System.out.printf("pipeline / naive: %.1f x faster%n", pipeline / naive);
    }

    private static void hour(CallAnalyzer analyzer, Path calls, Path dir) throws IOException {
        Path audio = BenchAudio.build(calls, 3600, dir.resolve("hour.wav"));
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        double seconds = time(() -> analyzer.analyze(audio));
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("1 hour stereo analysed in %.0f s; peak heap (sum of pool peaks) %d MB, max heap %d MB%n",
                seconds, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** Everything but Vosk, one thread. */
    private static Object dsp(Path audio) throws IOException {
        Recording rec = RecordingReader.read(audio);
        List<List<Spurt>> speech = new ArrayList<>();
        List<Object> prosody = new ArrayList<>();
        for (short[] channel : rec.channels()) {
            List<Spurt> spurts = VoiceActivity.spurts(channel, rec.sampleRate());
            speech.add(spurts);
            prosody.add(Prosody.measure(channel, rec.sampleRate(), spurts));
        }
        return List.of(Turns.of(List.of("customer", "agent"), speech), prosody);
    }

    /** What a first version would do: every sample of both channels through Vosk, one channel after the other. */
    private static Object naive(Transcriber vosk, Path audio) throws IOException {
        Recording rec = RecordingReader.read(audio);
        List<Spurt> whole = List.of(new Spurt(0, rec.frames() / (rec.sampleRate() / 100)));
        return List.of(vosk.transcribe(rec.channel(0), rec.sampleRate(), whole, "customer"),
                vosk.transcribe(rec.channel(1), rec.sampleRate(), whole, "agent"));
    }

    private interface Work {
        Object run() throws IOException;
    }

    /** Wall-clock seconds of {@code work}; prints how many cores it kept busy on average. */
    private static double time(Work work) throws IOException {
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        Object result = work.run();
        if (result instanceof AnalysisReport r && r.transcript().isEmpty()) {
            throw new IllegalStateException("no transcript: the benchmark audio was not analysed");
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  (%.1f s wall, %.1f cores busy)%n", wall, (processCpuNanos() - cpu0) / 1e9 / wall);
        return wall;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** {@code telephone} (the product's default), {@code shipped} (the model's own) or four numbers. */
    private static DecoderSearch search(String value) {
        return switch (value) {
            case "telephone" -> DecoderSearch.TELEPHONE;
            case "shipped" -> null;
            default -> {
                String[] v = value.split(",");
                if (v.length != 4) {
                    throw new IllegalArgumentException("--search must be telephone, shipped or BEAM,MAX_ACTIVE,MIN_ACTIVE,"
                            + "LATTICE_BEAM, was " + value);
                }
                yield new DecoderSearch(Double.parseDouble(v[0]), Integer.parseInt(v[1]), Integer.parseInt(v[2]),
                        Double.parseDouble(v[3]));
            }
        };
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
