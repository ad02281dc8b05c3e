package org.earshot.speech.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.transcribe.StreamingRecogniser;
import org.earshot.speech.vad.Spurt;

/**
 * One party's channel while the call is up: its voice activity, its recogniser fed each spurt as the
 * post-call transcriber feeds it (from 0.2 s before the spurt to 0.2 s after it), and the spurts and words
 * of the last {@value #KEEP_SECONDS} s for the interruptions and the rolling sentiment.
 */
final class PartyTrack implements StreamingVoiceActivity.Events {

    /** As {@code transcribe.Transcriber.PAD_SECONDS}. */
    static final double PAD_SECONDS = 0.2;
    static final int KEEP_SECONDS = 40;

    /** Where a party's segments go. */
    interface Segments {
        void segment(LiveSegment segment, List<Word> words);
    }

    final String party;
    private final int rate;
    private final int frameLength;
    private final int pad;
    private final SampleRing ring;
    private final StreamingVoiceActivity vad = new StreamingVoiceActivity(this);
    private final StreamingRecogniser recogniser;
    private final Segments out;
    private final Deque<Spurt> spurts = new ArrayDeque<>();
    private final Deque<Word> words = new ArrayDeque<>();
    private final short[] frame;
    private int frameFill;
    private int openStart = -1;
    private int openEnd = -1;
    private long fedTo;
    private String lastPartial = "";

    PartyTrack(String party, int rate, StreamingRecogniser recogniser, Segments out) {
        this.party = party;
        this.rate = rate;
        this.frameLength = (int) Math.round(rate * Spurt.FRAME_SECONDS);
        this.pad = (int) Math.round(PAD_SECONDS * rate);
        this.ring = new SampleRing(rate * KEEP_SECONDS);
        this.recogniser = recogniser;
        this.out = out;
        this.frame = new short[frameLength];
    }

    /** Takes one sample; returns true when it completed a 10 ms frame (then the frame was analysed). */
    boolean add(short sample) {
        ring.add(sample);
        frame[frameFill++] = sample;
        if (frameFill < frameLength) {
            return false;
        }
        frameFill = 0;
        vad.frame(frame, 0, frameLength);
        if (openStart >= 0) {
            feedTo(Math.min(ring.end(), (long) openEnd * frameLength + pad));
        }
        return true;
    }

    /** Frames analysed so far. */
    int frames() {
        return vad.frames();
    }

    /** Sends what the recogniser has of the open spurt, when it changed. */
    void partial() throws IOException {
        if (openStart < 0 || !recogniser.isOpen()) {
            return;
        }
        List<Word> heard = recogniser.partial();
        String text = heard.stream().map(Word::word).collect(Collectors.joining(" "));
        if (!text.isEmpty() && !text.equals(lastPartial)) {
            lastPartial = text;
            out.segment(new LiveSegment(party, text, false, seconds(openStart), seconds(openEnd)), heard);
        }
    }

    /** The recording ended: the open spurt is final. */
    void finish() {
        vad.finish();
    }

    @Override
    public void opened(int startFrame, int endFrame) {
        openStart = startFrame;
        openEnd = endFrame;
        long from = Math.max(ring.start(), Math.max(0, (long) startFrame * frameLength - pad));
        fedTo = from; // the lead-in may overlap the last spurt's tail: post-call feeds it again too
        recogniser.begin((double) from / rate);
        feedTo(Math.min(ring.end(), (long) endFrame * frameLength + pad));
    }

    @Override
    public void extended(int endFrame) {
        openEnd = endFrame;
    }

    @Override
    public void closed(Spurt spurt) {
        feedTo(Math.min(ring.end(), (long) spurt.endFrame() * frameLength + pad));
        List<Word> said;
        try {
            said = recogniser.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openStart = -1;
        openEnd = -1;
        spurts.addLast(spurt);
        words.addAll(said);
        forget(spurt.end() - KEEP_SECONDS);
        String text = said.stream().map(Word::word).collect(Collectors.joining(" "));
        if (!text.isEmpty() || !lastPartial.isEmpty()) {
            // an empty final still replaces a partial the wall shows
            out.segment(new LiveSegment(party, text, true, spurt.start(), spurt.end()), said);
        }
        lastPartial = "";
    }

    private void feedTo(long to) {
        if (to <= fedTo) {
            return;
        }
        short[] audio = ring.copy(fedTo, to);
        try {
            recogniser.feed(audio, 0, audio.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fedTo = to;
    }

    private void forget(double before) {
        while (!spurts.isEmpty() && spurts.peekFirst().end() < before) {
            spurts.removeFirst();
        }
        while (!words.isEmpty() && words.peekFirst().end() < before) {
            words.removeFirst();
        }
    }

    private static double seconds(int frame) {
        return frame / 100.0;
    }

    /** The open spurt's start frame, or -1. */
    int openStart() {
        return openStart;
    }

    /** The open spurt's end so far (exclusive), or -1. */
    int openEnd() {
        return openEnd;
    }

    /** Closed spurts of the last {@value #KEEP_SECONDS} s, oldest first. */
    List<Spurt> spurts() {
        return List.copyOf(spurts);
    }

    /** Closed spurts plus the open one (its end so far), oldest first. */
    List<Spurt> spurtsSoFar() {
        List<Spurt> all = new ArrayList<>(spurts);
        if (openStart >= 0) {
            all.add(new Spurt(openStart, openEnd));
        }
        return all;
    }

    /** Words of closed spurts of the last {@value #KEEP_SECONDS} s. */
    List<Word> words() {
        return List.copyOf(words);
    }

    /** Samples {@code [from, to)} of this channel, as far as they are still held. */
    short[] samples(long from, long to) {
        return ring.copy(from, to);
    }

    long samplesReceived() {
        return ring.end();
    }

    void close() {
        recogniser.close();
    }
}
