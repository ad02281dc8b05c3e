package org.earshot.server.qa;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.earshot.speech.AnalysisReport;

/** The agent's recognised words in time order, searched for phrases as runs of consecutive words. */
final class AgentWords {

    /** A phrase the agent said and when its first word started. */
    record Said(String phrase, double at) {
    }

    private final List<AnalysisReport.Word> words;
    private final String[] normalised;

    private AgentWords(List<AnalysisReport.Word> words) {
        this.words = words;
        this.normalised = words.stream().map(w -> normalise(w.word())).toArray(String[]::new);
    }

    /** Why the agent's words cannot be read from this report, or empty when they can. */
    static Optional<String> whyNot(AnalysisReport report) {
        if (report.transcript() == null || report.transcript().isEmpty()) {
            return Optional.of("no transcript");
        }
        if (report.channels() == null || !report.channels().containsValue("agent")) {
            return Optional.of("no agent channel (mono recording)");
        }
        return Optional.empty();
    }

    static AgentWords of(AnalysisReport report) {
        List<AnalysisReport.Word> words = new ArrayList<>();
        for (AnalysisReport.TranscriptSegment segment : report.transcript()) {
            if ("agent".equals(segment.party()) && segment.words() != null) {
                words.addAll(segment.words());
            }
        }
        // Vosk's pause bridging can split one utterance across segments: a phrase may run across them.
        words.sort(Comparator.comparingDouble(AnalysisReport.Word::start));
        return new AgentWords(words.stream().filter(w -> !normalise(w.word()).isEmpty()).toList());
    }

    /** The earliest occurrence of any of the phrases (case and punctuation ignored). */
    Optional<Said> first(List<String> phrases) {
        Said best = null;
        for (String phrase : phrases) {
            String[] tokens = tokens(phrase);
            for (int i = 0; i + tokens.length <= normalised.length; i++) {
                if (best != null && words.get(i).start() >= best.at()) {
                    break;
                }
                if (matchesAt(tokens, i)) {
                    best = new Said(phrase, words.get(i).start());
                    break;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private boolean matchesAt(String[] tokens, int from) {
        for (int j = 0; j < tokens.length; j++) {
            if (!tokens[j].equals(normalised[from + j])) {
                return false;
            }
        }
        return true;
    }

    /** A phrase as the normalised words to look for. */
    static String[] tokens(String phrase) {
        return java.util.Arrays.stream(phrase.trim().split("\\s+")).map(AgentWords::normalise)
                .filter(t -> !t.isEmpty()).toArray(String[]::new);
    }

    /** Lower case without punctuation; apostrophes stay so "don't" is one word, as the recogniser writes it. */
    private static String normalise(String word) {
        return word == null ? "" : word.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}']", "");
    }
}
