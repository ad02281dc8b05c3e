package org.earshot.speech.transcribe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.audio.Resampler;
import org.earshot.speech.audio.ResamplingStream;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * One party's recogniser for audio that arrives while the call is up: the live twin of
 * {@link Transcriber#transcribe}. A talk spurt is an utterance ({@link #begin}, {@link #feed} as the
 * audio arrives, {@link #end}); it is fed exactly as the post-call path feeds it (resampled to 16 kHz
 * without block edges, clipped, dithered from a generator seeded by the party), so the same spurts give
 * the same words. Word times are seconds of the recording. Used by one thread at a time.
 */
public final class StreamingRecogniser implements AutoCloseable {

    private final Recognizer recognizer;
    private final Resampler resampler;
    private final SplittableRandom noise;
    private final float[] chunk = new float[Transcriber.CHUNK];
    private final float[] piece;
    private ResamplingStream stream;
    private int chunkLength;
    private long fed; // samples at the model rate given to Vosk so far: its clock
    private double offset;
    private final List<Word> words = new ArrayList<>();

    StreamingRecogniser(Model model, int sampleRate, String party) throws IOException {
        this.recognizer = new Recognizer(model, Transcriber.MODEL_RATE);
        this.recognizer.setWords(true);
        this.recognizer.setPartialWords(true); // partial words have times: live redaction needs them
        this.resampler = new Resampler(sampleRate, Transcriber.MODEL_RATE);
        this.noise = new SplittableRandom(party.hashCode()); // as Transcriber: same samples, same noise
        this.piece = new float[sampleRate / 10];
    }

    /** Starts an utterance whose first sample fed is at {@code startSeconds} of the recording. */
    public void begin(double startSeconds) {
        if (stream != null) {
            throw new IllegalStateException("an utterance is already open");
        }
        stream = resampler.stream();
        offset = startSeconds - (double) fed / Transcriber.MODEL_RATE;
        words.clear();
    }

    /** Feeds {@code samples[from, to)}, the utterance's next audio at the recording's rate. */
    public void feed(short[] samples, int from, int to) throws IOException {
        requireOpen();
        for (int p = from; p < to; p += piece.length) {
            int n = Math.min(piece.length, to - p);
            for (int i = 0; i < n; i++) {
                piece[i] = samples[p + i];
            }
            stream.push(piece, n, this::accept);
            flushIfFull();
        }
    }

    /** What is recognised of the open utterance so far, words found final included; empty when nothing yet. */
    public List<Word> partial() throws IOException {
        requireOpen();
        List<Word> out = new ArrayList<>(words);
        out.addAll(VoskJson.words(recognizer.getPartialResult(), "partial_result", offset));
        return out;
    }

    /** Ends the utterance: its words, the last ones included (a final result per spurt, as post-call). */
    public List<Word> end() throws IOException {
        requireOpen();
        stream.finish(this::accept);
        stream = null;
        flushIfFull();
        if (chunkLength > 0) {
            send();
        }
        words.addAll(VoskJson.words(recognizer.getFinalResult(), offset));
        List<Word> out = List.copyOf(words);
        words.clear();
        return out;
    }

    public boolean isOpen() {
        return stream != null;
    }

    private void accept(float sample) {
        float clipped = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
        chunk[chunkLength++] = clipped + (float) (Transcriber.DITHER * noise.nextGaussian());
        if (chunkLength == chunk.length) {
            try {
                send();
            } catch (IOException e) {
                failure = e; // the resampler's callback cannot throw it: rethrown once the push returns
            }
        }
    }

    private IOException failure;

    private void flushIfFull() throws IOException {
        if (failure != null) {
            IOException e = failure;
            failure = null;
            throw e;
        }
    }

    private void send() throws IOException {
        // true = Vosk found an endpoint; its result must be read now or it is lost
        try {
            if (recognizer.acceptWaveForm(chunk, chunkLength)) {
                words.addAll(VoskJson.words(recognizer.getResult(), offset));
            }
        } finally {
            fed += chunkLength;
            chunkLength = 0;
        }
    }

    private void requireOpen() {
        if (stream == null) {
            throw new IllegalStateException("no utterance is open");
        }
    }

    @Override
    public void close() {
        recognizer.close();
    }
}
