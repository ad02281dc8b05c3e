package org.earshot.server.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.CallStore.Change;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's search index in step with the store by following the store's change log.
 *
 * <p>The checkpoint (the last change id whose call is in a committed index) is written to a file
 * only after the index commit, so a crash in between re-indexes a few calls again, never loses one.
 * Identity values can commit out of order, so the checkpoint only passes changes older than
 * {@link #GRACE}; newer ones are re-read, and remembered so they are indexed once.
 */
public final class IndexFollower implements AutoCloseable {

    static final Duration GRACE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(IndexFollower.class);
    private static final int PAGE = 2000;

    private final CallStore calls;
    private final CallIndexer indexer;
    private final TranscriptIndex index;
    private final Path checkpointFile;
    private final Duration pollEvery;
    // Read by pendingChanges() on HTTP threads while the follower writes them.
    private final Set<Long> indexedAfterCheckpoint = ConcurrentHashMap.newKeySet();
    private volatile long checkpoint;
    // False until start() has caught up and repaired: till then the index may lack calls the change log does not show.
    private volatile boolean started;
    private final Object wake = new Object();
    private Thread thread;
    private volatile boolean running;

    public IndexFollower(CallStore calls, CallIndexer indexer, TranscriptIndex index, Path checkpointFile, Duration pollEvery) {
        this.calls = calls;
        this.indexer = indexer;
        this.index = index;
        this.checkpointFile = checkpointFile;
        this.pollEvery = pollEvery;
    }

    /** Catches up with the store (on this thread), then follows it on a thread of its own. */
    public synchronized void start() throws IOException {
        checkpoint = readCheckpoint();
        if (checkpoint > 0 && index.count() == 0) {
            log.warn("Search index is empty but its checkpoint is {}: rebuilding it from the store", checkpoint);
            checkpoint = 0;
        }
        int n = catchUp();
        if (n > 0) {
            log.info("Search index caught up with the store: {} call(s) indexed", n);
        }
        repairMissing();
        started = true;
        running = true;
        thread = new Thread(this::follow, "index-follower");
        thread.start();
    }

    /** Indexes every change not yet indexed; returns how many calls it indexed or removed. */
    synchronized int catchUp() throws IOException {
        int indexed = 0;
        while (true) {
            CallStore.Changes page = calls.changesAfter(checkpoint, PAGE);
            Set<String> callIds = new LinkedHashSet<>();
            for (Change change : page.changes()) {
                if (!indexedAfterCheckpoint.contains(change.id())) {
                    callIds.add(change.callId());
                }
            }
            if (!callIds.isEmpty()) {
                // A call the store no longer has leaves the index on every node that follows the log.
                indexed += indexer.follow(callIds);
                index.commit();
                index.refresh(); // searchable now, not at the next periodic refresh
            }
            long safe = checkpoint;
            for (Change change : page.changes()) {
                indexedAfterCheckpoint.add(change.id());
                if (change.changedAt().isBefore(page.databaseNow().minus(GRACE))) {
                    safe = change.id();
                }
            }
            boolean stuck = safe == checkpoint; // a full page too young to pass: go on at the next poll
            advanceTo(safe);
            if (page.changes().size() < PAGE || stuck) {
                return indexed;
            }
        }
    }

    /**
     * Store changes this node's index has not made searchable yet: 0 means every write committed
     * before the call is found by a search here. Never under-counts while the follower works.
     */
    public long pendingChanges() {
        long after = checkpoint;
        long applied = indexedAfterCheckpoint.stream().filter(id -> id > after).count();
        return Math.max(started ? 0 : 1, calls.changeCountAfter(after) - applied);
    }

    /**
     * Checks index and store agree (same count; every analysed call indexed with its words), re-indexes
     * what is missing and removes what the store no longer has: an index restored from an old backup, or
     * written by a crashed node.
     */
    private void repairMissing() throws IOException {
        List<String> storeIds = calls.ids(false);
        if (index.count() == storeIds.size() && index.unanalysedOf(calls.ids(true)).isEmpty()) {
            return;
        }
        Set<String> repair = new LinkedHashSet<>(index.missingOf(storeIds));
        repair.addAll(index.unanalysedOf(calls.ids(true)));
        // Calls erased or purged while this index was away (restored from a backup) must not be found here.
        Set<String> gone = index.extraOf(storeIds);
        if (!gone.isEmpty()) {
            log.warn("Search index held {} call(s) the store no longer has: removing them", gone.size());
            index.deleteAll(gone);
            index.commit();
            index.refresh();
        }
        if (!repair.isEmpty()) {
            log.warn("Search index lacked {} call(s) of the store: re-indexing them", repair.size());
            indexer.reindex(calls.findAll(repair).values());
            index.commit();
            index.refresh();
        }
    }

    private void advanceTo(long safe) throws IOException {
        if (safe == checkpoint) {
            return;
        }
        checkpoint = safe;
        indexedAfterCheckpoint.removeIf(id -> id <= safe);
        Path tmp = checkpointFile.resolveSibling(checkpointFile.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(safe));
        Files.move(tmp, checkpointFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private long readCheckpoint() throws IOException {
        if (!Files.exists(checkpointFile)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(checkpointFile).strip());
        } catch (NumberFormatException e) {
            log.warn("Unreadable search checkpoint {}: rebuilding the index from the store", checkpointFile);
            return 0;
        }
    }

    private void follow() {
        while (running) {
            try {
                // Waits first: start() has just caught up. close() wakes it, so stopping takes no poll interval.
                synchronized (wake) {
                    if (running) {
                        wake.wait(pollEvery.toMillis());
                    }
                }
                if (running) {
                    catchUp();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                log.error("Following the store into the search index failed; retrying", e);
                sleepQuietly();
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops following after the current round; not interrupted, so no index write is cut short. */
    @Override
    public void close() {
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
