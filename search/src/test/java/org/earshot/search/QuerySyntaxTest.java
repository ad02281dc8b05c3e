package org.earshot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.earshot.search.Calls.add;
import static org.earshot.search.Calls.call;
import static org.earshot.search.Calls.query;
import static org.earshot.search.Calls.says;

import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Query text that must be refused with a one-line message that says where. */
class QuerySyntaxTest {

    private final TranscriptIndex index = TranscriptIndex.inMemory();

    @BeforeEach
    void oneCall() throws IOException {
        add(index, call("c1", says("customer", 0, "i want to cancel")));
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    private void refused(String text, String message) {
        assertThatThrownBy(() -> index.search(query(text)))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void unclosedQuoteIsRefusedAtTheQuotesColumn() {
        refused("cancel \"unclosed", "unclosed quote at column 8: end the phrase with \"");
    }

    @Test
    void unclosedParenthesisIsRefusedAtTheEnd() {
        refused("(a OR", "query ends too soon at column 6: a word, a closing parenthesis or a closing quote is missing");
    }

    @Test
    void strayOperatorIsRefusedAtItsColumn() {
        refused("cancel AND OR want", "unexpected 'OR' at column 12");
    }

    @Test
    void trailingBackslashIsRefusedAtItsColumn() {
        refused("cancel \\", "the \\ at column 8 escapes nothing: remove it, or write \\\\ for a backslash");
    }

    @Test
    void unknownFieldIsRefusedByNameAndColumn() {
        refused("cancel AND queue:sales", "unknown field 'queue' at column 12: use customer:, agent: or redacted:");
    }

    @Test
    void redactedTakesOnlyTheKindsOfCardData() {
        refused("redacted:visa", "redacted: takes one of card, code, expiry, keypad, was 'visa' at column 1");
        refused("redacted:ca*", "redacted: takes one word, one of card, code, expiry, keypad at column 1");
    }

    @Test
    void leadingWildcardIsRefused() {
        refused("customer:*cel", "a word cannot start with * or ? (at column 10): put at least one letter before it");
    }

    @Test
    void regularExpressionIsRefused() {
        refused("/canc.*/", "regular expressions are not supported (at column 1): put a \\ before /");
    }

    @Test
    void overlongQueryIsRefused() {
        refused("a ".repeat(501), "query is 1002 characters long: at most 1000 are allowed");
    }

    @Test
    void parenthesesNestedMoreThanTwentyDeepAreRefusedWhereTheyGoTooDeep() {
        refused("(".repeat(21) + "cancel" + ")".repeat(21),
                "parentheses nest more than 20 levels deep at column 21");
    }

    @Test
    void parenthesesNestedTwentyDeepAreFine() throws Exception {
        assertThat(index.search(query("(".repeat(20) + "cancel" + ")".repeat(20))).total()).isEqualTo(1);
    }

    @Test
    void parenthesesInsideAPhraseDoNotCountAsNesting() throws Exception {
        assertThat(index.search(query("\"" + "(".repeat(30) + "cancel\"")).total()).isEqualTo(1);
    }

    @Test
    void moreThanAHundredWordsAreRefused() {
        refused("cancel ".repeat(101), "query has more than 100 words and phrases: search for fewer");
    }

    @Test
    void moreThanTenWildcardOrFuzzyWordsAreRefusedAtTheEleventh() {
        refused("ca* OR ".repeat(10) + "want~",
                "query has more than 10 words with *, ? or ~ (at column 71): each one is looked up in the whole index");
    }

    @Test
    void wordRangesAreRefused() {
        refused("cancel AND [a TO z]", "ranges of words are not supported (at column 12): "
                + "for numbers use the minDuration, maxWait, ... or where= parameters");
    }

    @Test
    void leadingWildcardInTheMiddleOfAQueryIsRefused() {
        refused("want AND ?ancel", "a word cannot start with * or ? (at column 10): put at least one letter before it");
    }

    @Test
    void wildcardTooComplexToCompileIsRefused() {
        refused("c" + "*a?".repeat(300), "a wildcard or fuzzy word is too complex: use fewer * and ?");
    }

    @Test
    void negativeSlopIsRefusedNamingThePhrase() {
        refused("\"refund charge\"~-3", "the slop after \"refund charge\" must be 0 or more, was -3");
    }

    @Test
    void slopThatIsNotAWholeNumberIsRefusedNamingThePhrase() {
        refused("\"refund charge\"~2.5", "the slop after \"refund charge\" must be a whole number 0 or more, was 2.5");
        refused("\"refund charge\"~abc", "the slop after \"refund charge\" must be a whole number 0 or more, was abc");
    }

    @Test
    void negativeEditDistanceIsRefusedNamingTheWord() {
        refused("cancel~-1", "the edit distance after 'cancel' must be 0, 1 or 2, was -1");
    }

    @Test
    void editDistanceAboveTwoIsRefusedRatherThanQuietlyLowered() {
        refused("customer:cancel~3", "the edit distance after 'cancel' must be 0, 1 or 2, was 3");
    }

    @Test
    void fractionalOrNonNumericEditDistanceIsRefused() {
        refused("cancel~1.5", "the edit distance after 'cancel' must be 0, 1 or 2, was 1.5");
        refused("cancel~0.8", "the edit distance after 'cancel' must be 0, 1 or 2, was 0.8");
        refused("want AND cancel^2~x", "the edit distance after 'cancel' must be 0, 1 or 2, was x");
    }

    @Test
    void negativeBoostIsRefusedNamingTheWord() {
        refused("cancel^-2", "the boost after 'cancel' must be a number 0 or more, was -2");
        refused("(want OR cancel)^x", "the boost after the group closed at column 16 must be a number 0 or more, was x");
    }

    @Test
    void boostTooLargeForLuceneIsRefusedNamingTheWord() {
        refused("\"want to\"^" + "9".repeat(40), "the boost after \"want to\" is too large, was 99999999999999999999...");
    }

    @Test
    void wellFormedSlopsEditsAndBoostsAreAccepted() throws Exception {
        for (String text : new String[] {"\"want cancel\"~1", "\"want to\"~", "cancel~", "cancel~0", "cancl~1",
                "cancel^2", "cancel^0.5~2", "\"want to\"^3", "(want OR nothing)^2"}) {
            assertThat(index.search(query(text)).total()).as(text).isEqualTo(1);
        }
    }

    @Test
    void anIllegalArgumentFromLuceneWhileBuildingTheQueryIsASyntaxError() {
        // Stands for any value Lucene refuses that the checks before the parser do not know of yet.
        Analyzer refusing = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                throw new IllegalArgumentException("no tokens today");
            }
        };

        assertThatThrownBy(() -> TextQueries.parse("cancel", null, refusing))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessage("cannot search for 'cancel': no tokens today")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textAndPartyFieldsAreAccepted() throws Exception {
        assertThat(index.search(query("text:cancel AND customer:want AND NOT agent:cancel")).total()).isEqualTo(1);
    }

    @Test
    void fieldNamesForgiveCase() throws Exception {
        assertThat(index.search(query("Customer:cancel")).total()).isEqualTo(1);
    }

    @Test
    void escapedQuoteIsNotAnUnclosedPhrase() throws Exception {
        assertThat(index.search(query("cancel \\\"")).total()).isEqualTo(1);
    }
}
