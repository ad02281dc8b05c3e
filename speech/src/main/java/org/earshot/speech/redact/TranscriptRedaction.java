package org.earshot.speech.redact;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.speech.AnalysisReport.Redaction;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.transcribe.HeardDigits;
import org.earshot.speech.vad.Spurt;

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
        return apply(transcript, findings, durationSeconds);
    }

    /**
     * As {@link #redact(List, List, double)}, and the spurts in which the first pass may have misheard
     * digits or their cues are heard again by {@code ears} ({@link SecondListen}); the same rules read
     * what that hears too. {@code speech} holds each party's spurts (every party that spoke, in channel order).
     */
    public static Result redact(List<TranscriptSegment> transcript, Map<String, List<Spurt>> speech,
                                List<Finding> keypad, double durationSeconds, SecondListen.Ears ears)
            throws IOException {
        Map<String, List<Word>> firstPass = new LinkedHashMap<>();
        Map<String, List<Spurt>> doubtful = new LinkedHashMap<>();
        List<Word> everyone = transcript.stream().flatMap(s -> s.words().stream())
                .sorted(Comparator.comparingDouble(Word::start)).toList();
        speech.forEach((party, spurts) -> {
            firstPass.put(party, wordsOf(transcript, party, true));
            doubtful.put(party, SecondListen.doubtful(spurts, firstPass.get(party), everyone));
        });
        SecondListen.Heard heard = SecondListen.Heard.NOTHING;
        if (doubtful.values().stream().anyMatch(s -> !s.isEmpty())) {
            heard = ears.hear(doubtful, SecondListen.forCues(speech, doubtful));
        }
        Map<String, List<Word>> views = views(firstPass, heard);
        List<Finding> spoken = spoken(firstPass, views, heard);
        // a payment goes on after the card number or a cue heard only now, in words the first pass may
        // not have found doubtful
        Map<String, List<Spurt>> more = SecondListen.moreToHear(speech, doubtful, spoken, all(views));
        if (more.values().stream().anyMatch(s -> !s.isEmpty())) {
            heard = heard.and(ears.hear(more, Map.of()));
            views = views(firstPass, heard);
            spoken = spoken(firstPass, views, heard);
        }
        List<Finding> findings = new ArrayList<>(keypad);
        findings.addAll(spoken);
        return apply(transcript, findings, durationSeconds);
    }

    /** Each party's words as the rules read them after the second listen ({@link SecondListen#view}). */
    private static Map<String, List<Word>> views(Map<String, List<Word>> firstPass, SecondListen.Heard heard) {
        Map<String, List<Word>> views = new LinkedHashMap<>();
        firstPass.forEach((party, words) -> views.put(party, SecondListen.view(words,
                heard.digits().getOrDefault(party, List.of()), heard.cues().getOrDefault(party, List.of()))));
        return views;
    }

    private static List<Word> all(Map<String, List<Word>> words) {
        return words.values().stream().flatMap(List::stream).sorted(Comparator.comparingDouble(Word::start)).toList();
    }

    /** Each party's spoken card data in its first-pass words, and in what the second listen heard. */
    private static List<Finding> spoken(Map<String, List<Word>> firstPass, Map<String, List<Word>> views,
                                        SecondListen.Heard heard) {
        List<Word> everyone = all(views);
        List<Finding> findings = new ArrayList<>();
        for (String party : firstPass.keySet()) {
            List<HeardDigits> digits = heard.digits().getOrDefault(party, List.of());
            List<Finding> found = new ArrayList<>(SpokenCardData.find(party, firstPass.get(party), others(firstPass, party)));
            found.addAll(SpokenCardData.digitRuns(party, views.get(party), others(views, party)));
            found = new ArrayList<>(SecondListen.widen(SpokenCardData.merge(found), digits));
            found.addAll(SecondListen.answers(party, found, digits, everyone));
            findings.addAll(SpokenCardData.merge(found));
        }
        return findings;
    }

    /** Every party's words but {@code party}'s, in time order. */
    private static List<Word> others(Map<String, List<Word>> words, String party) {
        return words.entrySet().stream().filter(e -> !e.getKey().equals(party)).flatMap(e -> e.getValue().stream())
                .sorted(Comparator.comparingDouble(Word::start)).toList();
    }

    private static Result apply(List<TranscriptSegment> transcript, List<Finding> found, double durationSeconds) {
        List<Finding> findings = new ArrayList<>(found);
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
