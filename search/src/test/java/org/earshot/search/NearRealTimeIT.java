package org.earshot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.earshot.search.Calls.call;
import static org.earshot.search.Calls.query;
import static org.earshot.search.Calls.says;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes become searchable within a second while searches run, and what a crash loses is named. */
class NearRealTimeIT {

    @TempDir
    Path dataDir;

    @Test
    void callIndexedWhileSearchesRunBecomesSearchableWithinOneSecond() throws Exception {
        try (var index = TranscriptIndex.open(dataDir.resolve("index"))) {
            for (int i = 0; i < 200; i++) {
                index.index(call("old" + i, says("customer", 0, "my refund please " + i)));
            }
            index.refresh();
            ExecutorService searchers = Executors.newFixedThreadPool(4);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong searches = new AtomicLong();
            var failures = new ConcurrentLinkedQueue<Throwable>();
            var running = new CountDownLatch(4);
            for (int t = 0; t < 4; t++) {
                searchers.submit(() -> {
                    running.countDown();
                    while (!stop.get()) {
                        try {
                            index.search(query("refund OR unicorn"));
                            searches.incrementAndGet();
                        } catch (Exception | AssertionError e) {
                            failures.add(e);
                        }
                    }
                });
            }
            running.await();

            long start = System.nanoTime();
            index.index(call("new", says("customer", 0, "a unicorn ate my router")));
            long visibleAfter = -1;
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2)) { // poll; the bound is asserted below
                if (index.search(query("unicorn")).total() == 1) {
                    visibleAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    break;
                }
                Thread.onSpinWait();
            }
            stop.set(true);
            searchers.shutdown();
            assertThat(searchers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            assertThat(visibleAfter).as("ms until the new call was found").isBetween(0L, 1000L);
            assertThat(failures).isEmpty();
            assertThat(searches.get()).isPositive();
        }
    }

    @Test
    void missingOfNamesTheIdsTheIndexDoesNotHold() throws Exception {
        try (var index = TranscriptIndex.open(dataDir)) {
            index.index(call("a", List.of()));
            index.index(call("b", List.of()));
            index.delete("b");

            assertThat(index.missingOf(List.of("a", "b", "c"))).containsExactly("b", "c");
        }
    }

    @Test
    void unanalysedOfNamesCallsIndexedWithoutTheirAnalysis() throws Exception {
        try (var index = TranscriptIndex.open(dataDir)) {
            index.index(call("words", says("customer", 0, "hello")));
            index.index(CallBuilder.callWith("figuresOnly").figure(Figures.SILENCE_RATIO, 1.0).build());
            index.index(call("metadataOnly", List.of()));

            assertThat(index.unanalysedOf(List.of("words", "figuresOnly", "metadataOnly", "absent")))
                    .containsExactly("metadataOnly", "absent");
        }
    }

    @Test
    void afterACrashTheWritesSinceTheLastCommitAreNamedAndCanBeIndexedAgain() throws Exception {
        Path live = dataDir.resolve("live");
        Path crashed = dataDir.resolve("crashed");
        // No background commit in this test: only the explicit one below.
        try (var index = TranscriptIndex.open(live, TranscriptIndex.REFRESH_EVERY, Duration.ofDays(1))) {
            index.index(call("a", List.of()));
            index.commit();
            index.index(call("a", says("customer", 0, "cancel my contract"))); // its analysis, not committed
            index.index(call("b", List.of()));                                   // not committed
            copyLastCommit(live, crashed); // the disk as a crash at this moment leaves it
        }

        try (var index = TranscriptIndex.open(crashed)) {
            assertThat(index.count()).isEqualTo(1);
            assertThat(index.missingOf(List.of("a", "b"))).containsExactly("b");
            assertThat(index.unanalysedOf(List.of("a"))).containsExactly("a");

            index.index(call("a", says("customer", 0, "cancel my contract")));
            index.index(call("b", List.of()));

            assertThat(index.missingOf(List.of("a", "b"))).isEmpty();
            assertThat(index.unanalysedOf(List.of("a"))).isEmpty();
            assertThat(index.search(query("cancel")).total()).isEqualTo(1);
        }
    }

    /** Copies exactly the files of the directory's last commit, as the writer left them. */
    private static void copyLastCommit(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var dir = FSDirectory.open(from)) {
            for (String file : SegmentInfos.readLatestCommit(dir).files(true)) {
                Files.copy(from.resolve(file), to.resolve(file));
            }
        }
    }
}
