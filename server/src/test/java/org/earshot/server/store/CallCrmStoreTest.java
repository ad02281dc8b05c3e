package org.earshot.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.earshot.server.testing.TestStores;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A call's CRM record: linked once, replaced when it changes, and each real change re-indexes the call. */
class CallCrmStoreTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void linkIsStoredAndReplacedAndLogsAChangeOnlyWhenItChanges(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            CallStore calls = TestStores.calls(db);
            calls.save(CallRecord.builder("c1", AT, AT.plusSeconds(60), CallOutcome.ANSWERED).caller("+15550101").build());
            CallCrmStore crm = new CallCrmStore(db);
            long changes = calls.changeCountAfter(0);

            assertThat(crm.link("c1", "C-1001", "Ada Lovelace", AT)).isTrue();
            assertThat(crm.link("c1", "C-1001", "Ada Lovelace", AT.plusSeconds(5))).as("the same again").isFalse();
            assertThat(calls.changeCountAfter(0)).isEqualTo(changes + 1);

            assertThat(crm.link("c1", "C-1001", "Ada King", AT.plusSeconds(9))).isTrue();
            assertThat(crm.find("c1")).contains(new CallCrmStore.Link("c1", "C-1001", "Ada King", AT.plusSeconds(9)));
            assertThat(crm.crmIds(List.of("c1", "c2"))).containsExactly(java.util.Map.entry("c1", "C-1001"));
            assertThat(crm.find("c2")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void blankOrOverlongIdIsRefused(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Database db = test.open()) {
            CallCrmStore crm = new CallCrmStore(db);

            assertThatThrownBy(() -> crm.link("c1", " ", null, AT)).hasMessageContaining("CRM id");
            assertThatThrownBy(() -> crm.link("c1", "x".repeat(CallCrmStore.MAX_ID + 1), null, AT))
                    .hasMessageContaining("CRM id");
        }
    }
}
