package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.store.AlertStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.EventOutbox;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/alerts and POST /api/alerts/{id}/acknowledge on a real node: who may, what is audited, /metrics. */
class AlertRoutesTest {

    private static final String PASSWORD = "a-long-test-password";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Database db;
    private Earshot earshot;
    private String base;
    private long waitAlert;
    private long pauseAlert;

    @BeforeEach
    void startANodeWithTwoOpenAlerts(@TempDir Path dir) throws Exception {
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        db = Database.open(config.jdbcUrl(), null, null);
        AlertStore store = new AlertStore(db, EventOutbox.NONE);
        Instant now = Instant.now();
        waitAlert = store.raise(new AlertStore.Raise("long-wait|support|c1|", "long-wait", "c1", null, "support",
                now.minusSeconds(60), "a caller has waited 2 min in support (limit 2 min)")).orElseThrow().id();
        pauseAlert = store.raise(new AlertStore.Raise("long-pause|Bob|break|", "long-pause", null, "Bob", "support",
                now.minusSeconds(30), "Bob has been paused (break) for 15 min (limit 15 min)")).orElseThrow().id();
        earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        base = "http://127.0.0.1:" + earshot.httpPort();
        String admin = login("admin", PASSWORD);
        for (String[] user : new String[][] {{"sam", "supervisor"}, {"quinn", "qa"}, {"tess", "trainer"}}) {
            HttpResponse<String> created = send(admin, "POST", "/api/users", json.writeValueAsString(Map.of("username",
                    user[0], "password", PASSWORD, "role", user[1])));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
    }

    @AfterEach
    void stop() {
        if (earshot != null) {
            earshot.close();
        }
        db.close();
    }

    @Test
    void supervisorsAndAdminsListAlertsNewestFirstAndQaAndTrainersMayNot() throws Exception {
        HttpResponse<String> list = send(login("sam", PASSWORD), "GET", "/api/alerts", null);

        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode alerts = json.readTree(list.body()).get("alerts");
        assertThat(alerts).extracting(a -> a.get("id").asLong()).containsExactly(pauseAlert, waitAlert);
        assertThat(alerts.get(0).get("agent").asText()).isEqualTo("Bob");
        assertThat(alerts.get(0).has("callId")).isFalse();
        assertThat(alerts.get(1).get("callId").asText()).isEqualTo("c1");
        assertThat(alerts.get(1).get("active").isBoolean()).isTrue();
        assertThat(send(login("admin", PASSWORD), "GET", "/api/alerts?rule=long-wait&status=open", null).body())
                .contains("\"id\":" + waitAlert).doesNotContain("\"id\":" + pauseAlert + ",");
        assertThat(send(login("quinn", PASSWORD), "GET", "/api/alerts", null).statusCode()).isEqualTo(403);
        assertThat(send(login("tess", PASSWORD), "GET", "/api/alerts", null).statusCode()).isEqualTo(403);
        assertThat(send(login("quinn", PASSWORD), "POST", "/api/alerts/" + waitAlert + "/acknowledge", "").statusCode())
                .isEqualTo(403);
    }

    @Test
    void acknowledgingIsAuditedOnceAndTheFirstAcknowledgerStays() throws Exception {
        String sam = login("sam", PASSWORD);

        HttpResponse<String> first = send(sam, "POST", "/api/alerts/" + waitAlert + "/acknowledge", "");
        HttpResponse<String> second = send(login("admin", PASSWORD), "POST", "/api/alerts/" + waitAlert + "/acknowledge", "");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json.readTree(first.body()).get("acknowledgedBy").asText()).isEqualTo("sam");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json.readTree(second.body()).get("acknowledgedBy").asText()).isEqualTo("sam");
        JsonNode audit = json.readTree(send(login("admin", PASSWORD), "GET", "/api/audit?action=alert-acknowledged", null)
                .body());
        assertThat(audit.get("total").asInt()).isEqualTo(1);
        assertThat(audit.toString()).contains("\"username\":\"sam\"").contains("\"target\":\"alert " + waitAlert + "\"")
                .contains("long-wait, call c1, queue support");
        JsonNode open = json.readTree(send(sam, "GET", "/api/alerts?status=open", null).body()).get("alerts");
        assertThat(open).extracting(a -> a.get("id").asLong()).containsExactly(pauseAlert);
    }

    @Test
    void anUnknownAlertIsA404AndABadStatusA400() throws Exception {
        String sam = login("sam", PASSWORD);

        assertThat(send(sam, "POST", "/api/alerts/999999/acknowledge", "").statusCode()).isEqualTo(404);
        assertThat(send(sam, "POST", "/api/alerts/not-a-number/acknowledge", "").statusCode()).isEqualTo(404);
        assertThat(send(sam, "GET", "/api/alerts?status=closed", null).statusCode()).isEqualTo(400);
        assertThat(send(sam, "GET", "/api/alerts?limit=0", null).statusCode()).isEqualTo(400);
        assertThat(send(sam, "GET", "/api/alerts?colour=red", null).statusCode()).isEqualTo(400);
    }

    @Test
    void metricsCountOpenAlertsAndHaveEveryRulesCounterFromTheStart() throws Exception {
        send(login("sam", PASSWORD), "POST", "/api/alerts/" + pauseAlert + "/acknowledge", "");

        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(metrics).contains("earshot_alerts_open 1.0");
        for (String rule : new String[] {"escalation-keyword", "customer-sentiment", "agent-interruptions", "dead-air",
                "hold", "long-wait", "service-level", "long-pause"}) {
            assertThat(metrics).contains("earshot_alerts_raised_total{rule=\"" + rule + "\"} 0.0");
        }
    }

    @Test
    void theSettingsPageShowsTheAlertRulesInForce() throws Exception {
        JsonNode alerts = json.readTree(send(login("admin", PASSWORD), "GET", "/api/settings", null).body()).get("alerts");

        assertThat(alerts.get("alert.wait-seconds").asDouble()).isEqualTo(120);
        assertThat(alerts.get("alert.escalation-keywords").asText()).contains("cancel");
        assertThat(alerts.get("alert.service-level-target").asDouble()).isEqualTo(80);
    }

    private String login(String username, String password) throws Exception {
        HttpResponse<String> login = send(null, "POST", "/api/login", json.writeValueAsString(Map.of("username", username,
                "password", password)));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json.readTree(login.body()).get("token").asText();
    }

    private HttpResponse<String> send(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
