package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The saved-search routes over real HTTP on a real node: owners only, roles, validation naming the field. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavedSearchRoutesTest {

    private static final String PASSWORD = "a-long-test-password";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Earshot earshot;
    private String base;
    private String admin;
    private String supervisor;
    private String trainer;

    @BeforeAll
    void startANode(@TempDir Path dir) throws Exception {
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        base = "http://127.0.0.1:" + earshot.httpPort();
        admin = login("admin");
        for (String[] user : List.of(new String[] {"sam", "supervisor"}, new String[] {"tina", "trainer"})) {
            assertThat(send("POST", "/api/users", admin, Map.of("username", user[0], "password", PASSWORD, "role", user[1]))
                    .statusCode()).isEqualTo(201);
        }
        supervisor = login("sam");
        trainer = login("tina");
    }

    @AfterAll
    void stop() {
        if (earshot != null) {
            earshot.close();
        }
    }

    @Test
    void aSavedSearchReadsBackWithItsFiltersAndNoNewMatchesAndIsAudited() throws Exception {
        HttpResponse<String> created = send("POST", "/api/searches", supervisor, Map.of("name", "Angry billing calls",
                "query", "cancel OR refund", "filters", Map.of("queue", List.of("billing"), "minDuration", "60",
                        "flag", "customer-negative", "sort", "-date"), "watch", true, "flagForQa", true));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode search = json.readTree(created.body());
        assertThat(search.get("owner").asText()).isEqualTo("sam");
        assertThat(search.at("/filters/queue")).extracting(JsonNode::asText).containsExactly("billing");
        assertThat(search.at("/filters/flag")).extracting(JsonNode::asText).containsExactly("customer-negative");
        assertThat(search.at("/filters/minDuration").asDouble()).isEqualTo(60.0);
        assertThat(search.get("watch").asBoolean()).isTrue();
        assertThat(search.get("flagForQa").asBoolean()).isTrue();
        assertThat(search.get("newMatches").asLong()).isZero();
        JsonNode list = json.readTree(send("GET", "/api/searches", supervisor, null).body());
        assertThat(list.get("searches")).anySatisfy(s -> assertThat(s.get("id").asLong()).isEqualTo(search.get("id").asLong()));
        assertThat(list.get("newMatches").asLong()).isZero();
        JsonNode audit = json.readTree(send("GET", "/api/audit?action=saved-search-created", admin, null).body());
        assertThat(audit.get("entries")).anySatisfy(e -> {
            assertThat(e.get("username").asText()).isEqualTo("sam");
            assertThat(e.get("target").asText()).isEqualTo("saved search " + search.get("id").asLong());
        });
    }

    @Test
    void nobodyReachesAnotherUsersSearchNotEvenAnAdmin() throws Exception {
        long id = create(supervisor, "Sam's own");
        String path = "/api/searches/" + id;

        assertThat(send("GET", path, admin, null).statusCode()).isEqualTo(404);
        assertThat(send("PUT", path, admin, Map.of("name", "taken over")).statusCode()).isEqualTo(404);
        assertThat(send("POST", path + "/seen", admin, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", path + "/matches", admin, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", path, admin, null).statusCode()).isEqualTo(404);
        assertThat(json.readTree(send("GET", "/api/searches", admin, null).body()).get("searches"))
                .noneSatisfy(s -> assertThat(s.get("id").asLong()).isEqualTo(id));
        assertThat(send("GET", path, supervisor, null).statusCode()).as("still there for its owner").isEqualTo(200);
        assertThat(send("GET", "/api/searches", null, null).statusCode()).as("no login").isEqualTo(401);
    }

    @Test
    void onlyThoseWhoRunQaMayHaveASearchFlagCallsForIt() throws Exception {
        HttpResponse<String> refused = send("POST", "/api/searches", trainer, Map.of("name", "x", "flagForQa", true));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("flagForQa");

        HttpResponse<String> watched = send("POST", "/api/searches", trainer, Map.of("name", "x", "query", "cancel",
                "watch", true));
        assertThat(watched.statusCode()).as(watched.body()).isEqualTo(201);
    }

    @Test
    void aBadFieldIsA400ThatNamesIt() throws Exception {
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("name", Map.of("query", "cancel"));
        cases.put("query", Map.of("name", "x", "query", "\"cancel my"));
        cases.put("filters.queue", Map.of("name", "x", "filters", Map.of("queue", 7)));
        cases.put("filters.outcome", Map.of("name", "x", "filters", Map.of("outcome", List.of("answred"))));
        cases.put("filters.minDuration", Map.of("name", "x", "filters", Map.of("minDuration", -1)));
        cases.put("filters.from", Map.of("name", "x", "filters", Map.of("from", "2026-12-05", "to", "2026-12-01")));
        cases.put("filters.colour", Map.of("name", "x", "filters", Map.of("colour", "red")));
        cases.put("filters.where", Map.of("name", "x", "filters", Map.of("where", List.of("loudness>3"))));
        cases.put("watch", Map.of("name", "x", "watch", "yes"));
        cases.put("shared", Map.of("name", "x", "shared", true));
        for (Map.Entry<String, Object> bad : cases.entrySet()) {
            HttpResponse<String> response = send("POST", "/api/searches", supervisor, bad.getValue());

            assertThat(response.statusCode()).as(bad.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("detail").asText()).as(bad.getKey()).startsWith(bad.getKey());
        }
    }

    @Test
    void aPutReplacesTheWholeSearchAndADeleteRemovesIt() throws Exception {
        long id = create(supervisor, "Before");
        String path = "/api/searches/" + id;

        HttpResponse<String> put = send("PUT", path, supervisor, Map.of("name", "After", "filters", Map.of("agent", "Alice")));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode after = json.readTree(put.body());
        assertThat(after.get("name").asText()).isEqualTo("After");
        assertThat(after.has("query")).as("left out, so cleared").isFalse();
        assertThat(after.get("watch").asBoolean()).isFalse();
        assertThat(after.at("/filters/agent")).extracting(JsonNode::asText).containsExactly("Alice");

        HttpResponse<String> seen = send("POST", path + "/seen", supervisor, null);
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(json.readTree(seen.body()).get("newMatches").asLong()).isZero();
        assertThat(json.readTree(send("GET", path + "/matches?limit=5", supervisor, null).body()).get("matches")).isEmpty();
        assertThat(send("GET", path + "/matches?limit=0", supervisor, null).statusCode()).isEqualTo(400);

        assertThat(send("DELETE", path, supervisor, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", path, supervisor, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/searches/not-a-number", supervisor, null).statusCode()).isEqualTo(404);
    }

    private long create(String token, String name) throws Exception {
        HttpResponse<String> created = send("POST", "/api/searches", token, Map.of("name", name, "query", "cancel",
                "watch", true));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }

    private String login(String username) throws Exception {
        HttpResponse<String> response = send("POST", "/api/login", null, Map.of("username", username, "password", PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("token").asText();
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).method(method, publisher);
        return http.send(token == null ? builder.build() : builder.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
