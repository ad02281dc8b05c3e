package org.earshot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.earshot.search.Calls.add;
import static org.earshot.search.Calls.call;
import static org.earshot.search.Calls.dialogue;
import static org.earshot.search.Calls.query;
import static org.earshot.search.Calls.says;

import java.util.List;
import org.earshot.search.SearchResult.Hit;
import org.earshot.search.SearchResult.Snippet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Proximity, prefix and fuzzy words: that they find the right calls and snippet where they matched. */
class QueryTextTest {

    private final TranscriptIndex index = TranscriptIndex.inMemory();

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private List<String> ids(String text) throws Exception {
        return index.search(query(text)).hits().stream().map(Hit::id).toList();
    }

    @Test
    void proximityFindsWordsWithinTheSlopInEitherOrder() throws Exception {
        add(index,
                call("near", says("customer", 0, "a refund for that wrong charge")),
                call("reversed", says("customer", 0, "the charge needs a refund")),
                call("far", says("customer", 0, "refund one two three four five six seven charge")));

        assertThat(ids("\"refund charge\"~5")).containsExactlyInAnyOrder("near", "reversed");
        assertThat(ids("\"refund charge\"")).isEmpty();
    }

    @Test
    void proximitySnippetIsTimedAtTheNearWordsAndHighlightsOnlyThem() throws Exception {
        add(index, call("c1", says("customer", 0,
                "refund me one two three four five six seven eight nine ten the refund for this charge")));

        List<Snippet> snippets = index.search(query("\"refund charge\"~3")).hits().get(0).snippets();

        // The lone first "refund" is not near a "charge": the snippet is where both were said.
        assertThat(snippets).containsExactly(new Snippet("customer", 6.5, // the 14th word, half a second apart
                "seven eight nine ten the <em>refund</em> for this <em>charge</em>"));
    }

    @Test
    void proximityDoesNotSpanTwoParties() throws Exception {
        add(index, call("c1", dialogue(says("customer", 0, "refund"), says("agent", 1, "charge"))));

        assertThat(ids("\"refund charge\"~5")).isEmpty();
    }

    @Test
    void prefixFindsEveryWordStartingSoAndHighlightsEach() throws Exception {
        add(index, call("c1", says("customer", 0, "cancel cancelled cancellation canal")));

        assertThat(index.search(query("cancel*")).hits().get(0).snippets()).containsExactly(
                new Snippet("customer", 0.0, "<em>cancel</em> <em>cancelled</em> <em>cancellation</em> canal"));
    }

    @Test
    void fuzzyWordFindsAMisspellingAndSnippetsTheWordSaid() throws Exception {
        add(index,
                call("c1", says("customer", 4, "i need my refund today")),
                call("c2", says("customer", 0, "i need my router today")));

        SearchResult result = index.search(query("refnd~"));

        assertThat(result.hits()).extracting(Hit::id).containsExactly("c1");
        assertThat(result.hits().get(0).snippets()).containsExactly(
                new Snippet("customer", 5.5, "i need my <em>refund</em> today"));
    }

    @Test
    void scopedPrefixLooksInThatPartyOnly() throws Exception {
        add(index,
                call("agentSaidIt", dialogue(says("customer", 0, "hello"), says("agent", 1, "cancelling now"))),
                call("customerSaidIt", dialogue(says("customer", 0, "cancelling now"), says("agent", 1, "ok"))));

        assertThat(ids("customer:cancel*")).containsExactly("customerSaidIt");
    }

    @Test
    void otherPartyWordsAreFoundWithTextPrefix() throws Exception {
        add(index, call("mono", says("mixed", 0, "please cancel")));

        assertThat(ids("text:cancel")).containsExactly("mono");
        assertThat(ids("text:\"please cancel\"")).containsExactly("mono");
    }
}
