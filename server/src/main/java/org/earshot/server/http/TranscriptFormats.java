package org.earshot.server.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;

/**
 * A call's transcript as plain text ("[mm:ss] Customer: text", one line per utterance) and as WebVTT with
 * each party as a voice ({@code <v Customer>}), cue times taken from the recogniser's word timing.
 */
final class TranscriptFormats {

    // Subtitle practice (e.g. the BBC's guidelines) keeps a cue on screen a few seconds: a long talk spurt is
    // cut into cues of at most this long or this many words, at word boundaries.
    static final double LONGEST_CUE_SECONDS = 7.0;
    static final int MOST_WORDS_PER_CUE = 16;

    private TranscriptFormats() {
    }

    /** The segments in time order (the report keeps them so; sorted again so no output depends on it). */
    static List<TranscriptSegment> inOrder(List<TranscriptSegment> transcript) {
        List<TranscriptSegment> sorted = new ArrayList<>(transcript == null ? List.of() : transcript);
        sorted.sort(Comparator.comparingDouble(TranscriptSegment::start));
        return sorted;
    }

    /** One line per utterance, "[mm:ss] Party: text" ("[h:mm:ss]" from an hour on), each ending in a line feed. */
    static String text(List<TranscriptSegment> transcript) {
        StringBuilder out = new StringBuilder();
        for (TranscriptSegment segment : inOrder(transcript)) {
            String said = said(segment);
            if (said.isEmpty()) {
                continue;
            }
            out.append('[').append(clock(segment.start())).append("] ").append(party(segment.party())).append(": ")
                    .append(said).append('\n');
        }
        return out.toString();
    }

    /** WebVTT (W3C): the header, then numbered cues "HH:MM:SS.mmm --> HH:MM:SS.mmm" with the text in a voice span. */
    static String vtt(List<TranscriptSegment> transcript) {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        int number = 0;
        for (TranscriptSegment segment : inOrder(transcript)) {
            for (Cue cue : cues(segment)) {
                out.append('\n').append(++number).append('\n')
                        .append(timestamp(cue.start())).append(" --> ").append(timestamp(cue.end())).append('\n')
                        .append("<v ").append(party(segment.party())).append('>').append(escape(cue.text())).append('\n');
            }
        }
        return out.toString();
    }

    private record Cue(double start, double end, String text) {
    }

    /** The segment's words in cues of bounded length; a segment without word timing is one cue over its span. */
    private static List<Cue> cues(TranscriptSegment segment) {
        List<Word> words = segment.words() == null ? List.of() : segment.words();
        if (words.isEmpty()) {
            String said = said(segment);
            return said.isEmpty() ? List.of() : List.of(new Cue(segment.start(), end(segment.start(), segment.end()), said));
        }
        List<Cue> cues = new ArrayList<>();
        int first = 0;
        for (int i = 1; i <= words.size(); i++) {
            boolean full = i == words.size() || i - first >= MOST_WORDS_PER_CUE
                    || words.get(i).end() - words.get(first).start() > LONGEST_CUE_SECONDS;
            if (full) {
                List<Word> part = words.subList(first, i);
                cues.add(new Cue(part.get(0).start(), end(part.get(0).start(), part.get(part.size() - 1).end()),
                        String.join(" ", part.stream().map(Word::word).toList())));
                first = i;
            }
        }
        return cues;
    }

    /** A cue's end must be after its start (WebVTT); a zero-length word still shows for a moment. */
    private static double end(double start, double end) {
        return end > start ? end : start + 0.001;
    }

    private static String said(TranscriptSegment segment) {
        if (segment.text() != null && !segment.text().isBlank()) {
            return oneLine(segment.text());
        }
        List<Word> words = segment.words() == null ? List.of() : segment.words();
        return oneLine(String.join(" ", words.stream().map(Word::word).toList()));
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** "Customer", "Agent"; a mono recording's "mixed" is both parties. */
    static String party(String key) {
        if (key == null || key.isBlank()) {
            return "Speaker";
        }
        if (key.equals("mixed")) {
            return "Both";
        }
        // A voice name ends at '>' and holds no line break: keep it to letters, digits and a few marks.
        String safe = key.replaceAll("[^\\p{L}\\p{N} _.-]", "");
        return safe.isEmpty() ? "Speaker" : safe.substring(0, 1).toUpperCase(Locale.ROOT) + safe.substring(1);
    }

    /** mm:ss, or h:mm:ss from an hour on, rounded down to the second the utterance starts in. */
    static String clock(double seconds) {
        long s = (long) Math.floor(Math.max(0, seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    /** WebVTT's HH:MM:SS.mmm. */
    static String timestamp(double seconds) {
        long ms = Math.round(Math.max(0, seconds) * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    /** Cue text may not hold '&' or '<' raw (nor "-->"): written as character references. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
