package org.earshot.speech.redact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.earshot.speech.AnalysisReport.Redaction;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;

/**
 * Takes card data out of a transcript: each party's words inside one of its findings become one
 * marker word per segment ("[card number]"), and the segment's text is rebuilt from its words. The
 * spans to silence in the audio are the findings padded by {@value #PAD_SECONDS} s, because word
 * times from the recogniser are only good to a frame or two and a digit's sound starts before its
 * word's time does.
 */
public final class TranscriptRedaction {

    static final double PAD_SECONDS = 0.5;

    private TranscriptRedaction() {
    }

    /** The transcript with the findings' words replaced, and the spans to report and silence. */
    public record Result(List<TranscriptSegment> transcript, List<Redaction> redactions) {
        public Result {
            transcript = List.copyOf(transcript);
            redactions = List.copyOf(redactions);
        }
    }

    /**
     * Every party's spoken card data in {@code transcript} (see {@link SpokenCardData}), plus
     * {@code keypad} spans found elsewhere (tones in the audio, the PBX's keypad events).
     */
    public static Result redact(List<TranscriptSegment> transcript, List<Finding> keypad, double durationSeconds) {
        List<Finding> findings = new ArrayList<>(keypad);
        transcript.stream().map(TranscriptSegment::party).distinct().forEach(party -> findings.addAll(
                SpokenCardData.find(party, wordsOf(transcript, party, true), wordsOf(transcript, party, false))));
        findings.sort(Comparator.comparingDouble(Finding::start));
        List<TranscriptSegment> out = transcript.stream().map(s -> redact(s, findings)).toList();
        List<Redaction> spans = findings.stream().map(f -> new Redaction(f.party(), f.kind(),
                round(Math.max(0, f.start() - PAD_SECONDS)), round(Math.min(durationSeconds, f.end() + PAD_SECONDS))))
                .toList();
        return new Result(out, spans);
    }

    /** The words of {@code party} (or, with {@code of} false, of everyone else), in time order. */
    private static List<Word> wordsOf(List<TranscriptSegment> transcript, String party, boolean of) {
        return transcript.stream().filter(s -> s.party().equals(party) == of).flatMap(s -> s.words().stream())
                .sorted(Comparator.comparingDouble(Word::start)).toList();
    }

    private static TranscriptSegment redact(TranscriptSegment segment, List<Finding> findings) {
        List<Word> words = new ArrayList<>();
        Finding open = null; // the finding whose marker is the last word so far
        boolean changed = false;
        for (Word w : segment.words()) {
            Finding f = covering(segment.party(), w, findings);
            if (f == null) {
                words.add(w);
                open = null;
                continue;
            }
            changed = true;
            if (f == open) {
                Word marker = words.remove(words.size() - 1);
                words.add(new Word(marker.word(), marker.start(), w.end(), 1.0));
            } else {
                words.add(new Word(f.marker(), w.start(), w.end(), 1.0));
                open = f;
            }
        }
        if (!changed) {
            return segment;
        }
        String text = String.join(" ", words.stream().map(Word::word).toList());
        return new TranscriptSegment(segment.party(), segment.start(), segment.end(), text, List.copyOf(words));
    }

    /**
     * The party's finding that holds the word: its middle inside a spoken finding (whose span is its
     * words'), any overlap with a keypad span (tones have no words of their own, only what a
     * recogniser made of them).
     */
    private static Finding covering(String party, Word w, List<Finding> findings) {
        double mid = (w.start() + w.end()) / 2;
        for (Finding f : findings) {
            if (!f.party().equals(party)) {
                continue;
            }
            boolean keypad = f.kind().equals(Finding.KEYPAD_DIGITS);
            if (keypad ? w.start() < f.end() && w.end() > f.start() : mid >= f.start() && mid <= f.end()) {
                return f;
            }
        }
        return null;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }
}
