package org.earshot.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of matching calls in the query's order, with facet counts over all of them.
 *
 * @param total  number of matching calls in all pages
 * @param hits   this page's hits
 * @param facets for each of {@link #FACETS} (always all four keys), value → number of matching calls
 *               with it, most frequent first (ties by value), at most {@value #MAX_FACET_VALUES} values;
 *               a call with several agents or flags counts once for each
 */
public record SearchResult(long total, List<Hit> hits, Map<String, Map<String, Long>> facets) {

    public static final String QUEUE = "queue";
    public static final String AGENT = "agent";
    public static final String OUTCOME = "outcome";
    public static final String FLAG = "flag";
    /** The facet names, each also the name of the parameter that filters by it. */
    public static final List<String> FACETS = List.of(QUEUE, AGENT, OUTCOME, FLAG);
    public static final int MAX_FACET_VALUES = 100;

    public SearchResult {
        hits = List.copyOf(hits);
        Map<String, Map<String, Long>> ordered = new LinkedHashMap<>();
        for (String facet : FACETS) {
            Map<String, Long> counts = facets.getOrDefault(facet, Map.of());
            ordered.put(facet, Collections.unmodifiableMap(new LinkedHashMap<>(counts)));
        }
        facets = Collections.unmodifiableMap(ordered);
    }

    /** No facets counted (all empty). */
    public SearchResult(long total, List<Hit> hits) {
        this(total, hits, Map.of());
    }

    /**
     * A matching call: its id, how well it matched and where in the recording the query's words were said.
     *
     * @param score the relevance score when hits are ordered by relevance and there is query text, else null
     */
    public record Hit(String id, Double score, List<Snippet> snippets) {
        public Hit {
            snippets = List.copyOf(snippets);
        }

        public Hit(String id, List<Snippet> snippets) {
            this(id, null, snippets);
        }
    }

    /**
     * Words around one match.
     *
     * @param party who said them
     * @param time  seconds from the start of the recording where the first matched word starts
     * @param text  the words around the match, matched words wrapped in {@code <em>}
     */
    public record Snippet(String party, double time, String text) {
    }
}
