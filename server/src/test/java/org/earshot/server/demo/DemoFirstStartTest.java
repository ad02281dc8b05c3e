package org.earshot.server.demo;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;
import org.earshot.server.testing.Prerequisites;
import static org.earshot.server.demo.DemoCallCenterTest.CLOCK;
import static org.earshot.server.demo.DemoCallCenterTest.NO_ESPEAK;
import static org.earshot.server.demo.DemoCallCenterTest.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.earshot.server.Json;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.store.AuditStore;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.JobQueue;
import org.earshot.server.store.Stores;
import org.earshot.server.store.TestDatabase;
import org.earshot.server.store.UserStore;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a first start behaves on stores in other states: not empty, cut off part-way, without recordings before. */
class DemoFirstStartTest {

    @TempDir
    Path dir;

    @Test
    void aStoreHoldingOtherCallsIsLeftAlone() throws Exception {
        try (TestDatabase test = TestDatabase.create("h2", dir); Database db = test.open()) {
            CallStore calls = TestStores.calls(db);
            calls.save(CallRecord.builder("real-1", CLOCK.instant().minusSeconds(60), CLOCK.instant(), CallOutcome.ABANDONED)
                    .caller("5551234").build());

            DemoCallCenter.Loaded loaded = demo(db, dir, NO_ESPEAK).load(null);

            assertThat(loaded.status()).isEqualTo(DemoCallCenter.Status.REFUSED);
            assertThat(loaded.note()).contains("1 call(s) that are not the demo's", "--data-dir");
            assertThat(calls.count()).isEqualTo(1);
            assertThat(new UserStore(db).count()).isZero();
        }
    }

    @Test
    void aConfiguredAdminPasswordWinsForAdminOnly() throws Exception {
        try (TestDatabase test = TestDatabase.create("h2", dir); Database db = test.open()) {
            DemoCallCenter.Loaded loaded = demo(db, dir, NO_ESPEAK).load("my-own-admin-password");

            Authenticator auth = new Authenticator(new UserStore(db), new AuditStore(db), CLOCK);
            assertThat(auth.login("admin", "my-own-admin-password", "127.0.0.1")).isPresent();
            assertThat(auth.login("admin", DemoCallCenter.PASSWORD, "127.0.0.1")).isEmpty();
            assertThat(auth.login("supervisor", DemoCallCenter.PASSWORD, "127.0.0.1")).isPresent();
            assertThat(loaded.logins()).contains("admin with your admin-password").doesNotContain("my-own-admin-password");
        }
    }

    @Test
    void aFirstStartCutOffPartWayRunsAgainWithoutDuplicates() throws Exception {
        try (TestDatabase test = TestDatabase.create("h2", dir); Database db = test.open()) {
            DemoCallCenter.Loaded first = demo(db, dir, NO_ESPEAK).load(null);
            new DemoState(first.to(), true, null).write(dir.resolve("demo")); // as if stopped before it finished

            DemoCallCenter.Loaded again = demo(db, dir, NO_ESPEAK).load(null);

            assertThat(again.status()).isEqualTo(DemoCallCenter.Status.GENERATED);
            assertThat(TestStores.calls(db).count()).isEqualTo(first.calls());
            assertThat(again).usingRecursiveComparison().ignoringFields("status").isEqualTo(first);
        }
    }

    @Test
    void aLaterStartWithEspeakAddsTheRecordingsSkippedBefore() throws Exception {
        EspeakNg espeak = new EspeakNg("espeak-ng");
        Prerequisites.require(espeak.unavailable().isEmpty(), "espeak-ng (apt-get install espeak-ng): " + espeak.unavailable().orElse(""));
        Dialogues.Script full = Dialogues.load();
        Dialogues.Script one = new Dialogues.Script(List.of(), full.company(), full.dialogues().subList(0, 1));
        try (TestDatabase test = TestDatabase.create("h2", dir); Database db = test.open()) {
            DemoCallCenter.Loaded without = demo(db, dir, NO_ESPEAK).load(null);

            DemoCallCenter.Loaded with = new DemoCallCenter(new Stores(db, Json.newMapper(), new org.earshot.server.kpi.KpiRules(org.earshot.server.kpi.KpiDefinitions.DEFAULTS)), dir, DemoCallCenterTest.ZONE, espeak, one, DemoCallCenter.SEED,
                    CLOCK).load(null);

            assertThat(with.recordingsSkipped()).isNull();
            assertThat(with.recordedCallIds()).hasSize(1);
            assertThat(with.calls()).isEqualTo(without.calls());
            String id = with.recordedCallIds().get(0);
            CallRecord call = TestStores.calls(db).find(id).orElseThrow();
            assertThat(Path.of(call.recordingFile())).exists();
            assertThat(new JobQueue(db, CLOCK, "test", Duration.ofMinutes(1)).status(id).orElseThrow().state()).isEqualTo("queued");
            assertThat(demo(db, dir, NO_ESPEAK).load(null).status()).isEqualTo(DemoCallCenter.Status.REUSED);
            assertThat(Files.list(dir.resolve("demo/recordings"))).hasSize(1);
        }
    }
}
