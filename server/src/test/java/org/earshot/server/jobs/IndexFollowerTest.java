package org.earshot.server.jobs;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.Json;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.TestDatabase;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index's lag, as /api/health reports it: the signal clients wait on before searching for a write. */
class IndexFollowerTest {

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void pendingChangesCountsStoreWritesUntilTheIndexHasMadeThemSearchable() throws Exception {
        ObjectMapper json = Json.newMapper();
        try (TestDatabase test = TestDatabase.create("h2", dir); Database db = test.open();
             TranscriptIndex index = TranscriptIndex.open(dir.resolve("index"))) {
            CallStore calls = TestStores.calls(db);
            IndexFollower follower = new IndexFollower(calls, new CallIndexer(calls, new org.earshot.server.store.CallCrmStore(db), index), index,
                    dir.resolve("checkpoint"), Duration.ofHours(1));
            calls.save(call("a"));
            calls.save(call("b"));

            assertThat(follower.pendingChanges()).isEqualTo(2);
            follower.start(); // catches up and checks the index against the store before it returns
            assertThat(follower.pendingChanges()).isZero();
            assertThat(index.count()).isEqualTo(2);

            calls.save(CallRecord.builder("a", T, T.plusSeconds(90), CallOutcome.ANSWERED).caller("5550101")
                    .queue("support").waitSeconds(12).build());
            assertThat(follower.pendingChanges()).as("a changed call is a change too").isEqualTo(1);
            follower.catchUp(); // what the following thread does at its next poll (an hour here)
            assertThat(follower.pendingChanges()).isZero();
            follower.close();
        }
    }

    @Test
    void anIndexNotYetStartedIsNeverReportedCaughtUp() throws Exception {
        ObjectMapper json = Json.newMapper();
        try (TestDatabase test = TestDatabase.create("h2", dir); Database db = test.open();
             TranscriptIndex index = TranscriptIndex.open(dir.resolve("index"))) {
            CallStore calls = TestStores.calls(db);
            IndexFollower follower = new IndexFollower(calls, new CallIndexer(calls, new org.earshot.server.store.CallCrmStore(db), index), index,
                    dir.resolve("checkpoint"), Duration.ofHours(1));

            assertThat(follower.pendingChanges()).as("an empty store, but the index is not checked yet").isEqualTo(1);
            follower.start();
            assertThat(follower.pendingChanges()).isZero();
            follower.close();
        }
    }

    @Test
    void aCallSavedAgainUnchangedIsNoChangeForTheIndex() throws Exception {
        try (TestDatabase test = TestDatabase.create("h2", dir); Database db = test.open()) {
            CallStore calls = TestStores.calls(db);

            assertThat(calls.save(call("a"))).isEqualTo(CallStore.Saved.NEW);
            assertThat(calls.save(call("a"))).isEqualTo(CallStore.Saved.UNCHANGED);
            assertThat(calls.changeCountAfter(0)).isEqualTo(1);
            assertThat(calls.save(CallRecord.builder("a", T, T.plusSeconds(60), CallOutcome.ABANDONED).caller("5550101")
                    .queue("billing").waitSeconds(30).build())).isEqualTo(CallStore.Saved.CHANGED);
            assertThat(calls.changeCountAfter(0)).isEqualTo(2);
        }
    }

    @Test
    void aCallDeletedOrAnonymisedInTheStoreLeavesTheIndexOfEveryNode() throws Exception {
        try (TestDatabase test = TestDatabase.create("h2", dir); Database db = test.open();
             TranscriptIndex first = TranscriptIndex.open(dir.resolve("index-1"));
             TranscriptIndex second = TranscriptIndex.open(dir.resolve("index-2"))) {
            CallStore calls = TestStores.calls(db);
            calls.save(call("a"));
            calls.save(call("b"));
            IndexFollower one = follower(calls, db, first, "checkpoint-1");
            IndexFollower two = follower(calls, db, second, "checkpoint-2");
            one.start();
            two.start();
            org.earshot.server.store.LifecycleStore lifecycle = new org.earshot.server.store.LifecycleStore(db, Json.newMapper());

            lifecycle.deleteCall("a");
            lifecycle.anonymise("b");
            one.catchUp();
            two.catchUp();

            for (TranscriptIndex index : java.util.List.of(first, second)) {
                assertThat(index.count()).as("the deleted call is gone, the anonymous one stays").isEqualTo(1);
                assertThat(index.search(org.earshot.search.CallQuery.builder().caller("5550101").build()).total())
                        .as("found by the number no more").isZero();
            }
            one.close();
            two.close();
        }
    }

    @Test
    void anIndexRestoredFromBeforeAnErasureLosesTheErasedCallAtStart() throws Exception {
        try (TestDatabase test = TestDatabase.create("h2", dir); Database db = test.open();
             TranscriptIndex index = TranscriptIndex.open(dir.resolve("index"))) {
            CallStore calls = TestStores.calls(db);
            calls.save(call("a"));
            calls.save(call("b"));
            IndexFollower before = follower(calls, db, index, "checkpoint");
            before.start();
            before.close();
            new org.earshot.server.store.LifecycleStore(db, Json.newMapper()).deleteCall("a");
            // The restored index's checkpoint claims the deletion, which the index does not hold.
            java.nio.file.Files.writeString(dir.resolve("checkpoint"), Long.toString(calls.changeCountAfter(0)));

            IndexFollower restarted = follower(calls, db, index, "checkpoint");
            restarted.start();

            assertThat(index.count()).isEqualTo(1);
            assertThat(index.missingOf(java.util.List.of("a", "b"))).containsExactly("a");
            restarted.close();
        }
    }

    private IndexFollower follower(CallStore calls, Database db, TranscriptIndex index, String checkpoint) {
        return new IndexFollower(calls, new CallIndexer(calls, new org.earshot.server.store.CallCrmStore(db), index), index,
                dir.resolve(checkpoint), Duration.ofHours(1));
    }

    private static CallRecord call(String id) {
        return CallRecord.builder(id, T, T.plusSeconds(60), CallOutcome.ABANDONED).caller("5550101").queue("support")
                .waitSeconds(30).build();
    }
}
