package org.earshot.speech.transcribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.earshot.speech.AnalysisReport.Word;
import org.junit.jupiter.api.Test;

class VoskJsonTest {

    @Test
    void theBestAlternativeGivesItsWordsOnTheRecordingsClockAndItsLogLikelihood() throws IOException {
        // as libvosk 0.3.45 writes a result with one alternative and words (pretty-printed, no "conf")
        String json = """
                {
                  "alternatives" : [{
                      "confidence" : 38.688484,
                      "result" : [{
                          "end" : 2.910000,
                          "start" : 2.400000,
                          "word" : "three"
                        }],
                      "text" : "three"
                    }]
                }""";
        VoskJson.BestPath best = VoskJson.bestPath(json, 10.0);
        assertThat(best.words()).containsExactly(new Word("three", 12.4, 12.91, 1.0));
        assertThat(best.logLikelihood()).isEqualTo(38.688484);
    }

    @Test
    void anEmptyResultHasNoWords() throws IOException {
        VoskJson.BestPath best = VoskJson.bestPath("{\"alternatives\" : [{\"text\": \"\", \"confidence\" : 1.0}] }", 0);
        assertThat(best.words()).isEmpty();
    }

    @Test
    void theGrammarIsAJsonListOfPhrases() {
        assertThat(VoskJson.grammar(List.of("card number", "[unk]"))).isEqualTo("[\"card number\",\"[unk]\"]");
    }
}
