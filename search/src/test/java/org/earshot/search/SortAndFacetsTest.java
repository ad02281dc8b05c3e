package org.earshot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.earshot.search.CallBuilder.callWith;
import static org.earshot.search.Calls.add;
import static org.earshot.search.Calls.says;

import java.util.List;
import java.util.Map;
import org.earshot.search.SearchResult.Hit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The order of hits and the facet counts that come with every result. */
class SortAndFacetsTest {

    private final TranscriptIndex index = TranscriptIndex.inMemory();

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private SearchResult search(String... params) throws Exception {
        return index.search(CallQuery.fromParameters(Parameters.of(params)));
    }

    private List<String> ids(String... params) throws Exception {
        return search(params).hits().stream().map(Hit::id).toList();
    }

    private void threeCalls() throws Exception {
        add(index,
                callWith("old").startedAt("2026-11-01T10:00:00Z").duration(300)
                        .figure(Figures.SENTIMENT, 0.5).words(says("customer", 0, "refund")).build(),
                callWith("middle").startedAt("2026-11-02T10:00:00Z").duration(900)
                        .words(says("customer", 0, "refund refund please refund")).build(),
                callWith("new").startedAt("2026-11-03T10:00:00Z").duration(60)
                        .figure(Figures.SENTIMENT, -0.7).words(says("customer", 0, "hello refund")).build());
    }

    @Test
    void withoutTextOrSortCallsComeNewestFirst() throws Exception {
        threeCalls();
        assertThat(ids()).containsExactly("new", "middle", "old");
    }

    @Test
    void withTextTheDefaultIsRelevanceAndHitsCarryTheirScore() throws Exception {
        threeCalls();
        SearchResult result = search("q", "refund");

        assertThat(result.hits().get(0).id()).isEqualTo("middle"); // says it three times
        assertThat(result.hits()).allSatisfy(hit -> assertThat(hit.score()).isPositive());
        assertThat(result.hits()).extracting(Hit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void dateSortsAscendingAndMinusDateDescending() throws Exception {
        threeCalls();
        assertThat(ids("q", "refund", "sort", "date")).containsExactly("old", "middle", "new");
        assertThat(ids("q", "refund", "sort", "-date")).containsExactly("new", "middle", "old");
        assertThat(search("q", "refund", "sort", "date").hits()).allSatisfy(hit -> assertThat(hit.score()).isNull());
    }

    @Test
    void durationSortsShortestOrLongestFirst() throws Exception {
        threeCalls();
        assertThat(ids("sort", "duration")).containsExactly("new", "old", "middle");
        assertThat(ids("sort", "-duration")).containsExactly("middle", "old", "new");
    }

    @Test
    void sentimentSortsMostNegativeFirstAndCallsWithoutOneLastEitherWay() throws Exception {
        threeCalls();
        assertThat(ids("sort", "sentiment")).containsExactly("new", "old", "middle");
        assertThat(ids("sort", "-sentiment")).containsExactly("old", "new", "middle");
    }

    @Test
    void relevanceWithoutTextIsNewestFirst() throws Exception {
        threeCalls();
        assertThat(ids("sort", "relevance")).containsExactly("new", "middle", "old");
    }

    @Test
    void facetsCountEveryMatchingCallNotJustThePage() throws Exception {
        add(index,
                callWith("a").queue("billing").agents("alice").outcome("answered").flags("escalation").build(),
                callWith("b").queue("billing").agents("alice", "bob").outcome("answered").build(),
                callWith("c").queue("sales").agents("bob").outcome("answered").flags("escalation", "long-dead-air").build(),
                callWith("d").queue("billing").agents().outcome("abandoned").build());

        SearchResult result = search("size", "1");

        assertThat(result.hits()).hasSize(1);
        assertThat(result.total()).isEqualTo(4);
        assertThat(result.facets().get("queue")).containsExactly(entry("billing", 3L), entry("sales", 1L));
        assertThat(result.facets().get("agent")).containsExactly(entry("alice", 2L), entry("bob", 2L));
        assertThat(result.facets().get("outcome")).containsExactly(entry("answered", 3L), entry("abandoned", 1L));
        assertThat(result.facets().get("flag")).containsExactly(entry("escalation", 2L), entry("long-dead-air", 1L));
    }

    @Test
    void facetsCountOnlyTheCallsTheFiltersLetThrough() throws Exception {
        add(index,
                callWith("a").queue("billing").agents("alice").build(),
                callWith("b").queue("sales").agents("bob").build(),
                callWith("c").queue("billing").agents("carol").build());

        SearchResult result = search("queue", "billing");

        assertThat(result.facets().get("queue")).containsExactly(entry("billing", 2L));
        assertThat(result.facets().get("agent")).containsOnlyKeys("alice", "carol");
    }

    @Test
    void everyResultHasAllFourFacetsEvenWhenNothingMatches() throws Exception {
        assertThat(search().facets()).containsOnlyKeys("queue", "agent", "outcome", "flag")
                .allSatisfy((facet, counts) -> assertThat(counts).isEmpty());

        add(index, callWith("a").build());

        assertThat(search("q", "nothing").facets()).containsOnlyKeys("queue", "agent", "outcome", "flag")
                .allSatisfy((facet, counts) -> assertThat(counts).isEmpty());
        assertThat(search().facets().get("flag")).isEqualTo(Map.of());
    }
}
