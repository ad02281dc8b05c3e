package org.earshot.server;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiService;
import org.earshot.server.kpi.KpiSettings;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.TestDatabase;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallsHandledSeedTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    @TempDir
    Path dir;

    @Test
    void theBalancedRuleIsSeededWithEachAgentsAnsweredCallsOfTheDayInTheConfiguredZone() throws Exception {
        try (Database db = TestDatabase.create("h2", dir).open()) {
            CallStore calls = TestStores.calls(db);
            calls.save(answered("c1", at(TODAY, 9), List.of("Alice")));
            calls.save(answered("c2", at(TODAY, 10), List.of("Alice", "Bob")));  // transferred: both talked
            // 23:30 UTC the day before is 00:30 in Berlin: today there, yesterday in UTC.
            calls.save(answered("c3", Instant.parse("2026-12-01T23:30:00Z"), List.of("Carol")));
            calls.save(answered("c4", at(TODAY.minusDays(1), 12), List.of("Bob")));   // yesterday
            calls.save(CallRecord.builder("c5", at(TODAY, 11), at(TODAY, 11).plusSeconds(30), CallOutcome.ABANDONED)
                    .caller("5550100").queue("support").queues(List.of("support")).waitSeconds(30).build());
            KpiService kpis = TestStores.kpis(db, new KpiDefinitions(BERLIN, KpiSettings.DEFAULTS, Map.of()),
                    Clock.fixed(at(TODAY, 12), BERLIN));

            Map<String, Integer> handled = Earshot.callsHandledOn(kpis, TODAY, BERLIN);

            assertThat(handled).containsExactlyInAnyOrderEntriesOf(Map.of("Alice", 2, "Bob", 1, "Carol", 1));
        }
    }

    private static CallRecord answered(String id, Instant entered, List<String> agents) {
        List<AgentTalk> talk = agents.stream().map(a -> new AgentTalk(a, "Local/" + a + "@agents/n", 60, 0)).toList();
        return CallRecord.builder(id, entered, entered.plusSeconds(70 * agents.size()), CallOutcome.ANSWERED)
                .caller("555" + id).queue("support").queues(List.of("support")).answeredAt(entered.plusSeconds(10))
                .waitSeconds(10).talkSeconds(60.0 * agents.size()).agents(talk).build();
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(BERLIN).toInstant();
    }
}
