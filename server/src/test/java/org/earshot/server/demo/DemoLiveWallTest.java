package org.earshot.server.demo;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.Json;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiService;
import org.earshot.server.store.AgentIntervalStore;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.Stores;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AgentDay;
import org.earshot.telephony.AgentState;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo floor over a real demo store (loaded once, without recordings) and behind the real server:
 * it reads each agent's day from the stored calls, writes nothing, and {@code GET /api/me} tells the UI
 * the wall is simulated.
 */
class DemoLiveWallTest {

    static final Instant NOW = Instant.parse("2026-11-27T14:20:00Z"); // a Friday afternoon
    static final ZoneId ZONE = KpiDefinitions.DEFAULTS.zone();
    static final Clock CLOCK = Clock.fixed(NOW, ZONE);

    @TempDir
    static Path dir;
    static EarshotConfig config;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void loadTheDemo() throws Exception {
        config = new EarshotConfig(0, dir.resolve("demo-data"), null, null, null, null, null, ChannelRoles.CUSTOMER_AGENT,
                null, 1, null, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null);
        try (Database db = Database.open(config.jdbcUrl(), null, null)) {
            new DemoCallCenter(new Stores(db, Json.newMapper(), new org.earshot.server.kpi.KpiRules(org.earshot.server.kpi.KpiDefinitions.DEFAULTS)), config.dataDir(), ZONE, DemoCallCenterTest.NO_ESPEAK, Dialogues.load(), DemoCallCenter.SEED,
                    CLOCK).load(null);
        }
    }

    @Test
    void theFloorWritesNothingToTheStore() {
        try (Database db = Database.open(config.jdbcUrl(), null, null)) {
            CallStore calls = TestStores.calls(db);
            AgentIntervalStore intervals = new AgentIntervalStore(db, ZONE);
            long callsBefore = calls.count();
            int intervalsBefore = intervals.overlapping(Instant.EPOCH, NOW.plus(Duration.ofDays(1))).size();
            StepClock clock = new StepClock(NOW, ZONE);
            ManualTicker ticker = new ManualTicker(clock);

            try (DemoLiveFloor floor = new DemoLiveFloor(DemoCallCenter.SEED, clock, ZONE,
                    DemoLiveFloor.storedDays(TestStores.kpis(db, KpiDefinitions.DEFAULTS, clock), ZONE), ticker)) {
                floor.start();
                for (int i = 0; i < 600; i++) {
                    ticker.step();
                }
            }

            assertThat(calls.count()).isEqualTo(callsBefore);
            assertThat(intervals.overlapping(Instant.EPOCH, NOW.plus(Duration.ofDays(1)))).hasSize(intervalsBefore);
        }
    }

    @Test
    void eachAgentsDayIsCountedFromTheStoredCallsOfToday() {
        try (Database db = Database.open(config.jdbcUrl(), null, null)) {
            CallStore calls = TestStores.calls(db);
            LocalDate today = NOW.atZone(ZONE).toLocalDate();
            Map<String, Integer> handled = new HashMap<>();
            Map<String, Double> talk = new HashMap<>();
            for (CallRecord call : calls.findAll(calls.ids(false)).values()) {
                if (call.outcome() == CallOutcome.ANSWERED && call.enteredAt().atZone(ZONE).toLocalDate().equals(today)) {
                    for (AgentTalk part : call.agents()) {
                        handled.merge(part.agent(), 1, Integer::sum);
                        talk.merge(part.agent(), part.talkSeconds(), Double::sum);
                    }
                }
            }
            StepClock clock = new StepClock(NOW, ZONE);
            ManualTicker ticker = new ManualTicker(clock);

            try (DemoLiveFloor floor = new DemoLiveFloor(DemoCallCenter.SEED, clock, ZONE,
                    DemoLiveFloor.storedDays(TestStores.kpis(db, KpiDefinitions.DEFAULTS, clock), ZONE), ticker)) {
                floor.start();
                ticker.step();

                assertThat(handled.values().stream().mapToInt(Integer::intValue).sum()).as("calls handled today").isPositive();
                for (AgentState agent : floor.agents().snapshot()) {
                    AgentDay day = agent.today();
                    assertThat(day.date()).isEqualTo(today);
                    assertThat(day.callsHandled()).as(agent.agent()).isEqualTo(handled.getOrDefault(agent.agent(), 0));
                    assertThat(day.talkSeconds()).as(agent.agent()).isCloseTo(talk.getOrDefault(agent.agent(), 0.0), within(0.01));
                }
            }
        }
    }

    @Test
    void aDemoNodeWithoutAmiShowsTheSimulatedFloorAndSaysSo() throws Exception {
        try (Earshot earshot = Earshot.wire(config, CLOCK, Earshot.Role.SERVE, DemoCallCenter.liveFloor(config, CLOCK))) {
            earshot.start();
            String base = "http://127.0.0.1:" + earshot.httpPort();
            String token = login(base);

            assertThat(get(base, token, "/api/me").get("liveSource").asText()).isEqualTo("demo");
            assertThat(get(base, token, "/api/agents/live").get("agents")).extracting(a -> a.get("agent").asText())
                    .containsExactlyElementsOf(DemoFloor.AGENTS.stream().map(DemoFloor.Agent::name).sorted().toList());
            assertThat(get(base, token, "/api/queues/live").get("queues")).extracting(q -> q.get("queue").asText())
                    .containsExactly("billing", "sales", "support");
        }
    }

    @Test
    void aNodeWithoutAmiOrStandInSaysItsWallHasNoSource() throws Exception {
        try (Earshot earshot = Earshot.wire(config, CLOCK, Earshot.Role.SERVE)) {
            earshot.start();
            String base = "http://127.0.0.1:" + earshot.httpPort();
            String token = login(base);

            assertThat(get(base, token, "/api/me").get("liveSource").asText()).isEqualTo("none");
            assertThat(get(base, token, "/api/agents/live").get("agents")).isEmpty();
        }
    }

    private String login(String base) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("username", "supervisor",
                        "password", DemoCallCenter.PASSWORD)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("token").asText();
    }

    private JsonNode get(String base, String token, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
