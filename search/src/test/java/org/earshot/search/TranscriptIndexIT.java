package org.earshot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.earshot.search.Calls.add;
import static org.earshot.search.Calls.call;
import static org.earshot.search.Calls.query;
import static org.earshot.search.Calls.says;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.store.LockObtainFailedException;
import org.earshot.search.SearchResult.Hit;
import org.earshot.search.SearchResult.Snippet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index in a real directory on disk, as the server keeps it under --data-dir. */
class TranscriptIndexIT {

    @TempDir
    Path dataDir;

    @Test
    void indexSurvivesCloseAndReopen() throws Exception {
        Path dir = dataDir.resolve("index/calls"); // not there yet: open creates it
        try (var index = TranscriptIndex.open(dir)) {
            add(index, call("c1", says("customer", 2.0, "please cancel my contract")));
            add(index, call("c2", List.of()));
        }

        try (var index = TranscriptIndex.open(dir)) {
            assertThat(index.count()).isEqualTo(2);
            SearchResult result = index.search(query("customer:\"cancel my\""));
            assertThat(result.hits()).extracting(Hit::id).containsExactly("c1");
            assertThat(result.hits().get(0).snippets()).containsExactly(
                    new Snippet("customer", 2.5, "please <em>cancel</em> <em>my</em> contract"));
        }
    }

    @Test
    void reindexingAfterReopenStillReplaces() throws Exception {
        try (var index = TranscriptIndex.open(dataDir)) {
            add(index, call("c1", List.of()));
        }
        try (var index = TranscriptIndex.open(dataDir)) {
            add(index, call("c1", says("agent", 0, "thanks for calling")));
            assertThat(index.count()).isEqualTo(1);
            assertThat(index.search(query("agent:thanks")).total()).isEqualTo(1);
        }
    }

    @Test
    void secondWriterOnTheSameDirectoryIsRefused() throws Exception {
        try (var index = TranscriptIndex.open(dataDir)) {
            assertThatThrownBy(() -> TranscriptIndex.open(dataDir)).isInstanceOf(LockObtainFailedException.class);
        }
    }

    @Test
    void manyCallsIndexedAtOnceAreAllSearchable() throws IOException, QuerySyntaxException {
        try (var index = TranscriptIndex.open(dataDir)) {
            index.indexAll(List.of(
                    call("a", says("customer", 0, "refund")),
                    call("b", says("customer", 0, "refund")),
                    call("a", says("customer", 0, "billing"))));
            index.refresh();

            assertThat(index.count()).isEqualTo(2);
            assertThat(index.search(query("refund")).hits()).extracting(Hit::id).containsExactly("b");
        }
    }
}
