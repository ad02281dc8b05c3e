package org.earshot.search;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Which call ids an index reader holds: a term lookup per id and segment, no search. What the
 * server asks at start to find the writes a crash lost.
 */
final class IndexedIds {

    private IndexedIds() {
    }

    /** The ids (in the given order) without a live document, or, if {@code analysed}, without an analysed one. */
    static Set<String> lacking(IndexReader reader, Collection<String> ids, boolean analysed) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        Set<String> lacking = new LinkedHashSet<>();
        for (String id : ids) {
            if (!holds(leaves, new BytesRef(id), analysed)) {
                lacking.add(id);
            }
        }
        return lacking;
    }

    /** The ids of live documents that are not in {@code ids}, in index order. */
    static Set<String> notIn(IndexReader reader, Set<String> ids) throws IOException {
        Set<String> extra = new LinkedHashSet<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(Fields.ID);
            if (terms == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            TermsEnum all = terms.iterator();
            PostingsEnum docs = null;
            for (BytesRef id = all.next(); id != null; id = all.next()) {
                String value = id.utf8ToString();
                if (ids.contains(value)) {
                    continue;
                }
                docs = all.postings(docs, PostingsEnum.NONE);
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        extra.add(value);
                        break;
                    }
                }
            }
        }
        return extra;
    }

    private static boolean holds(List<LeafReaderContext> leaves, BytesRef id, boolean analysed) throws IOException {
        for (LeafReaderContext leaf : leaves) {
            Terms terms = leaf.reader().terms(Fields.ID);
            TermsEnum ids = terms == null ? null : terms.iterator();
            if (ids == null || !ids.seekExact(id)) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            PostingsEnum docs = ids.postings(null, PostingsEnum.NONE);
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if (live == null || live.get(doc)) {
                    if (!analysed) {
                        return true;
                    }
                    // A fresh iterator per lookup: doc values only move forward, ids come in any order.
                    NumericDocValues marker = leaf.reader().getNumericDocValues(Fields.ANALYSED);
                    return marker != null && marker.advanceExact(doc);
                }
            }
        }
        return false;
    }
}
