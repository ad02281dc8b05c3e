package org.earshot.search;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;

/**
 * Counts queue, agent, outcome and flag values over every call a search matched, with Lucene's
 * SortedSetDocValues facets.
 *
 * <p>Why this way: the values live in doc values beside the document, so there is no taxonomy
 * index to keep in step with the main one (which an NRT reopen every half second would make
 * fiddly), and counting is one pass over the matching doc ids with per-segment ordinals. The
 * ordinal map across segments is built once per reopened reader, off the search path, by
 * {@link #stateOf}.
 */
final class FacetCounts {

    private FacetCounts() {
    }

    /** The per-reader facet state, or null while no indexed call has any facet value. */
    static SortedSetDocValuesReaderState stateOf(IndexReader reader) throws IOException {
        if (FieldInfos.getMergedFieldInfos(reader).fieldInfo(FacetsConfig.DEFAULT_INDEX_FIELD_NAME) == null) {
            return null;
        }
        return new DefaultSortedSetDocValuesReaderState(reader, Fields.FACETS);
    }

    /** For each facet, value → count over the matched calls, most frequent first, ties by value. */
    static Map<String, Map<String, Long>> count(SortedSetDocValuesReaderState state, FacetsCollector matched)
            throws IOException {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        var counts = state == null ? null : new SortedSetDocValuesFacetCounts(state, matched);
        for (String dim : SearchResult.FACETS) {
            Map<String, Long> values = new LinkedHashMap<>();
            if (counts != null && state.getOrdRange(dim) != null) {
                FacetResult top = counts.getTopChildren(SearchResult.MAX_FACET_VALUES, dim);
                if (top != null) {
                    for (LabelAndValue lv : top.labelValues) {
                        values.put(lv.label, lv.value.longValue());
                    }
                }
            }
            facets.put(dim, values);
        }
        return facets;
    }
}
