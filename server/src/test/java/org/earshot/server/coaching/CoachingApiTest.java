package org.earshot.server.coaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.earshot.server.coaching.StoredCalls.BERLIN;
import static org.earshot.server.coaching.StoredCalls.berlin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiSettings;
import org.earshot.server.store.Database;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coaching routes over real HTTP on a real server (port 0), as the web UI calls them. */
class CoachingApiTest {

    // Sunday 2026-12-20, noon in Berlin: the default 8 weeks run from Monday 2026-10-26 to the end of today.
    private static final Clock CLOCK = Clock.fixed(berlin(2026, 12, 20, 12, 0), BERLIN);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static Earshot earshot;
    private static String trainer;
    private static String qa;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, "admin-pass-1", Duration.ofSeconds(60),
                new KpiDefinitions(BERLIN, KpiSettings.DEFAULTS, Map.of()), WrapUpRule.DEFAULT, null);
        try (Database db = Database.open(config.jdbcUrl(), null, null)) {
            StoredCalls calls = new StoredCalls(db);
            for (int i = 0; i < 3; i++) {
                calls.answered("a" + i, "Alice Agent", berlin(2026, 11, 23, 9 + i, 0))
                        .report(Reports.call().agentInterrupts(i)).save();
            }
            calls.answered("b1", "Bob Agent", berlin(2026, 12, 1, 9, 0)).report(Reports.call()).save();
        }
        earshot = Earshot.wire(config, CLOCK, Earshot.Role.SERVE);
        earshot.start();
        admin = login("admin", "admin-pass-1");
        createUser("tara", "trainer-pass-1", "trainer");
        createUser("quinn", "qa-reviewer-pass-1", "qa");
        trainer = login("tara", "trainer-pass-1");
        qa = login("quinn", "qa-reviewer-pass-1");
    }

    @AfterAll
    static void stop() {
        if (earshot != null) {
            earshot.close();
        }
    }

    @Test
    void trainerSeesAgentsAgainstTheTeamWithUnknownFiguresAsNull() throws Exception {
        HttpResponse<String> response = get(trainer, "/api/coaching/agents?from=2026-11-23&to=2026-11-29");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("from").asText()).isEqualTo("2026-11-22T23:00:00Z");
        assertThat(body.get("to").asText()).isEqualTo("2026-11-29T23:00:00Z");
        assertThat(body.get("team").get("interruptionsPerCall").asDouble()).isEqualTo(1.0);
        assertThat(body.get("team").has("csat")).isTrue();
        assertThat(body.get("team").get("csat").isNull()).as("no survey: null, never 0").isTrue();
        JsonNode alice = body.get("agents").get(0);
        assertThat(alice.get("agent").asText()).isEqualTo("Alice Agent");
        assertThat(alice.get("metrics").get("calls").asInt()).isEqualTo(3);
        assertThat(alice.get("outliers").isArray()).isTrue();
    }

    @Test
    void agentViewDefaultsToTheLastEightIsoWeeks() throws Exception {
        HttpResponse<String> response = get(trainer, "/api/coaching/agents/Alice%20Agent");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("agent").asText()).isEqualTo("Alice Agent");
        assertThat(body.get("weeks")).hasSize(8);
        assertThat(body.get("weeks").get(0).get("week").asText()).isEqualTo("2026-W44");
        assertThat(body.get("weeks").get(0).get("start").asText()).isEqualTo("2026-10-26");
        assertThat(body.get("weeks").get(7).get("week").asText()).isEqualTo("2026-W51");
        assertThat(body.get("weeks").get(4).get("agent").get("calls").asInt()).isEqualTo(3);   // W48
        assertThat(body.get("examples").get("interruptionsPerCall").get(0).get("callId").asText()).isEqualTo("a2");
        assertThat(body.get("examples").get("interruptionsPerCall").get(0).get("at").asDouble()).isEqualTo(20.0);
        assertThat(body.get("examples").get("wordsPerMinute")).isEmpty();
    }

    @Test
    void agentWithoutCallsIsA404ThatNamesTheAgent() throws Exception {
        HttpResponse<String> response = get(trainer, "/api/coaching/agents/Nobody?from=2026-11-23&to=2026-11-29");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("'Nobody' has no calls");
    }

    @Test
    void patternsSayWhenThereIsTooLittleToCompare() throws Exception {
        HttpResponse<String> response = get(admin, "/api/coaching/patterns");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("lowCsat").get("definition").asText()).isEqualTo("CSAT ≤ 2 vs CSAT ≥ 4");
        assertThat(body.get("lowCsat").get("note").asText()).startsWith("no analysed call");
        assertThat(body.get("repeatCalls").get("cues").get(0).has("effectSize")).isTrue();
    }

    @Test
    void qaMayNotUseTheCoachingRoutes() throws Exception {
        for (String path : List.of("/api/coaching/agents", "/api/coaching/agents/Alice%20Agent", "/api/coaching/patterns")) {
            assertThat(get(qa, path).statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    void badFromOrToIsA400ThatSaysWhy() throws Exception {
        HttpResponse<String> badDate = get(trainer, "/api/coaching/agents?from=yesterday");
        HttpResponse<String> backwards = get(trainer, "/api/coaching/patterns?from=2026-12-01&to=2026-11-01");
        HttpResponse<String> tooLong = get(trainer, "/api/coaching/agents/Bob%20Agent?from=2020-01-01&to=2026-12-01");

        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badDate.body()).get("detail").asText()).contains("from must be a date").contains("yesterday");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(backwards.body()).get("detail").asText()).contains("must be before");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooLong.body()).get("detail").asText()).contains("400 days");
    }

    private static HttpResponse<String> get(String token, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String login(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", username, "password", password)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("login " + username + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("token").asText();
    }

    private static void createUser(String username, String password, String role) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/users"))
                .header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", username, "password", password, "role", role)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("create " + username + ": " + response.body()).isBetween(200, 201);
    }

    private static String base() {
        return "http://127.0.0.1:" + earshot.httpPort();
    }
}
