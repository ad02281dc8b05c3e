package org.earshot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.earshot.search.CallBuilder.callWith;
import static org.earshot.search.Calls.add;
import static org.earshot.search.Calls.dialogue;
import static org.earshot.search.Calls.says;

import java.util.List;
import org.earshot.search.SearchResult.Hit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Query text made only of NOT clauses: every call without those words, at any nesting level. */
class NotQueriesTest {

    private final TranscriptIndex index = TranscriptIndex.inMemory();

    @BeforeEach
    void fourCalls() throws Exception {
        add(index,
                callWith("cancel").queue("billing").words(says("customer", 0, "i want to cancel")).build(),
                callWith("refund").queue("billing").words(says("customer", 0, "i need a refund")).build(),
                callWith("both").queue("sales").words(says("customer", 0, "cancel it and refund me")).build(),
                callWith("agentRefund").queue("sales").words(dialogue(says("customer", 0, "hello there"),
                        says("agent", 2, "a refund then"))).build());
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private List<String> ids(String... params) throws Exception {
        return index.search(CallQuery.fromParameters(Parameters.of(params))).hits().stream().map(Hit::id).toList();
    }

    @Test
    void notAloneFindsEveryCallWithoutTheWord() throws Exception {
        assertThat(ids("q", "NOT cancel")).containsExactlyInAnyOrder("refund", "agentRefund");
    }

    @Test
    void minusAloneFindsEveryCallWithoutTheWord() throws Exception {
        assertThat(ids("q", "-cancel")).containsExactlyInAnyOrder("refund", "agentRefund");
    }

    @Test
    void scopedNotAloneFindsEveryCallWhereThatPartyDidNotSayIt() throws Exception {
        assertThat(ids("q", "customer:(NOT refund)")).containsExactlyInAnyOrder("cancel", "agentRefund");
    }

    @Test
    void severalNotsAloneFindEveryCallWithoutAnyOfTheWords() throws Exception {
        assertThat(ids("q", "NOT cancel AND NOT refund")).isEmpty();
        assertThat(ids("q", "-cancel -hello")).containsExactly("refund");
    }

    @Test
    void notAloneKeepsToTheFilters() throws Exception {
        assertThat(ids("q", "NOT cancel", "queue", "billing")).containsExactly("refund");
    }

    @Test
    void notAloneWithPartyLooksOnlyInThatPartysWords() throws Exception {
        assertThat(ids("q", "NOT refund", "party", "customer")).containsExactlyInAnyOrder("cancel", "agentRefund");
    }

    @Test
    void notGroupInsideAnOrFindsTheCallsWithoutTheWord() throws Exception {
        // Were the NOT group to match nothing, only the call with "hello" would come back.
        assertThat(ids("q", "(NOT cancel) OR hello")).containsExactlyInAnyOrder("refund", "agentRefund");
        assertThat(ids("q", "hello OR (NOT refund)")).containsExactlyInAnyOrder("cancel", "agentRefund");
    }

    @Test
    void doubleNegationFindsTheCallsWithTheWord() throws Exception {
        assertThat(ids("q", "NOT (NOT cancel)")).containsExactlyInAnyOrder("cancel", "both");
    }

    @Test
    void boostedNotGroupStillFindsTheCallsWithoutTheWord() throws Exception {
        assertThat(ids("q", "(NOT cancel)^2")).containsExactlyInAnyOrder("refund", "agentRefund");
    }

    @Test
    void notAloneIsNewestFirstAndHasNoSnippets() throws Exception {
        add(index, callWith("later").startedAt(Calls.T0.plusSeconds(60)).words(says("customer", 0, "hello")).build());

        SearchResult result = index.search(CallQuery.builder().text("NOT cancel").build());

        assertThat(result.hits()).extracting(Hit::id).startsWith("later");
        assertThat(result.hits()).allSatisfy(hit -> assertThat(hit.snippets()).isEmpty());
    }
}
