package org.earshot.speech.transcribe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.SpeechSettings.DecoderSearch;
import org.earshot.speech.audio.Resampler;
import org.earshot.speech.vad.Spurt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Recognises the talk spurts of one channel with Vosk and returns one segment per spurt with words.
 *
 * <p>Owns the one Vosk {@code Model} (acoustic model and decoding graph, large once loaded;
 * shared by all threads, which Vosk allows); it is loaded on first use so that a server that never analyses starts fast.
 * Each call (one channel, on one thread) gets its own {@code Recognizer}, closed after use, and
 * feeds it only the talk spurts: creating a recogniser per spurt cost about 0.1 s each and restarted
 * Vosk's online speaker adaptation (i-vectors) every time, which made decoding the spurts slower
 * than decoding the whole channel, silence included (measured on the generated calls). Word times
 * are mapped back from Vosk's clock (samples fed) to the recording's. Most of Vosk's time goes to
 * its decoder's search, not to the acoustic network, so the search options ({@link DecoderSearch})
 * set the speed; see {@link DecoderSearch#TELEPHONE}.
 *
 * <p>Kaldi dithers every analysis window (Gaussian noise of 1 sample unit, which lowered WER by
 * about a point on the Allison prompts) from one process-wide random sequence, so with two channels
 * decoded at once the same call came out differently from run to run ("weasels have eaten" or
 * "eden"). {@link TunedModel} turns Kaldi's dither off and this adds the same noise to the samples
 * it feeds from a generator seeded per channel: a recording always gets the same transcript, at the
 * same WER (259 prompts: 18.5–18.9 % over seeds, Kaldi's own 18.6–19.0 %; without dither 19.6 %).
 */
public final class Transcriber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Transcriber.class);

    /** The bundled model, like most Vosk models, is trained on 16 kHz audio. */
    static final int MODEL_RATE = 16000;
    /** Audio fed around each spurt: the VAD cuts soft word edges a recogniser still needs. */
    static final double PAD_SECONDS = 0.2;
    static final int CHUNK = MODEL_RATE / 2;
    /** Standard deviation of the dither, in 16-bit sample units: Kaldi's default {@code --dither=1.0}. */
    static final double DITHER = 1.0;

    private final Path modelDir;
    private final Path cacheDir;
    private final DecoderSearch search;
    private Model model; // guarded by this
    private boolean closed; // guarded by this

    /** The model's own decoder search, as shipped; {@code modelDir} null = the bundled model, unpacked under {@code cacheDir}. */
    public Transcriber(Path modelDir, Path cacheDir) {
        this(modelDir, cacheDir, null);
    }

    /**
     * {@code search} null = the model's own decoder search; otherwise it is written over the model's in
     * a linked copy under {@code cacheDir} (where the dither is also turned off, see {@link TunedModel}).
     */
    public Transcriber(Path modelDir, Path cacheDir, DecoderSearch search) {
        this.modelDir = modelDir == null ? null : VoskModelDir.require(modelDir);
        this.cacheDir = cacheDir;
        this.search = search;
    }

    public List<TranscriptSegment> transcribe(short[] samples, int sampleRate, List<Spurt> spurts, String party)
            throws IOException {
        return transcribe(samples, sampleRate, spurts, party, null);
    }

    /**
     * Recognises the spurts allowing only {@code grammar}'s words or phrases (Vosk decodes them through a
     * small grammar graph built on the fly; "[unk]" in it stands for any other speech and is left out of
     * the words); null = the model's whole vocabulary.
     */
    public List<TranscriptSegment> transcribe(short[] samples, int sampleRate, List<Spurt> spurts, String party,
                                              List<String> grammar) throws IOException {
        Model m = model();
        Resampler resampler = new Resampler(sampleRate, MODEL_RATE);
        int pad = (int) Math.round(PAD_SECONDS * sampleRate);
        List<TranscriptSegment> segments = new ArrayList<>();
        try (Recognizer recognizer = grammar == null ? new Recognizer(m, MODEL_RATE)
                : new Recognizer(m, MODEL_RATE, VoskJson.grammar(grammar))) {
            recognizer.setWords(true);
            // seeded by party only: the same samples and spurts always get the same noise
            SplittableRandom noise = new SplittableRandom(party.hashCode());
            long fed = 0; // samples at the model rate given to this recogniser so far: Vosk's clock
            for (Spurt spurt : spurts) {
                int from = Math.max(0, (int) Math.round(spurt.start() * sampleRate) - pad);
                int to = Math.min(samples.length, (int) Math.round(spurt.end() * sampleRate) + pad);
                if (to <= from) {
                    continue;
                }
                // Vosk times words from the first sample it was fed; map them back to the recording
                double offset = (double) from / sampleRate - (double) fed / MODEL_RATE;
                List<Word> words = new ArrayList<>();
                fed += feed(resampler, samples, from, to, noise, (chunk, n) -> {
                    // true = Vosk found an endpoint; its result must be read now or it is lost
                    if (recognizer.acceptWaveForm(chunk, n)) {
                        words.addAll(VoskJson.words(recognizer.getResult(), offset));
                    }
                });
                // a final result per spurt, so no word spills into the next
                words.addAll(VoskJson.words(recognizer.getFinalResult(), offset));
                if (!words.isEmpty()) {
                    String text = words.stream().map(Word::word).collect(Collectors.joining(" "));
                    segments.add(new TranscriptSegment(party, spurt.start(), spurt.end(), text, List.copyOf(words)));
                }
            }
        }
        return segments;
    }

    /**
     * What read-out card data sounds like to the recogniser: digits, "oh", pairs ("forty five"), teens,
     * "double"/"triple" and the months of an expiry date. No "hundred" (nobody reads a card that way, and
     * forced to choose it fits it to any unstressed syllable) and no "[unk]" (with it, Vosk wrote "[unk]"
     * over most of the digits the first pass had got wrong).
     */
    static final List<String> DIGIT_GRAMMAR = List.of("zero", "oh", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
            "double", "triple", "january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december");

    /**
     * Hears each spurt again through {@link #DIGIT_GRAMMAR}, and once more through the whole vocabulary,
     * to weigh the two: the small model often writes a read-out card number as ordinary words ("well no
     * five" for "one oh five"), but limited to digits it hears them, and explains the audio about as well
     * as with its whole vocabulary, while ordinary speech forced into digits is explained far worse
     * (measured on the Allison prompts and generated calls; see {@link HeardDigits#fitPerSecond}). One out
     * per spurt, in order, with no words where the recogniser heard none.
     */
    public List<HeardDigits> hearDigits(short[] samples, int sampleRate, List<Spurt> spurts, String party)
            throws IOException {
        Model m = model();
        Resampler resampler = new Resampler(sampleRate, MODEL_RATE);
        int pad = (int) Math.round(PAD_SECONDS * sampleRate);
        List<HeardDigits> out = new ArrayList<>();
        try (Recognizer digits = new Recognizer(m, MODEL_RATE, VoskJson.grammar(DIGIT_GRAMMAR));
             Recognizer free = new Recognizer(m, MODEL_RATE)) {
            for (Recognizer r : List.of(digits, free)) {
                r.setMaxAlternatives(1); // the best path and its log-likelihood
                r.setWords(true);
            }
            long[] fed = new long[2]; // each recogniser's clock
            for (Spurt spurt : spurts) {
                int from = Math.max(0, (int) Math.round(spurt.start() * sampleRate) - pad);
                int to = Math.min(samples.length, (int) Math.round(spurt.end() * sampleRate) + pad);
                if (to <= from) {
                    continue;
                }
                VoskJson.BestPath heard = bestPath(digits, resampler, samples, from, to, sampleRate, fed, 0, party);
                VoskJson.BestPath anyWords = bestPath(free, resampler, samples, from, to, sampleRate, fed, 1, party);
                double seconds = (double) (to - from) / sampleRate;
                out.add(new HeardDigits(spurt.start(), spurt.end(), heard.words(),
                        (heard.logLikelihood() - anyWords.logLikelihood()) / seconds));
            }
        }
        return out;
    }

    /**
     * The best path of {@code samples[from, to)} through {@code recognizer}, with its words on the
     * recording's clock; {@code fed[clock]} is the recogniser's own clock, advanced here. The same
     * samples always get the same dither, whichever recogniser hears them.
     */
    private static VoskJson.BestPath bestPath(Recognizer recognizer, Resampler resampler, short[] samples, int from,
                                              int to, int sampleRate, long[] fed, int clock, String party)
            throws IOException {
        double offset = (double) from / sampleRate - (double) fed[clock] / MODEL_RATE;
        List<Word> words = new ArrayList<>();
        double[] logLikelihood = {0};
        SplittableRandom noise = new SplittableRandom(31L * party.hashCode() + from);
        fed[clock] += feed(resampler, samples, from, to, noise, (chunk, n) -> {
            if (recognizer.acceptWaveForm(chunk, n)) {
                VoskJson.BestPath part = VoskJson.bestPath(recognizer.getResult(), offset);
                words.addAll(part.words());
                logLikelihood[0] += part.logLikelihood();
            }
        });
        VoskJson.BestPath last = VoskJson.bestPath(recognizer.getFinalResult(), offset);
        words.addAll(last.words());
        return new VoskJson.BestPath(List.copyOf(words), logLikelihood[0] + last.logLikelihood());
    }

    /**
     * A recogniser for one party's audio while the call is up, on the same model as {@link #transcribe}
     * (loaded here on first use); the caller closes it.
     */
    public StreamingRecogniser stream(String party, int sampleRate) throws IOException {
        return new StreamingRecogniser(model(), sampleRate, party);
    }

    /** Where a spurt's audio goes, one chunk at a time: the recogniser. */
    interface ChunkSink {
        void accept(float[] chunk, int length) throws IOException;
    }

    /**
     * Feeds {@code samples[from, to)} to {@code sink} at the model rate, clipped to the 16-bit range
     * Vosk expects and dithered, {@link #CHUNK} samples at a time; returns the samples fed. Only a
     * chunk is held at the model rate: speech with no pause the VAD cuts at is one spurt, however
     * long, and an hour of it as floats at 16 kHz would be 230 MB.
     */
    static long feed(Resampler resampler, short[] samples, int from, int to, SplittableRandom noise, ChunkSink sink)
            throws IOException {
        Resampler.Blocks audio = resampler.blocks(samples, from, to);
        float[] chunk = new float[CHUNK];
        long fed = 0;
        for (int n = audio.next(chunk); n > 0; n = audio.next(chunk)) {
            for (int i = 0; i < n; i++) {
                float clipped = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, chunk[i]));
                chunk[i] = clipped + (float) (DITHER * noise.nextGaussian());
            }
            sink.accept(chunk, n);
            fed += n;
        }
        return fed;
    }

    private synchronized Model model() throws IOException {
        if (closed) {
            throw new IllegalStateException("transcriber is closed");
        }
        if (model == null) {
            Path dir = modelDir != null ? modelDir : BundledModel.unpack(cacheDir);
            dir = TunedModel.prepare(dir, search, cacheDir);
            LibVosk.setLogLevel(LogLevel.WARNINGS); // Kaldi's INFO lines would flood the server log
            long t0 = System.nanoTime();
            model = new Model(dir.toString());
            log.info("Loaded Vosk model {} in {} ms", dir, (System.nanoTime() - t0) / 1_000_000);
        }
        return model;
    }

    /** Frees the model; call only when no transcription is running. */
    @Override
    public synchronized void close() {
        closed = true;
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
