package org.earshot.speech.transcribe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.earshot.speech.AnalysisReport.Word;

/**
 * Reads the words out of a Vosk result ({@code {"result": [{"conf", "start", "end", "word"}], "text"}}).
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
        JsonNode result = JSON.readTree(json).path(field);
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

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
