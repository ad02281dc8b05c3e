package org.earshot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.earshot.search.SearchResult.Hit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of calls, one document per call: the only owner of the {@link IndexWriter}.
 * Thread-safe: any thread may index and search at once.
 *
 * <p>Near-real-time: a write is searchable within {@link #REFRESH_EVERY} (a background thread
 * reopens the searcher) and durable within {@link #COMMIT_EVERY} (the same thread commits), or at
 * once after {@link #refresh()} / {@link #commit()}. A crash loses the writes since the last commit:
 * the server finds them with {@link #missingOf} and {@link #unanalysedOf} against its store at start
 * and indexes them again.
 *
 * <pre>{@code
 * try (var index = TranscriptIndex.open(dataDir.resolve("index"))) {
 *     index.index(call);                                     // searchable within a second
 *     var page = index.search(CallQuery.builder().text("customer:\"cancel my\"").build());
 * }
 * }</pre>
 */
public final class TranscriptIndex implements AutoCloseable {

    /** How stale a search may be: writes become visible within this. */
    public static final Duration REFRESH_EVERY = Duration.ofMillis(500);
    /** How much a crash may lose: writes become durable within this. */
    public static final Duration COMMIT_EVERY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(TranscriptIndex.class);

    private final Directory directory;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Snippets snippets;
    private final ScheduledExecutorService maintenance;

    private TranscriptIndex(Directory directory, String name, Duration refreshEvery, Duration commitEvery)
            throws IOException {
        this.directory = directory;
        this.analyzer = Fields.analyzer();
        this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64)); // fewer flushes during a bulk reindex
        this.searchers = new SearcherManager(writer, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
                return new FacetedSearcher(reader);
            }
        });
        this.snippets = new Snippets(analyzer);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "earshot-index-" + name);
            thread.setDaemon(true); // close() stops it; a forgotten index must not keep the JVM alive
            return thread;
        });
        long refresh = refreshEvery.toMillis();
        long commit = commitEvery.toMillis();
        maintenance.scheduleWithFixedDelay(this::refreshInBackground, refresh, refresh, TimeUnit.MILLISECONDS);
        maintenance.scheduleWithFixedDelay(this::commitInBackground, commit, commit, TimeUnit.MILLISECONDS);
    }

    /** A searcher with the facet state of its reader, built once per reopen rather than per search. */
    private static final class FacetedSearcher extends IndexSearcher {
        final SortedSetDocValuesReaderState facets;

        FacetedSearcher(IndexReader reader) throws IOException {
            super(reader);
            this.facets = FacetCounts.stateOf(reader);
        }
    }

    /** Opens the index in {@code dir}, creating the folder and an empty index if missing. */
    public static TranscriptIndex open(Path dir) throws IOException {
        return open(dir, REFRESH_EVERY, COMMIT_EVERY);
    }

    /** {@link #open(Path)} with other intervals, e.g. for a test that must control when commits happen. */
    static TranscriptIndex open(Path dir, Duration refreshEvery, Duration commitEvery) throws IOException {
        Files.createDirectories(dir);
        String name = dir.getFileName() == null ? "index" : dir.getFileName().toString();
        return create(FSDirectory.open(dir), name, refreshEvery, commitEvery);
    }

    /** An index held in memory only, for tests. */
    public static TranscriptIndex inMemory() {
        try {
            return create(new ByteBuffersDirectory(), "memory", REFRESH_EVERY, COMMIT_EVERY);
        } catch (IOException e) {
            throw new IllegalStateException("an in-memory index cannot fail to open", e);
        }
    }

    private static TranscriptIndex create(Directory directory, String name, Duration refreshEvery,
            Duration commitEvery) throws IOException {
        try {
            return new TranscriptIndex(directory, name, refreshEvery, commitEvery);
        } catch (IOException | RuntimeException e) {
            directory.close(); // e.g. another process holds the write lock
            throw e;
        }
    }

    /**
     * Adds the call or replaces the one with the same id (first its metadata, later with its
     * analysis). Searchable within {@link #REFRESH_EVERY}, durable within {@link #COMMIT_EVERY}.
     */
    public void index(CallDocument call) throws IOException {
        writer.updateDocument(new Term(Fields.ID, call.id()), LuceneDocuments.toLucene(call));
    }

    /** {@link #index} for many calls, e.g. for {@code earshot reindex}; {@link #commit()} after the last. */
    public void indexAll(Iterable<CallDocument> calls) throws IOException {
        for (CallDocument call : calls) {
            index(call);
        }
    }

    /** Removes the call with this id, if indexed (e.g. by retention); durable and visible on return. */
    public void delete(String id) throws IOException {
        // Committed at once, unlike writes: a crash must not bring back a call the store no longer has,
        // and deletions are rare.
        writer.deleteDocuments(new Term(Fields.ID, id));
        commit();
        refresh();
    }

    /**
     * Removes these calls, those indexed, like {@link #delete} but as one batch the caller commits: the
     * index follower removes calls the store no longer has (erased, purged), then commits and refreshes
     * with the rest of its batch.
     */
    public void deleteAll(Collection<String> ids) throws IOException {
        if (!ids.isEmpty()) {
            writer.deleteDocuments(ids.stream().map(id -> new Term(Fields.ID, id)).toArray(Term[]::new));
        }
    }

    /** Makes every write so far visible to searches. */
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Makes every write so far durable. */
    public void commit() throws IOException {
        writer.commit();
    }

    /**
     * One page of calls matching the query, in its order, with snippets when there is query text and
     * facet counts over all matching calls.
     *
     * @throws QuerySyntaxException when the text does not parse or is refused; the message says where
     */
    public SearchResult search(CallQuery query) throws QuerySyntaxException, IOException {
        Query text = TextQueries.parse(query.text(), query.party(), analyzer);
        Query lucene = LuceneQueries.toLucene(text, query);
        Sort sort = LuceneQueries.sort(query.sort(), text != null);
        List<QueryTerms.Sought> sought = text == null ? List.of() : QueryTerms.of(text);
        FacetedSearcher searcher = (FacetedSearcher) searchers.acquire();
        try {
            return page(searcher, lucene, sort, sought, query.page(), query.size());
        } catch (IndexSearcher.TooManyClauses e) {
            throw TextQueries.tooManyClauses(e); // a word that expands to too many terms
        } catch (TooComplexToDeterminizeException e) {
            throw TextQueries.tooComplex(e);
        } finally {
            searchers.release(searcher);
        }
    }

    private SearchResult page(FacetedSearcher searcher, Query query, Sort sort, List<QueryTerms.Sought> sought,
            int page, int size) throws IOException {
        int from = page * size; // CallQuery keeps (page + 1) * size within MAX_WINDOW
        // Integer.MAX_VALUE threshold: the total is an exact count, not a lower bound.
        var top = new TopFieldCollectorManager(sort, from + size, null, Integer.MAX_VALUE);
        Object[] collected = searcher.search(query, new MultiCollectorManager(top, new FacetsCollectorManager()));
        TopFieldDocs docs = (TopFieldDocs) collected[0];
        boolean scored = LuceneQueries.scores(sort);
        StoredFields stored = searcher.storedFields();
        List<Hit> hits = new ArrayList<>();
        for (int i = from; i < docs.scoreDocs.length; i++) {
            hits.add(hit(stored, docs.scoreDocs[i], scored, sought));
        }
        return new SearchResult(docs.totalHits.value, hits,
                FacetCounts.count(searcher.facets, (FacetsCollector) collected[1]));
    }

    private Hit hit(StoredFields stored, ScoreDoc scoreDoc, boolean scored, List<QueryTerms.Sought> sought)
            throws IOException {
        // The score as a float prints as one: 1.2 rather than 1.2000000476837158.
        Double score = scored ? Double.valueOf(Float.toString((Float) ((FieldDoc) scoreDoc).fields[0])) : null;
        if (sought.isEmpty()) {
            return new Hit(stored.document(scoreDoc.doc, Set.of(Fields.ID)).get(Fields.ID), score, List.of());
        }
        Document doc = stored.document(scoreDoc.doc);
        return new Hit(doc.get(Fields.ID), score, snippets.of(PartyWords.readFrom(doc), sought));
    }

    /** Number of calls in the index, counting every write so far. */
    public long count() {
        try {
            refresh();
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

    /**
     * Of these call ids, those the index does not hold, in the given order: e.g. calls stored
     * after the index's last commit before a crash. Counts every write so far.
     */
    public Set<String> missingOf(Collection<String> ids) throws IOException {
        return lacking(ids, false);
    }

    /**
     * Of these call ids (the store's analysed calls), those the index holds without their analysis
     * (no words, figures or flags) or not at all, in the given order.
     */
    public Set<String> unanalysedOf(Collection<String> ids) throws IOException {
        return lacking(ids, true);
    }

    /**
     * The calls the index holds that are not among these ids (the store's calls): e.g. calls deleted or
     * purged while an index restored from a backup was away. Counts every write so far.
     */
    public Set<String> extraOf(Collection<String> ids) throws IOException {
        refresh();
        IndexSearcher searcher = searchers.acquire();
        try {
            return IndexedIds.notIn(searcher.getIndexReader(), ids instanceof Set<String> set ? set : new java.util.HashSet<>(ids));
        } finally {
            searchers.release(searcher);
        }
    }

    private Set<String> lacking(Collection<String> ids, boolean analysed) throws IOException {
        refresh();
        IndexSearcher searcher = searchers.acquire();
        try {
            return IndexedIds.lacking(searcher.getIndexReader(), ids, analysed);
        } finally {
            searchers.release(searcher);
        }
    }

    private void refreshInBackground() {
        try {
            searchers.maybeRefresh();
        } catch (AlreadyClosedException e) {
            stopAfterTragedy(e);
        } catch (IOException | RuntimeException e) {
            log.warn("index refresh failed, searches see older data until the next one succeeds", e);
        }
    }

    private void commitInBackground() {
        try {
            if (writer.hasUncommittedChanges()) {
                writer.commit();
            }
        } catch (AlreadyClosedException e) {
            stopAfterTragedy(e);
        } catch (IOException | RuntimeException e) {
            log.warn("index commit failed, recent writes are not durable until the next one succeeds", e);
        }
    }

    /** The writer closed itself (e.g. disk full): say so once rather than every half second. */
    private void stopAfterTragedy(AlreadyClosedException e) {
        if (!maintenance.isShutdown()) {
            Throwable cause = writer.getTragicException() != null ? writer.getTragicException() : e;
            log.error("the index writer has closed itself; writes fail until the server restarts", cause);
            maintenance.shutdown();
        }
    }

    /**
     * Stops the refresh and commit thread (letting a running commit finish), then closes searchers,
     * the writer (which commits pending changes) and the directory.
     */
    @Override
    public void close() throws IOException {
        maintenance.shutdown(); // not shutdownNow: an interrupt inside a Lucene write can close the writer
        try {
            if (!maintenance.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("index maintenance thread still busy after 30 s; closing the index anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (directory; writer; searchers) {
            // try-with-resources closes in reverse order: searchers, writer, directory
        }
    }
}
