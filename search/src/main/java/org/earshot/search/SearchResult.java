package org.earshot.search;

import java.util.List;

/**
 * One page of matching calls, best first (newest first when there is no query text).
 *
 * @param total number of matching calls in all pages
 * @param hits  this page's hits
 */
public record SearchResult(long total, List<Hit> hits) {

    public SearchResult {
        hits = List.copyOf(hits);
    }

    /** A matching call: its id and where in the recording the query's words were said. */
    public record Hit(String id, List<Snippet> snippets) {
        public Hit {
            snippets = List.copyOf(snippets);
        }
    }

    /**
     * Words around one match.
     *
     * @param party who said them
     * @param time  seconds from the start of the recording where the matched word starts
     * @param text  the words around the match, matched words wrapped in {@code <em>}
     */
    public record Snippet(String party, double time, String text) {
    }
}
