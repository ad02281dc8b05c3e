package org.earshot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.earshot.search.Calls.add;
import static org.earshot.search.Calls.call;
import static org.earshot.search.Calls.dialogue;
import static org.earshot.search.Calls.query;
import static org.earshot.search.Calls.says;

import java.io.IOException;
import java.util.List;
import org.earshot.search.CallDocument.TimedWord;
import org.earshot.search.SearchResult.Hit;
import org.earshot.search.SearchResult.Snippet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TranscriptIndexTest {

    private final TranscriptIndex index = TranscriptIndex.inMemory();

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    private List<String> ids(String text) throws Exception {
        return index.search(query(text)).hits().stream().map(Hit::id).toList();
    }

    @Test
    void wordIsFoundAndItsSnippetIsTimedAtTheWordsStart() throws Exception {
        add(index, call("c1", List.of(
                new TimedWord("customer", "i", 10.02),
                new TimedWord("customer", "want", 10.5),
                new TimedWord("customer", "a", 11.0),
                new TimedWord("customer", "refund", 12.34),
                new TimedWord("customer", "please", 13.1))));

        SearchResult result = index.search(query("refund"));

        assertThat(result.total()).isEqualTo(1);
        assertThat(result.hits().get(0).id()).isEqualTo("c1");
        assertThat(result.hits().get(0).snippets())
                .containsExactly(new Snippet("customer", 12.34, "i want a <em>refund</em> please"));
    }

    @Test
    void matchingIgnoresCase() throws Exception {
        add(index, call("c1", says("customer", 0, "Refund NOW")));

        assertThat(ids("REFUND")).containsExactly("c1");
        assertThat(index.search(query("refund")).hits().get(0).snippets().get(0).text())
                .isEqualTo("<em>Refund</em> NOW");
    }

    @Test
    void phraseMatchesOnlyWordsInThatOrderAndIsTimedAtItsFirstWord() throws Exception {
        add(index, call("inOrder", says("customer", 3.0, "hello i want to cancel my plan")));
        add(index, call("shuffled", says("customer", 3.0, "cancel to want i my plan")));

        SearchResult result = index.search(query("\"want to cancel\""));

        assertThat(result.hits()).extracting(Hit::id).containsExactly("inOrder");
        assertThat(result.hits().get(0).snippets()).containsExactly(
                new Snippet("customer", 4.0, "hello i <em>want</em> <em>to</em> <em>cancel</em> my plan"));
    }

    @Test
    void phraseDoesNotSpanTwoParties() throws Exception {
        add(index, call("c1", dialogue(
                says("customer", 0, "i want"),
                says("agent", 1, "to cancel"))));

        assertThat(ids("\"want to cancel\"")).isEmpty();
        assertThat(ids("want cancel")).containsExactly("c1");
    }

    @Test
    void customerScopingDoesNotMatchAgentWords() throws Exception {
        add(index, call("agentSaidIt", dialogue(
                says("customer", 0, "hello"),
                says("agent", 1, "would you like to cancel"))));
        add(index, call("customerSaidIt", dialogue(
                says("customer", 0, "i will cancel"),
                says("agent", 2, "sorry to hear"))));

        assertThat(ids("customer:cancel")).containsExactly("customerSaidIt");
        assertThat(ids("agent:cancel")).containsExactly("agentSaidIt");
        assertThat(ids("cancel")).containsExactlyInAnyOrder("agentSaidIt", "customerSaidIt");
    }

    @Test
    void scopedSnippetComesFromThatPartyOnly() throws Exception {
        add(index, call("c1", dialogue(
                says("agent", 0, "you can cancel online"),
                says("customer", 5, "no i want to cancel now"))));

        List<Snippet> snippets = index.search(query("customer:cancel")).hits().get(0).snippets();

        assertThat(snippets).extracting(Snippet::party, Snippet::time).containsExactly(
                tuple("customer", 7.0));
    }

    @Test
    void wordsAreCombinedWithAndByDefault() throws Exception {
        add(index, call("both", says("customer", 0, "refund and cancel")));
        add(index, call("refundOnly", says("customer", 0, "refund please")));

        assertThat(ids("refund cancel")).containsExactly("both");
    }

    @Test
    void andOrNotCombineWords() throws Exception {
        add(index, call("refund", says("customer", 0, "i want a refund")));
        add(index, call("cancel", says("customer", 0, "i want to cancel")));
        add(index, call("both", says("customer", 0, "refund or cancel")));

        assertThat(ids("refund AND cancel")).containsExactly("both");
        assertThat(ids("refund OR cancel")).containsExactlyInAnyOrder("refund", "cancel", "both");
        assertThat(ids("refund NOT cancel")).containsExactly("refund");
        assertThat(ids("want AND NOT (refund OR cancel)")).isEmpty();
    }

    @Test
    void negatedWordsAreNotHighlighted() throws Exception {
        add(index, call("c1", says("customer", 0, "refund please")));

        assertThat(index.search(query("please NOT cancel")).hits().get(0).snippets())
                .containsExactly(new Snippet("customer", 0.5, "refund <em>please</em>"));
    }

    @Test
    void prefixWordMatchesAndIsHighlighted() throws Exception {
        add(index, call("c1", says("customer", 0, "i cancelled it")));

        assertThat(index.search(query("cancel*")).hits().get(0).snippets())
                .containsExactly(new Snippet("customer", 0.5, "i <em>cancelled</em> it"));
    }

    @Test
    void misspelledWordFoundByFuzzySearchIsHighlighted() throws Exception {
        add(index, call("c1", says("agent", 0, "your supervisor is here")));

        assertThat(index.search(query("supervisr~")).hits().get(0).snippets())
                .containsExactly(new Snippet("agent", 0.5, "your <em>supervisor</em> is here"));
    }

    @Test
    void durationFilterIncludesItsBoundsAndExcludesCallsOutside() throws Exception {
        for (double duration : new double[] {29.9, 30.0, 45.0, 60.0, 60.1}) {
            add(index, call("d" + duration, Calls.T0, duration, says("customer", 0, "hello")));
        }

        var result = index.search(new CallQuery("hello", 30.0, 60.0, 0, 20));

        assertThat(result.hits()).extracting(Hit::id).containsExactlyInAnyOrder("d30.0", "d45.0", "d60.0");
        assertThat(result.total()).isEqualTo(3);
        assertThat(index.search(new CallQuery(null, 45.0, null, 0, 20)).hits())
                .extracting(Hit::id).containsExactlyInAnyOrder("d45.0", "d60.0", "d60.1");
    }

    @Test
    void reindexingTheSameCallReplacesIt() throws Exception {
        add(index, call("c1", List.of()));
        add(index, call("c1", says("customer", 0, "my bill is wrong")));
        assertThat(index.count()).isEqualTo(1);
        assertThat(ids("bill")).containsExactly("c1");

        add(index, call("c1", says("customer", 0, "my router is broken")));

        assertThat(index.count()).isEqualTo(1);
        assertThat(ids("router")).containsExactly("c1");
        assertThat(ids("bill")).isEmpty();
    }

    @Test
    void withQueryTextTheBetterMatchComesFirstEvenWhenOlder() throws Exception {
        add(index, call("both", Calls.T0, 60, says("customer", 0, "refund and cancel today")));
        add(index, call("one", Calls.T0.plusSeconds(3600), 60, says("customer", 0, "refund and nothing today")));

        assertThat(ids("refund OR cancel")).containsExactly("both", "one");
    }

    @Test
    void deletedCallIsNoLongerFound() throws Exception {
        add(index, call("c1", says("customer", 0, "hello")));

        index.delete("c1");

        assertThat(index.count()).isZero();
        assertThat(ids("hello")).isEmpty();
    }

    @Test
    void callsDeletedInABatchAreGoneOnceRefreshedAndTheOthersStay() throws Exception {
        add(index, call("c1", says("customer", 0, "hello")));
        add(index, call("c2", says("customer", 0, "hello")));
        add(index, call("c3", says("customer", 0, "hello")));

        index.deleteAll(List.of("c1", "c3", "never-indexed"));
        index.commit();
        index.refresh();

        assertThat(ids("hello")).containsExactly("c2");
    }

    @Test
    void theCallsTheIndexHoldsBeyondTheStoresAreNamed() throws Exception {
        add(index, call("c1", says("customer", 0, "hello")));
        add(index, call("c2", says("customer", 0, "hello")));
        add(index, call("c3", says("customer", 0, "hello")));
        index.delete("c3");

        assertThat(index.extraOf(List.of("c1", "c4"))).containsExactly("c2");
    }

    @Test
    void theCallerNumberRuleIsTheOneCallerSearchesUse() {
        assertThat(CallQuery.callerNumber("+1 (404) 555-0149")).isEqualTo(CallQuery.callerNumber("14045550149"));
        assertThat(CallQuery.callerNumber("4045550149")).isNotEqualTo(CallQuery.callerNumber("14045550149"));
        assertThat(CallQuery.callerNumber("Anonymous")).isEqualTo("anonymous");
    }

    @Test
    void callWithoutTranscriptIsFoundWithoutQueryText() throws Exception {
        add(index, call("c1", List.of()));

        assertThat(index.search(query(" ")).hits()).containsExactly(new Hit("c1", List.of()));
    }

    @Test
    void withoutQueryTextCallsComeNewestFirstWithoutSnippets() throws Exception {
        add(index, call("old", Calls.T0, 60, says("customer", 0, "hello")));
        add(index, call("newest", Calls.T0.plusSeconds(7200), 60, says("customer", 0, "hello")));
        add(index, call("middle", Calls.T0.plusSeconds(3600), 60, says("customer", 0, "hello")));

        SearchResult result = index.search(query(null));

        assertThat(result.hits()).extracting(Hit::id).containsExactly("newest", "middle", "old");
        assertThat(result.hits()).allSatisfy(hit -> assertThat(hit.snippets()).isEmpty());
    }

    @Test
    void pagesSplitTheHitsAndTheTotalCountsThemAll() throws Exception {
        for (int i = 0; i < 5; i++) {
            add(index, call("c" + i, Calls.T0.plusSeconds(i), 60, says("customer", 0, "hello")));
        }

        assertThat(index.search(new CallQuery(null, null, null, 0, 2)).hits())
                .extracting(Hit::id).containsExactly("c4", "c3");
        assertThat(index.search(new CallQuery(null, null, null, 1, 2)).hits())
                .extracting(Hit::id).containsExactly("c2", "c1");
        SearchResult last = index.search(new CallQuery("hello", null, null, 2, 2));
        assertThat(last.hits()).extracting(Hit::id).containsExactly("c0");
        assertThat(last.total()).isEqualTo(5);
        SearchResult pastTheEnd = index.search(new CallQuery("hello", null, null, 99, 100));
        assertThat(pastTheEnd.hits()).isEmpty();
        assertThat(pastTheEnd.total()).isEqualTo(5);
    }

    @Test
    void aHitHasAtMostThreeSnippetsInTimeOrderWithFiveWordsOfContext() throws Exception {
        String filler = "one two three four five six seven eight nine ten eleven twelve";
        add(index, call("c1", says("customer", 0,
                "cancel " + filler + " cancel " + filler + " cancel " + filler + " cancel")));

        List<Snippet> snippets = index.search(query("cancel")).hits().get(0).snippets();

        assertThat(snippets).extracting(Snippet::time).containsExactly(0.0, 6.5, 13.0);
        assertThat(snippets.get(1).text())
                .isEqualTo("eight nine ten eleven twelve <em>cancel</em> one two three four five");
    }

    @Test
    void matchesCloseTogetherShareOneSnippet() throws Exception {
        add(index, call("c1", says("customer", 0, "no refund no refund")));

        assertThat(index.search(query("refund")).hits().get(0).snippets())
                .containsExactly(new Snippet("customer", 0.5, "no <em>refund</em> no <em>refund</em>"));
    }

    @Test
    void monoRecordingWordsAreFoundByTextButNotByPartyScope() throws Exception {
        add(index, call("mono", says("mixed", 1, "please cancel")));

        assertThat(ids("cancel")).containsExactly("mono");
        assertThat(ids("customer:cancel")).isEmpty();
        assertThat(index.search(query("cancel")).hits().get(0).snippets())
                .containsExactly(new Snippet("mixed", 1.5, "please <em>cancel</em>"));
    }

    @Test
    void snippetTextEscapesHtmlInWords() throws Exception {
        add(index, call("c1", says("customer", 0, "<b>refund</b>")));

        assertThat(index.search(query("refund")).hits().get(0).snippets().get(0).text())
                .isEqualTo("<em>&lt;b&gt;refund&lt;/b&gt;</em>");
    }
}
