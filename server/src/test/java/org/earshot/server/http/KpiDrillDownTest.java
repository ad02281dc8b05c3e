package org.earshot.server.http;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.Json;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiSettings;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.SurveyStore;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every figure of GET /api/kpis opens exactly the calls it counts: each row's link for each figure,
 * followed through GET /api/calls, lists as many calls as the figure says, and a mean or a rate taken
 * over those calls is the row's. The calls (Berlin time, UTC+1) hold the edges: a short abandon, a
 * call turned away after hours, a timeout, a key press, a transfer, surveys, flags, and calls just
 * before and after midnight.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpiDrillDownTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String PASSWORD = "a-long-test-password";
    /** Figures that are counts of calls: the link lists exactly that many. */
    private static final List<String> COUNTS = List.of("offered", "answered", "abandoned", "shortAbandoned", "timedOut",
            "transferredIn", "surveys", "flaggedCalls");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Earshot earshot;
    private String base;
    private String admin;

    @BeforeAll
    void startANodeWithTheEdgesOfADay(@TempDir Path dir) throws Exception {
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60),
                new KpiDefinitions(BERLIN, KpiSettings.DEFAULTS, Map.of()), WrapUpRule.DEFAULT, null);
        try (Database db = Database.open(config.jdbcUrl(), null, null)) {
            CallStore calls = TestStores.calls(db);
            calls.save(call("a1", "5551001", "billing", at(23, 9, 0), CallOutcome.ANSWERED, 10, 100.0, "Alice").build());
            calls.save(call("a2", "5551002", "billing", at(23, 9, 30), CallOutcome.ANSWERED, 45, 200.0, "Bob").build());
            calls.save(call("a3", "5551003", "billing", at(23, 10, 0), CallOutcome.ABANDONED, 3, null, null).build());
            calls.save(call("a4", "5551004", "billing", at(23, 10, 30), CallOutcome.ABANDONED, 40, null, null).build());
            calls.save(call("a5", "5551005", "billing", at(23, 11, 0), CallOutcome.TIMEOUT, 90, null, null).build());
            calls.save(call("a6", "5551006", "billing", at(23, 11, 30), CallOutcome.EXIT_WITH_KEY, 20, null, null).build());
            calls.save(call("a7", "anonymous", "billing", at(23, 20, 0), CallOutcome.AFTER_HOURS, 0, null, null).build());
            // Alice answered a8 and passed it to Bob: Bob answered a call nobody offered him.
            calls.save(call("a8", "5551008", "support", at(23, 14, 0), CallOutcome.ANSWERED, 8, 100.0, "Alice")
                    .agents(List.of(talk("Alice", 40), talk("Bob", 60))).build());
            // 23:50 Berlin is the 23rd; 00:30 Berlin on the 24th is still the 23rd in UTC, but not the 23rd's call.
            calls.save(call("a9", "5551001", "support", at(23, 23, 50), CallOutcome.ANSWERED, 5, 300.0, "Carol").build());
            calls.save(call("b1", "5551010", "billing", at(24, 0, 30), CallOutcome.ANSWERED, 5, 60.0, "Alice").build());
            calls.save(call("b2", "5551011", "billing", at(22, 23, 59), CallOutcome.ANSWERED, 5, 60.0, "Bob").build());
            analysed(calls, "a1", "escalation");
            analysed(calls, "a8", "long-dead-air");
            SurveyStore surveys = TestStores.surveys(db);
            surveys.save("a1", 5, 10, 2, Instant.now());
            surveys.save("a2", 2, null, null, Instant.now());
        }
        earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        base = "http://127.0.0.1:" + earshot.httpPort();
        admin = login("admin");
    }

    @AfterAll
    void stop() {
        if (earshot != null) {
            earshot.close();
        }
    }

    @Test
    void everyCountOfEveryRowOpensThatManyCalls() throws Exception {
        int followed = 0;
        for (String groupBy : List.of("none", "queue", "agent", "day", "hour")) {
            for (JsonNode row : get("/api/kpis?from=2026-11-23&to=2026-11-23&groupBy=" + groupBy).get("rows")) {
                for (String figure : COUNTS) {
                    JsonNode calls = get(row.get("links").get(figure).asText() + "&size=100");
                    assertThat(calls.get("total").asLong()).as("%s of %s row '%s'", figure, groupBy, row.get("key"))
                            .isEqualTo(row.get(figure).asLong());
                    assertThat(calls.get("hits")).hasSize(calls.get("total").asInt());
                    followed++;
                }
            }
        }
        assertThat(followed).isGreaterThan(100);
    }

    @Test
    void billingOffersItsOfferedCallsNotItsShortAbandonsNorItsCallsAfterHours() throws Exception {
        JsonNode billing = row("queue", "billing");
        assertThat(billing.get("offered").asInt()).isEqualTo(5);   // a1 a2 a4 a5 a6

        assertThat(ids(get(billing.get("links").get("offered").asText()))).containsExactly("a6", "a5", "a4", "a2", "a1");
        assertThat(ids(get(billing.get("calls").asText()))).containsExactlyInAnyOrder("a1", "a2", "a3", "a4", "a5", "a6", "a7");
    }

    @Test
    void aDayRowEndsAtTheEndOfThatDayInTheKpiTimeZone() throws Exception {
        JsonNode day = get("/api/kpis?from=2026-11-23&to=2026-11-23&groupBy=day").get("rows").get(0);

        assertThat(day.get("to").asText()).isEqualTo("2026-11-23T23:00:00Z");   // midnight Berlin, excluded
        assertThat(ids(get(day.get("links").get("answered").asText()))).containsExactly("a9", "a8", "a2", "a1");
    }

    @Test
    void meansAndRatesAreTakenOverTheCallsTheirLinkOpens() throws Exception {
        for (String groupBy : List.of("none", "queue", "agent")) {
            for (JsonNode row : get("/api/kpis?from=2026-11-23&to=2026-11-23&groupBy=" + groupBy).get("rows")) {
                String what = groupBy + " row '" + row.get("key").asText() + "'";
                List<JsonNode> offered = hits(row, "avgWaitSeconds");
                if (!offered.isEmpty()) {
                    assertThat(row.get("avgWaitSeconds").asDouble()).as(what)
                            .isCloseTo(offered.stream().mapToDouble(h -> h.get("waitSeconds").asDouble()).average().orElseThrow(), within(1e-6));
                    assertThat(row.get("abandonRate").asDouble()).as(what).isCloseTo(
                            offered.stream().filter(h -> h.get("outcome").asText().equals("abandoned")).count() / (double) offered.size(),
                            within(1e-6));
                }
                List<JsonNode> slBase = hits(row, "serviceLevel");
                if (!slBase.isEmpty()) {
                    long within20 = slBase.stream().filter(h -> h.get("outcome").asText().equals("answered")
                            && h.get("waitSeconds").asDouble() <= 20).count();
                    assertThat(row.get("serviceLevel").asDouble()).as(what).isCloseTo(within20 / (double) slBase.size(), within(1e-6));
                }
                List<JsonNode> asa = hits(row, "asaSeconds");
                if (!asa.isEmpty()) {
                    assertThat(row.get("asaSeconds").asDouble()).as(what)
                            .isCloseTo(asa.stream().mapToDouble(h -> h.get("waitSeconds").asDouble()).average().orElseThrow(), within(1e-6));
                }
            }
        }
    }

    @Test
    void bobsAnsweredPassesHisOfferedByTheCallTransferredToHim() throws Exception {
        JsonNode bob = row("agent", "Bob");

        assertThat(bob.get("offered").asInt()).isEqualTo(1);
        assertThat(bob.get("answered").asInt()).isEqualTo(2);
        assertThat(bob.get("transferredIn").asInt()).isEqualTo(1);
        assertThat(ids(get(bob.get("links").get("transferredIn").asText()))).containsExactly("a8");
    }

    @Test
    void theRowOfCallsNoAgentAnsweredOpensThoseCalls() throws Exception {
        JsonNode nobody = row("agent", "");

        assertThat(ids(get(nobody.get("links").get("offered").asText()))).containsExactly("a6", "a5", "a4");
    }

    @Test
    void aFigureDrillDownRefusesFiltersThatWouldChangeItsCalls() throws Exception {
        HttpResponse<String> response = send(base + "/api/calls?kpi=offered&from=2026-11-23&to=2026-11-23&outcome=answered");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("detail").asText()).contains("outcome");
    }

    @Test
    void aFigureDrillDownIsForTheRolesThatReadKpis() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/users"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                        Map.of("username", "quinn", "password", PASSWORD, "role", "qa")))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String qa = login("quinn");

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base
                + "/api/calls?kpi=offered&from=2026-11-23&to=2026-11-23")).header("Authorization", "Bearer " + qa).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    private List<JsonNode> hits(JsonNode row, String field) throws Exception {
        List<JsonNode> hits = new ArrayList<>();
        get(row.get("links").get(field).asText() + "&size=100").get("hits").forEach(hits::add);
        return hits;
    }

    private JsonNode row(String groupBy, String key) throws Exception {
        for (JsonNode row : get("/api/kpis?from=2026-11-23&to=2026-11-23&groupBy=" + groupBy).get("rows")) {
            if (row.get("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no " + groupBy + " row " + key);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("hits").forEach(hit -> ids.add(hit.get("id").asText()));
        return ids;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(base + path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + admin).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String login(String username) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("username", username,
                        "password", PASSWORD)), StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("token").asText();
    }

    private static void analysed(CallStore calls, String id, String flag) throws Exception {
        AnalysisReport report = new AnalysisReport(id + ".wav", 60, Map.of("left", "customer", "right", "agent"), Map.of(),
                List.of(), 0.0, List.of(), 0.2, 0.5, new AnalysisReport.CallSentiment(-0.5, "negative", List.of(flag)),
                List.of(), null, List.of(), null);
        calls.saveAnalysis(id, report, Instant.now());
    }

    private static Instant at(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 11, day, hour, minute).atZone(BERLIN).toInstant();
    }

    private static CallRecord.Builder call(String id, String caller, String queue, Instant entered, CallOutcome outcome,
                                           double wait, Double talk, String agent) {
        Instant ended = entered.plusSeconds((long) (wait + (talk == null ? 0 : talk)));
        CallRecord.Builder b = CallRecord.builder(id, entered, ended, outcome).linkedId(id).caller(caller).queue(queue)
                .answeredAt(outcome == CallOutcome.ANSWERED ? entered.plusSeconds((long) wait) : null)
                .waitSeconds(wait).talkSeconds(talk).queues(List.of(queue));
        return agent == null ? b : b.agent(agent).agents(List.of(talk(agent, talk)));
    }

    private static AgentTalk talk(String agent, double seconds) {
        return new AgentTalk(agent, "Local/" + agent + "@agents/n", seconds, 0);
    }
}
