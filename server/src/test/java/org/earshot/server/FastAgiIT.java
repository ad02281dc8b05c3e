package org.earshot.server;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AgiSettings;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.WrapUpRule;
import org.earshot.telephony.testing.FakeAsterisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's FastAGI scripts over a real socket: survey answers reach the KPIs, a closed queue records the call. */
class FastAgiIT {

    @TempDir
    Path dir;

    @Test
    void surveyAnswersBecomeTheCallsCsatNpsAndCes() throws Exception {
        Instant now = Instant.now();
        try (Earshot earshot = start(Map.of("agi-port", "0"))) {
            try (Database db = Database.open(config(Map.of()).jdbcUrl(), null, null)) {
                TestStores.calls(db).save(CallRecord.builder("c1", now.minusSeconds(60), now, CallOutcome.ANSWERED)
                        .linkedId("L1").caller("5550101").queue("support").agent("Alice Agent").waitSeconds(4)
                        .talkSeconds(50.0).build());
            }

            FakeAsterisk.call("survey?linkedid=L1").keys("4", "10", "2").dial(earshot.agiPort());

            JsonNode row = get(earshot, "/api/kpis").get("rows").get(0);
            assertThat(row.get("surveys").asInt()).isEqualTo(1);
            assertThat(row.get("csat").asDouble()).isEqualTo(4.0);
            assertThat(row.get("nps").asDouble()).isEqualTo(100.0);
            assertThat(row.get("ces").asDouble()).isEqualTo(2.0);
        }
    }

    @Test
    void callToAQueueOnAHolidayIsToldToGoAwayAndRecordedAsAfterHours() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        try (Earshot earshot = start(Map.of("agi-port", "0", "queue.support.hours", "mon-sun 00:00-23:59",
                "queue.support.holidays", today))) {
            FakeAsterisk.Session session = FakeAsterisk.call("hours?queue=support").env("agi_callerid", "5550199")
                    .dial(earshot.agiPort());

            assertThat(session.variables()).containsEntry("EARSHOT_AFTER_HOURS", "1");
            JsonNode calls = awaitCalls(earshot);
            assertThat(calls.get("hits").get(0).get("outcome").asText()).isEqualTo("after-hours");
            assertThat(calls.get("hits").get(0).get("caller").asText()).isEqualTo("5550199");
        }
    }

    private Earshot start(Map<String, String> agiKeys) throws Exception {
        Earshot earshot = Earshot.wire(config(agiKeys), Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        return earshot;
    }

    private EarshotConfig config(Map<String, String> agiKeys) {
        return new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null, ChannelRoles.CUSTOMER_AGENT, null, 1,
                "admin-pass-1", Duration.ofSeconds(60), KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT,
                agiKeys.isEmpty() ? null : AgiSettings.fromConfig(agiKeys));
    }

    private JsonNode awaitCalls(Earshot earshot) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode page = get(earshot, "/api/calls");
        while (page.get("total").asInt() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            page = get(earshot, "/api/calls");
        }
        return page;
    }

    private static JsonNode get(Earshot earshot, String path) throws Exception {
        return ApiClient.login(earshot, "admin", "admin-pass-1").get(path);
    }
}
