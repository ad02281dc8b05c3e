package org.earshot.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.earshot.search.CallQuery;
import org.earshot.server.Json;
import org.earshot.server.testing.TestStores;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What erasure leaves in the store stays so: calls arriving again, late analyses, the caller rule, the hold. */
class LifecycleStoreTest {

    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;
    private TestDatabase test;
    private Database db;
    private CallStore calls;
    private LifecycleStore lifecycle;

    @BeforeEach
    void open() {
        test = TestDatabase.create("h2", dir);
        db = test.open();
        calls = TestStores.calls(db);
        lifecycle = new LifecycleStore(db, Json.newMapper());
    }

    @AfterEach
    void close() {
        db.close();
        test.close();
    }

    @Test
    void anErasedCallDeliveredAgainStaysAnonymous() {
        calls.save(call("a", "+1 404 555 0149"));
        lifecycle.anonymise("a");

        CallStore.Saved again = calls.save(call("a", "+1 404 555 0149"));

        assertThat(again).as("the same call again is no change").isEqualTo(CallStore.Saved.UNCHANGED);
        CallRecord stored = calls.find("a").orElseThrow();
        assertThat(stored.caller()).isNull();
        assertThat(stored.callerName()).isNull();
        assertThat(stored.recordingFile()).isNull();
        assertThat(stored.recordingFiles()).isEmpty();
    }

    @Test
    void anAnalysisThatFinishesAfterTheErasureIsNotStored() {
        calls.save(call("a", "5550100"));
        calls.save(call("b", "5550101"));
        lifecycle.anonymise("a");
        lifecycle.deleteCall("b");

        calls.saveAnalysis("a", report(), T);
        calls.saveAnalysis("b", report(), T);

        assertThat(calls.findAnalysis("a")).isEmpty();
        assertThat(calls.findAnalysis("b")).isEmpty();
    }

    @Test
    void theCallsOfACallerAreFoundInEverySpellingTheSearchMatchesAndNoOther() {
        calls.save(call("a", "+1 (404) 555-0149"));
        calls.save(call("b", "14045550149"));
        calls.save(call("c", "4045550149")); // no country code: another number, as caller= has it
        calls.save(call("d", "1404555014%"));

        assertThat(lifecycle.callsOfCaller("+1 404.555.0149", CallQuery::callerNumber))
                .extracting(LifecycleStore.CallerCall::callId).containsExactly("a", "b");
        assertThat(lifecycle.callsOfCaller("1404555014%", CallQuery::callerNumber))
                .extracting(LifecycleStore.CallerCall::callId).containsExactly("d");
    }

    @Test
    void aHeldCallIsNeitherDeletedNorAnonymised() {
        calls.save(call("a", "5550100"));
        lifecycle.setLegalHold("a", true);

        assertThatThrownBy(() -> lifecycle.deleteCall("a")).isInstanceOf(LifecycleStore.CallHeld.class);
        assertThatThrownBy(() -> lifecycle.anonymise("a")).isInstanceOf(LifecycleStore.CallHeld.class);
        assertThat(lifecycle.purge(LifecycleStore.Part.CALL, List.of("a"))).isZero();
        assertThat(calls.find("a").orElseThrow().caller()).isEqualTo("5550100");
    }

    private static CallRecord call(String id, String caller) {
        return CallRecord.builder(id, T, T.plusSeconds(60), CallOutcome.ANSWERED).linkedId(id).caller(caller)
                .callerName("Ada").queue("support").agent("Alice").answeredAt(T.plusSeconds(5)).waitSeconds(5)
                .talkSeconds(55.0).recordingFile("/var/spool/asterisk/monitor/" + id + ".raw")
                .recordingFiles(List.of("/var/spool/asterisk/monitor/" + id + ".raw")).build();
    }

    private static AnalysisReport report() {
        return new AnalysisReport("a.raw", 1.0, Map.of("left", "customer", "right", "agent"), Map.of(), null, null,
                List.of(), 0.0, 0.0, null, List.of(), List.of(), List.of(), null);
    }
}
