package org.earshot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Tests one call against searches without touching the index: the call, built exactly as
 * {@link TranscriptIndex} indexes it, is the only document of a small in-memory index, so a saved search
 * is a query over that one document rather than a rerun over every call. A call matches a query
 * when {@link TranscriptIndex#search} would list it; page, size and sort play no part.
 *
 * <pre>{@code
 * try (var call = CallMatcher.of(document)) {
 *     boolean hit = call.matches(CallQuery.builder().text("cancel").queue("billing").build());
 * }
 * }</pre>
 */
public final class CallMatcher implements AutoCloseable {

    private final Analyzer analyzer;
    private final ByteBuffersDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    private CallMatcher(CallDocument call) throws IOException {
        this.analyzer = Fields.analyzer();
        this.directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            writer.addDocument(LuceneDocuments.toLucene(call));
        }
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
    }

    /** A matcher over this one call; close it when done. */
    public static CallMatcher of(CallDocument call) {
        try {
            return new CallMatcher(call);
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory index of call " + call.id() + " cannot fail to open", e);
        }
    }

    /**
     * Whether the call is one of the query's hits.
     *
     * @throws QuerySyntaxException when the query text does not parse or is refused, as {@link TranscriptIndex#search} says
     */
    public boolean matches(CallQuery query) throws QuerySyntaxException {
        try {
            return searcher.count(toLucene(query, analyzer)) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("reading an in-memory index cannot fail", e);
        }
    }

    /**
     * Checks the query's text as a search would, without running it: e.g. before a search is saved.
     *
     * @throws QuerySyntaxException saying where the text does not parse or why it is refused
     */
    public static void check(CallQuery query) throws QuerySyntaxException {
        toLucene(query, Fields.analyzer());
    }

    private static Query toLucene(CallQuery query, Analyzer analyzer) throws QuerySyntaxException {
        try {
            return LuceneQueries.toLucene(TextQueries.parse(query.text(), query.party(), analyzer), query);
        } catch (IndexSearcher.TooManyClauses e) {
            throw TextQueries.tooManyClauses(e);
        } catch (TooComplexToDeterminizeException e) {
            throw TextQueries.tooComplex(e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing an in-memory index cannot fail", e);
        }
    }
}
