package org.earshot.speech.transcribe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.earshot.speech.AnalysisReport.Word;

/**
 * Reads the words out of a Vosk result ({@code {"result": [{"conf", "start", "end", "word"}], "text"}}),
 * or out of the best of its alternatives ({@code {"alternatives": [{"confidence", "result", "text"}]}}), and
 * writes the grammar a recogniser is limited to.
 */
final class VoskJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What Kaldi graphs emit for out-of-vocabulary speech: not a word anyone said. */
    private static final String UNKNOWN = "[unk]";

    private VoskJson() {
    }

    /** The result's words, their times shifted by {@code offsetSeconds}. */
    static List<Word> words(String json, double offsetSeconds) throws IOException {
        return words(json, "result", offsetSeconds);
    }

    /** The words of a result's {@code field}: "result", or "partial_result" of a partial one. */
    static List<Word> words(String json, String field, double offsetSeconds) throws IOException {
        return words(JSON.readTree(json).path(field), offsetSeconds);
    }

    private static List<Word> words(JsonNode result, double offsetSeconds) {
        List<Word> words = new ArrayList<>();
        for (JsonNode w : result) {
            String word = w.path("word").asText("");
            if (word.isBlank() || word.equals(UNKNOWN)) {
                continue;
            }
            words.add(new Word(word,
                    round(offsetSeconds + w.path("start").asDouble(), 100),
                    round(offsetSeconds + w.path("end").asDouble(), 100),
                    round(w.path("conf").asDouble(1.0), 1000)));
        }
        return words;
    }

    /** The best path of a result with alternatives: its words (shifted by {@code offsetSeconds}) and log-likelihood. */
    record BestPath(List<Word> words, double logLikelihood) {
    }

    /**
     * The first alternative of a recogniser set to one alternative: Vosk's "confidence" there is the
     * path's log-likelihood, minus its graph and acoustic costs (not a 0–1 confidence), and its words
     * carry no "conf".
     */
    static BestPath bestPath(String json, double offsetSeconds) throws IOException {
        JsonNode best = JSON.readTree(json).path("alternatives").path(0);
        return new BestPath(words(best.path("result"), offsetSeconds), best.path("confidence").asDouble(0));
    }

    /** A Vosk grammar: the JSON list of the phrases a recogniser may hear. */
    static String grammar(List<String> phrases) {
        try {
            return JSON.writeValueAsString(phrases);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the grammar " + phrases + " as JSON", e);
        }
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
