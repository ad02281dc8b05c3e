package org.earshot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/** The snippet builder's shortcut past the analyzer gives the analyzer's own token, or steps aside. */
class SnippetTokensTest {

    private static List<String> analysed(String word) throws Exception {
        List<String> tokens = new ArrayList<>();
        try (var stream = Fields.analyzer().tokenStream(Fields.CUSTOMER, word)) {
            var term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        }
        return tokens;
    }

    @Test
    void plainWordsGetExactlyTheAnalyzersToken() throws Exception {
        for (String word : List.of("refund", "Refund", "REFUND", "can't", "I'm", "rock'n'roll", "abc123", "2026", "a")) {
            assertThat(Snippets.plainToken(word).utf8ToString()).as(word).isEqualTo(String.join("|", analysed(word)));
        }
    }

    @Test
    void wordsTheAnalyzerMightSplitOrChangeAreLeftToIt() {
        for (String word : List.of("e-mail", "'tis", "x'", "9'5", "café", "U.S.", "<b>", "")) {
            assertThat(Snippets.plainToken(word)).as(word).isNull();
        }
    }
}
