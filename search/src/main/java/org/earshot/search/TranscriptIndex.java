package org.earshot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.earshot.search.SearchResult.Hit;

/**
 * The Lucene index of calls, one document per call: the only owner of the {@link IndexWriter}.
 * Thread-safe: any thread may index and search at once.
 *
 * <pre>{@code
 * try (var index = TranscriptIndex.open(dataDir.resolve("index"))) {
 *     index.index(call);                      // searchable on return
 *     var page = index.search(new CallQuery("customer:\"cancel my\"", null, null, 0, 20));
 * }
 * }</pre>
 */
public final class TranscriptIndex implements AutoCloseable {

    /** Best match first; among equally good matches (or with no query text), newest first. */
    private static final Sort RELEVANCE_THEN_NEWEST = new Sort(SortField.FIELD_SCORE,
            new SortField(Fields.STARTED_AT, SortField.Type.LONG, true));

    private final Directory directory;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Snippets snippets;

    private TranscriptIndex(Directory directory) throws IOException {
        this.directory = directory;
        this.analyzer = Fields.analyzer();
        this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
        this.searchers = new SearcherManager(writer, null);
        this.snippets = new Snippets(analyzer);
    }

    /** Opens the index in {@code dir}, creating the folder and an empty index if missing. */
    public static TranscriptIndex open(Path dir) throws IOException {
        Files.createDirectories(dir);
        return create(FSDirectory.open(dir));
    }

    /** An index held in memory only, for tests. */
    public static TranscriptIndex inMemory() {
        try {
            return create(new ByteBuffersDirectory());
        } catch (IOException e) {
            throw new IllegalStateException("an in-memory index cannot fail to open", e);
        }
    }

    private static TranscriptIndex create(Directory directory) throws IOException {
        try {
            return new TranscriptIndex(directory);
        } catch (IOException | RuntimeException e) {
            directory.close(); // e.g. another process holds the write lock
            throw e;
        }
    }

    /**
     * Adds the call or replaces the one with the same id (first its metadata, later with its
     * transcript), then commits and refreshes so it is durable and searchable on return.
     */
    public void index(CallDocument call) throws IOException {
        writer.updateDocument(new Term(Fields.ID, call.id()), LuceneDocuments.toLucene(call));
        commitAndRefresh();
    }

    /** Like {@link #index} for many calls with a single commit, for {@code earshot reindex}. */
    public void indexAll(Iterable<CallDocument> calls) throws IOException {
        for (CallDocument call : calls) {
            writer.updateDocument(new Term(Fields.ID, call.id()), LuceneDocuments.toLucene(call));
        }
        commitAndRefresh();
    }

    /** Removes the call with this id, if indexed (e.g. by retention). */
    public void delete(String id) throws IOException {
        writer.deleteDocuments(new Term(Fields.ID, id));
        commitAndRefresh();
    }

    // A commit per write keeps the index exactly in step with the store after a crash, at the cost
    // of an fsync per call: calls arrive a few per second at most, so that is cheap enough.
    private void commitAndRefresh() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /**
     * One page of calls matching the query: by relevance when there is query text, else newest
     * first; with snippets when there is query text.
     *
     * @throws QuerySyntaxException when the text does not parse or is refused; the message says where
     */
    public SearchResult search(CallQuery query) throws QuerySyntaxException, IOException {
        Query text = TextQueries.parse(query.text(), analyzer);
        Query lucene = TextQueries.toLucene(text, query);
        List<QueryTerms.Sought> sought = text == null ? List.of() : QueryTerms.of(text);
        IndexSearcher searcher = searchers.acquire();
        try {
            return page(searcher, lucene, sought, query.page(), query.size());
        } catch (IndexSearcher.TooManyClauses e) {
            throw TextQueries.tooManyClauses(e); // a wildcard that expands to too many words
        } catch (TooComplexToDeterminizeException e) {
            throw new QuerySyntaxException("a wildcard or fuzzy word is too complex", e);
        } finally {
            searchers.release(searcher);
        }
    }

    private SearchResult page(IndexSearcher searcher, Query query, List<QueryTerms.Sought> sought,
            int page, int size) throws IOException {
        long from = (long) page * size;
        if (from >= searcher.getIndexReader().maxDoc()) {
            // Past the last possible hit: count only, rather than ask for an enormous top-N.
            return new SearchResult(searcher.count(query), List.of());
        }
        int topN = (int) Math.min(from + size, searcher.getIndexReader().maxDoc());
        // Integer.MAX_VALUE threshold: the total is an exact count, not a lower bound.
        TopFieldDocs top = searcher.search(query,
                new TopFieldCollectorManager(RELEVANCE_THEN_NEWEST, topN, null, Integer.MAX_VALUE));
        StoredFields stored = searcher.storedFields();
        List<Hit> hits = new ArrayList<>();
        for (int i = (int) from; i < top.scoreDocs.length; i++) {
            hits.add(hit(stored, top.scoreDocs[i], sought));
        }
        return new SearchResult(top.totalHits.value, hits);
    }

    private Hit hit(StoredFields stored, ScoreDoc scoreDoc, List<QueryTerms.Sought> sought) throws IOException {
        if (sought.isEmpty()) {
            return new Hit(stored.document(scoreDoc.doc, Set.of(Fields.ID)).get(Fields.ID), List.of());
        }
        Document doc = stored.document(scoreDoc.doc);
        return new Hit(doc.get(Fields.ID), snippets.of(PartyWords.readFrom(doc), sought));
    }

    /** Number of calls in the index. */
    public long count() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index to count its calls", e);
        }
    }

    /** Closes searchers, then the writer (which commits pending changes), then the directory. */
    @Override
    public void close() throws IOException {
        try (directory; writer; searchers) {
            // try-with-resources closes in reverse order: searchers, writer, directory
        }
    }
}
