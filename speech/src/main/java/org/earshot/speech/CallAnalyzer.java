package org.earshot.speech;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.earshot.speech.AnalysisReport.Muted;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.audio.Recording;
import org.earshot.speech.audio.RecordingReader;
import org.earshot.speech.live.LiveAnalyzer;
import org.earshot.speech.prosody.PartyProsody;
import org.earshot.speech.prosody.Prosody;
import org.earshot.speech.redact.Finding;
import org.earshot.speech.redact.KeypadHints;
import org.earshot.speech.redact.KeypadTones;
import org.earshot.speech.redact.SecondListen;
import org.earshot.speech.redact.TranscriptRedaction;
import org.earshot.speech.transcribe.HeardDigits;
import org.earshot.speech.report.ReportBuilder;
import org.earshot.speech.sentiment.Lexicon;
import org.earshot.speech.sentiment.PartyEvidence;
import org.earshot.speech.sentiment.SentimentResult;
import org.earshot.speech.sentiment.SentimentScorer;
import org.earshot.speech.transcribe.Transcriber;
import org.earshot.speech.turns.Overlaps;
import org.earshot.speech.turns.Turns;
import org.earshot.speech.vad.Spurt;
import org.earshot.speech.vad.VoiceActivity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses call recordings into {@link AnalysisReport}s. One instance per process: it owns the Vosk
 * model (loaded on the first call) and the recogniser threads, and is safe to call from many threads.
 *
 * <pre>{@code
 * try (var analyzer = new CallAnalyzer(new SpeechSettings(null, dataDir.resolve("models"),
 *         ChannelRoles.CUSTOMER_AGENT, Runtime.getRuntime().availableProcessors()))) {
 *     AnalysisReport report = analyzer.analyze(Path.of("call.wav"));
 * }
 * }</pre>
 */
public final class CallAnalyzer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallAnalyzer.class);

    private final SpeechSettings settings;
    private final Transcriber transcriber;
    private final SentimentScorer sentiment;
    private final ThreadPoolExecutor recognisers;
    /** Analyses hold the read side; close takes the write side, so the model is never freed under a running call. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed; // guarded by lifecycle

    /**
     * @throws IllegalArgumentException if {@code settings.modelDir()} is set but is not a Vosk model folder
     */
    public CallAnalyzer(SpeechSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.transcriber = new Transcriber(settings.modelDir(), settings.modelCacheDir(), settings.search());
        this.sentiment = new SentimentScorer(Lexicon.load(), settings.sentiment());
        this.recognisers = recogniserPool(settings.threads());
    }

    /** The deployment's channel roles: which party is on which channel unless a call says otherwise. */
    public ChannelRoles channels() {
        return settings.channels();
    }

    /**
     * Live analysis of calls in progress on this analyzer's Vosk model and sentiment scale; close it before
     * this analyzer.
     */
    public LiveAnalyzer live(LiveAnalyzer.Limits limits) {
        return new LiveAnalyzer(transcriber, sentiment, settings.pciRedaction(), limits);
    }

    /** Analyses {@code file} with the deployment's channel roles ({@link SpeechSettings#channels()}). */
    public AnalysisReport analyze(Path file) throws IOException {
        return analyze(file, settings.channels());
    }

    /**
     * Analyses {@code file} with the deployment's channel roles and what the PBX said about the call:
     * its keypad spans are redacted like tones found in the audio, its muted spans are listed and are
     * never dead air.
     */
    public AnalysisReport analyze(Path file, AnalysisHints hints) throws IOException {
        return analyze(file, settings.channels(), hints);
    }

    /** Analyses {@code file}, whose left and right channels carry {@code roles} (ignored for mono). */
    public AnalysisReport analyze(Path file, ChannelRoles roles) throws IOException {
        return analyze(file, roles, AnalysisHints.NONE);
    }

    /**
     * Analyses {@code file}, whose left and right channels carry {@code roles} (ignored for mono), with
     * the PBX's {@code hints} (see {@link #analyze(Path, AnalysisHints)}).
     *
     * @throws AudioFormatException if the file is missing, not audio, cut off before its first sample, empty,
     *                              unsupported (one cut off inside its audio is analysed as far as it goes, and noted)
     *                              or longer than {@link SpeechSettings#maxRecordingLength()}
     * @throws IllegalStateException after {@link #close()}
     */
    public AnalysisReport analyze(Path file, ChannelRoles roles, AnalysisHints hints) throws IOException {
        Objects.requireNonNull(hints, "hints");
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("CallAnalyzer is closed");
            }
            long t0 = System.nanoTime();
            Recording rec = RecordingReader.read(file, settings.maxRecordingLength()); // PCM per channel
            List<String> parties = parties(rec, roles);                                 // channel -> party
            List<List<Spurt>> speech = voiceActivity(rec);                              // who speaks when
            List<Muted> muted = muted(rec, hints);                                      // PBX mutes: not dead air
            Turns turns = Turns.of(parties, speech, muted.stream().map(m -> new Span(m.start(), m.end())).toList());
            List<Future<List<TranscriptSegment>>> vosk = startTranscription(rec, parties, speech); // in parallel...
            List<PartyProsody> prosody = prosody(rec, speech, vosk);                    // ...with pitch, rate, loudness
            List<Finding> keypad = keypadTones(rec, parties, hints, vosk);              // ...and keypad tones
            TranscriptRedaction.Result redacted = redact(rec, parties, speech, awaitTranscription(rec, vosk), keypad); // no card data
            List<TranscriptSegment> words = redacted.transcript();                      // word times, from here on
            SentimentResult feeling = sentiment(rec, evidence(parties, speech, prosody, turns, words), turns);
            AnalysisReport report = ReportBuilder.build(rec, parties, speech, turns, prosody, words, feeling,
                    redacted.redactions(), muted);
            // DEBUG: the file's name may hold a caller's number; the server logs each analysis by call id.
            log.debug("Analysed {}: {} s, {} channel(s), {} transcript segments, {} redaction(s) in {} ms",
                    file.getFileName(), report.durationSeconds(), rec.channelCount(), words.size(),
                    report.redactions().size(), (System.nanoTime() - t0) / 1_000_000);
            return report;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Card data out of the words before any later stage (sentiment cues quote words) or the caller sees
     * them: nothing downstream of the analyzer ever holds the digits.
     */
    private TranscriptRedaction.Result redact(Recording rec, List<String> parties, List<List<Spurt>> speech,
                                              List<TranscriptSegment> words, List<Finding> keypad) throws IOException {
        if (!settings.pciRedaction()) {
            return new TranscriptRedaction.Result(words, List.of());
        }
        Map<String, List<Spurt>> spurts = new LinkedHashMap<>();
        for (int c = 0; c < parties.size(); c++) {
            spurts.put(parties.get(c), speech.get(c));
        }
        // the second listen, for digits and their cues, over the spurts the first pass may have misheard
        return TranscriptRedaction.redact(words, spurts, keypad, rec.durationSeconds(),
                (forDigits, forCues) -> listenAgain(rec, parties, forDigits, forCues));
    }

    /** Each party's spurts heard again as digits and as cues, on the recogniser threads, like the first pass. */
    private SecondListen.Heard listenAgain(Recording rec, List<String> parties, Map<String, List<Spurt>> forDigits,
                                           Map<String, List<Spurt>> forCues) throws IOException {
        Map<String, Future<List<HeardDigits>>> digitJobs = new LinkedHashMap<>();
        Map<String, Future<List<TranscriptSegment>>> cueJobs = new LinkedHashMap<>();
        for (int c = 0; c < parties.size(); c++) {
            String party = parties.get(c);
            short[] channel = rec.channel(c);
            List<Spurt> digits = forDigits.getOrDefault(party, List.of());
            List<Spurt> cues = forCues.getOrDefault(party, List.of());
            if (!digits.isEmpty()) {
                digitJobs.put(party, recognisers.submit(() -> transcriber.hearDigits(channel, rec.sampleRate(), digits, party)));
            }
            if (!cues.isEmpty()) {
                cueJobs.put(party, recognisers.submit(() -> transcriber.transcribe(channel, rec.sampleRate(), cues, party,
                        SecondListen.CUE_GRAMMAR)));
            }
        }
        List<Future<?>> all = new ArrayList<>(digitJobs.values());
        all.addAll(cueJobs.values());
        Map<String, List<HeardDigits>> digits = new LinkedHashMap<>();
        Map<String, List<Word>> cues = new LinkedHashMap<>();
        for (Map.Entry<String, Future<List<HeardDigits>>> job : digitJobs.entrySet()) {
            digits.put(job.getKey(), await(rec, job.getValue(), all));
        }
        for (Map.Entry<String, Future<List<TranscriptSegment>>> job : cueJobs.entrySet()) {
            cues.put(job.getKey(), await(rec, job.getValue(), all).stream().flatMap(s -> s.words().stream()).toList());
        }
        return new SecondListen.Heard(digits, cues);
    }

    /**
     * Runs of keypad tones on each channel, on the caller's thread while the recognisers work, and the
     * PBX's keypad spans (on mono, where the parties share the channel, on the mixed party).
     */
    private List<Finding> keypadTones(Recording rec, List<String> parties, AnalysisHints hints,
                                      List<Future<List<TranscriptSegment>>> vosk) {
        if (!settings.pciRedaction()) {
            return List.of();
        }
        try {
            List<Finding> out = new ArrayList<>(KeypadHints.runs(hints.keypad(), rec.isMono() ? ReportBuilder.MIXED : null,
                    rec.durationSeconds()));
            for (int c = 0; c < rec.channelCount(); c++) {
                out.addAll(KeypadTones.find(parties.get(c), rec.channel(c), rec.sampleRate()));
            }
            return KeypadHints.merge(out);
        } catch (RuntimeException | Error e) {
            vosk.forEach(j -> j.cancel(true));
            throw e;
        }
    }

    /** The PBX's muted spans within the recording, rounded like every time in the report. */
    private static List<Muted> muted(Recording rec, AnalysisHints hints) {
        double duration = rec.durationSeconds();
        return hints.muted().stream().filter(m -> m.start() < duration)
                .sorted(Comparator.comparingDouble(AnalysisHints.PartySpan::start))
                .map(m -> new Muted(m.party().key(), Math.round(m.start() * 100) / 100.0,
                        Math.round(Math.min(duration, m.end()) * 100) / 100.0))
                .toList();
    }

    private static List<String> parties(Recording rec, ChannelRoles roles) {
        Objects.requireNonNull(roles, "roles");
        return rec.isMono() ? List.of(ReportBuilder.MIXED) : List.of(roles.left().key(), roles.right().key());
    }

    private static List<List<Spurt>> voiceActivity(Recording rec) {
        List<List<Spurt>> speech = new ArrayList<>();
        for (short[] channel : rec.channels()) {
            speech.add(VoiceActivity.spurts(channel, rec.sampleRate()));
        }
        return List.copyOf(speech);
    }

    /** Runs on the caller's thread while the recognisers work; a failure here stops them too. */
    private static List<PartyProsody> prosody(Recording rec, List<List<Spurt>> speech,
                                              List<Future<List<TranscriptSegment>>> vosk) {
        try {
            List<PartyProsody> out = new ArrayList<>();
            for (int c = 0; c < rec.channelCount(); c++) {
                out.add(Prosody.measure(rec.channel(c), rec.sampleRate(), speech.get(c)));
            }
            return List.copyOf(out);
        } catch (RuntimeException | Error e) {
            vosk.forEach(j -> j.cancel(true));
            throw e;
        }
    }

    /** A mono recording mixes both parties on one channel, so only the call as a whole can be scored. */
    private SentimentResult sentiment(Recording rec, List<PartyEvidence> evidence, Turns turns) {
        return rec.isMono()
                ? sentiment.scoreMixed(evidence.get(0), turns.silence().deadAir(), rec.durationSeconds())
                : sentiment.score(evidence, turns.overlaps(), turns.silence().deadAir(), rec.durationSeconds());
    }

    /** Per channel: who spoke when, how, what they said, and whom they cut off (nobody, on mono). */
    private static List<PartyEvidence> evidence(List<String> parties, List<List<Spurt>> speech, List<PartyProsody> prosody,
                                                Turns turns, List<TranscriptSegment> words) {
        List<Overlap> overlaps = turns.overlaps() == null ? List.of() : turns.overlaps();
        List<PartyEvidence> out = new ArrayList<>();
        for (int c = 0; c < parties.size(); c++) {
            String party = parties.get(c);
            out.add(new PartyEvidence(party, speech.get(c), prosody.get(c),
                    words.stream().filter(s -> s.party().equals(party)).flatMap(s -> s.words().stream()).toList(),
                    overlaps.stream().filter(o -> o.by().equals(party) && o.kind().equals(Overlaps.INTERRUPTION)).toList()));
        }
        return out;
    }

    /** Each channel is recognised on its own recogniser thread, so the parties run in parallel. */
    private List<Future<List<TranscriptSegment>>> startTranscription(Recording rec, List<String> parties,
                                                                     List<List<Spurt>> speech) {
        List<Future<List<TranscriptSegment>>> jobs = new ArrayList<>();
        for (int c = 0; c < rec.channelCount(); c++) {
            int channel = c;
            jobs.add(recognisers.submit(() -> transcriber.transcribe(
                    rec.channel(channel), rec.sampleRate(), speech.get(channel), parties.get(channel))));
        }
        return jobs;
    }

    /** Segments of all channels, in time order. */
    private static List<TranscriptSegment> awaitTranscription(Recording rec, List<Future<List<TranscriptSegment>>> jobs)
            throws IOException {
        List<TranscriptSegment> segments = new ArrayList<>();
        for (Future<List<TranscriptSegment>> job : jobs) {
            segments.addAll(await(rec, job, jobs));
        }
        segments.sort(Comparator.comparingDouble(TranscriptSegment::start));
        return segments;
    }

    /** The job's result; if it failed or the wait is interrupted, every one of {@code jobs} is cancelled. */
    private static <T> T await(Recording rec, Future<T> job, List<? extends Future<?>> jobs) throws IOException {
        try {
            return job.get();
        } catch (InterruptedException e) {
            jobs.forEach(j -> j.cancel(true));
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while transcribing " + rec.file());
        } catch (ExecutionException e) {
            jobs.forEach(j -> j.cancel(true));
            throw rethrow(rec.file(), e.getCause());
        }
    }

    private static IOException rethrow(Path file, Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IOException("transcription of " + file + " failed", cause);
    }

    /**
     * Waits for running analyses, then stops the recogniser threads and frees the model. Later
     * calls to {@code analyze} throw {@link IllegalStateException}.
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            recognisers.shutdown();
            transcriber.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /**
     * {@code threads} named recogniser threads. The queue is bounded; when it is full the calling
     * worker recognises its channel itself rather than fail. Idle threads time out, so a forgotten
     * {@code close()} does not keep the JVM alive.
     */
    private static ThreadPoolExecutor recogniserPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(16, 4 * threads)),
                r -> new Thread(r, "earshot-recogniser-" + n.incrementAndGet()),
                (task, executor) -> {
                    if (executor.isShutdown()) {
                        throw new RejectedExecutionException("CallAnalyzer is closed");
                    }
                    task.run();
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
