package org.earshot.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.earshot.telephony.AgiServer;
import org.earshot.telephony.AgiSettings;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.QueueRouting;
import org.earshot.telephony.testing.FakeAsterisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hours script: working hours, holidays and zones; after-hours calls become CallRecords. */
class HoursScriptTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final List<CallRecord> calls = new CopyOnWriteArrayList<>();
    private AgiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Runs the script at {@code now} for queue support open mon-fri 08:00-18:00 Berlin, closed on 2026-12-25. */
    private Map<String, String> callAt(String now) throws Exception {
        QueueRouting support = QueueRouting.parse("support", "balanced", "mon-fri 08:00-18:00; sat 09:00-13:00",
                "2026-12-25", BERLIN);
        AgiSettings settings = Agi.settings(ZoneId.of("UTC"), support);
        server = new AgiServer(settings, Map.of("hours",
                new HoursScript(settings, calls::add, Clock.fixed(Instant.parse(now), ZoneId.of("UTC")))));
        int port = server.start();
        return FakeAsterisk.call("hours?queue=support&linkedid=earshot-lab-1795393267.32").dial(port).variables();
    }

    @Test
    void callInsideWorkingHoursIsOpenAndNotRecorded() throws Exception {
        // Monday 2026-11-23 09:30 in Berlin = 08:30 UTC.
        assertThat(callAt("2026-11-23T08:30:00Z")).containsEntry("EARSHOT_AFTER_HOURS", "0");
        assertThat(calls).isEmpty();
    }

    @Test
    void callOutsideWorkingHoursIsFlaggedAndRecordedAsAfterHours() throws Exception {
        // Monday 19:00 Berlin.
        Instant now = Instant.parse("2026-11-23T18:00:00Z");
        assertThat(callAt(now.toString())).containsEntry("EARSHOT_AFTER_HOURS", "1");

        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(CallOutcome.AFTER_HOURS);
            assertThat(c.uniqueId()).isEqualTo("earshot-lab-1795393267.33");
            assertThat(c.linkedId()).isEqualTo("earshot-lab-1795393267.32");
            assertThat(c.caller()).isEqualTo("5550108");
            assertThat(c.queue()).isEqualTo("support");
            assertThat(c.dnis()).isEqualTo("5550108");
            assertThat(c.enteredAt()).isEqualTo(now);
            assertThat(c.endedAt()).isEqualTo(now);
            assertThat(c.waitSeconds()).isZero();
            assertThat(c.agent()).isNull();
        });
    }

    @Test
    void holidayIsClosedAllDay() throws Exception {
        // Friday 2026-12-25 11:00 Berlin would be open on a normal Friday.
        assertThat(callAt("2026-12-25T10:00:00Z")).containsEntry("EARSHOT_AFTER_HOURS", "1");
        assertThat(calls).hasSize(1);
    }

    @Test
    void hoursAreReadInTheQueuesZoneNotUtc() throws Exception {
        // 07:30 UTC is 08:30 in Berlin: open, though 07:30 would be closed in UTC.
        assertThat(callAt("2026-11-23T07:30:00Z")).containsEntry("EARSHOT_AFTER_HOURS", "0");
    }

    @Test
    void saturdayHasItsOwnWindow() throws Exception {
        // Saturday 2026-11-28 13:30 Berlin: after the 09:00-13:00 window.
        assertThat(callAt("2026-11-28T12:30:00Z")).containsEntry("EARSHOT_AFTER_HOURS", "1");
    }

    @Test
    void holidaysParseAsLocalDates() {
        QueueRouting q = QueueRouting.parse("support", null, null, "2026-12-26, 2026-12-25", BERLIN);
        assertThat(q.holidays()).containsExactly(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26));
    }
}
