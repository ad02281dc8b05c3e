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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.webhooks.Receiver;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The webhook routes over real HTTP on a real node, with a real receiver: who may, status codes, bodies. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookRoutesTest {

    private static final String PASSWORD = "a-long-test-password";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Earshot earshot;
    private Receiver receiver;
    private String base;
    private String admin;
    private String supervisor;

    @BeforeAll
    void startANodeAndAReceiver(@TempDir Path dir) throws Exception {
        receiver = Receiver.answering(200);
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        base = "http://127.0.0.1:" + earshot.httpPort();
        admin = login("admin");
        assertThat(send("POST", "/api/users", admin, Map.of("username", "sam", "password", PASSWORD, "role", "supervisor"))
                .statusCode()).isEqualTo(201);
        supervisor = login("sam");
    }

    @AfterAll
    void stop() {
        if (earshot != null) {
            earshot.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aWebhookCreatedWithoutASecretShowsTheGeneratedOneOnceAndNeverInTheList() throws Exception {
        HttpResponse<String> created = send("POST", "/api/webhooks", admin,
                Map.of("url", "https://crm.example/hooks/earshot", "events", List.of("call.ended", "call.flagged")));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode webhook = json.readTree(created.body());
        assertThat(webhook.get("secret").asText()).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(webhook.get("enabled").asBoolean()).isTrue();
        assertThat(webhook.get("createdBy").asText()).isEqualTo("admin");
        JsonNode listed = json.readTree(send("GET", "/api/webhooks", admin, null).body()).get("webhooks");
        assertThat(listed).anySatisfy(w -> assertThat(w.get("id").asLong()).isEqualTo(webhook.get("id").asLong()));
        assertThat(listed).allSatisfy(w -> assertThat(w.has("secret")).isFalse());
        JsonNode audit = json.readTree(send("GET", "/api/audit?action=webhook-created", admin, null).body());
        assertThat(audit.get("entries")).anySatisfy(e -> assertThat(e.get("target").asText())
                .isEqualTo("webhook " + webhook.get("id").asLong()));
    }

    @Test
    void anUnknownEventTypeIsA400ThatNamesIt() throws Exception {
        HttpResponse<String> response = send("POST", "/api/webhooks", admin,
                Map.of("url", "https://crm.example/hook", "events", List.of("call.ended", "call.exploded")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("call.exploded");
    }

    @Test
    void aUrlThatIsNotAbsoluteHttpIsA400() throws Exception {
        for (String url : List.of("ftp://crm.example/hook", "/relative/hook", "not a url")) {
            HttpResponse<String> response = send("POST", "/api/webhooks", admin, Map.of("url", url, "events", List.of("call.ended")));

            assertThat(response.statusCode()).as(url).isEqualTo(400);
            assertThat(response.body()).as(url).contains("url");
        }
    }

    @Test
    void onlyAdminsManageWebhooks() throws Exception {
        assertThat(send("GET", "/api/webhooks", supervisor, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/webhooks", supervisor,
                Map.of("url", "https://crm.example/hook", "events", List.of("call.ended"))).statusCode()).isEqualTo(403);
    }

    @Test
    void theTestEventArrivesSignedAndAResendSendsTheSameEventAgain() throws Exception {
        String secret = "whsec_0123456789abcdef0123";
        long id = json.readTree(send("POST", "/api/webhooks", admin, Map.of("url", receiver.url(),
                "events", List.of("qa.reviewed"), "secret", secret)).body()).get("id").asLong();

        HttpResponse<String> test = send("POST", "/api/webhooks/" + id + "/test", admin, null);

        assertThat(test.statusCode()).as(test.body()).isEqualTo(202);
        String eventId = json.readTree(test.body()).get("eventId").asText();
        Receiver.Received received = receiver.next();
        assertThat(received.header("Earshot-Event")).isEqualTo("webhook.test");
        assertThat(received.header("Earshot-Delivery")).isEqualTo(eventId);
        assertThat(received.header("Earshot-Signature")).isEqualTo(received.expectedSignature(secret));
        JsonNode delivery = awaitDelivery(id, "delivered");
        assertThat(delivery.get("eventId").asText()).isEqualTo(eventId);
        assertThat(delivery.get("history").get(0).get("statusCode").asInt()).isEqualTo(200);

        HttpResponse<String> resend = send("POST", "/api/webhooks/" + id + "/deliveries/" + delivery.get("id").asLong()
                + "/resend", admin, null);

        assertThat(resend.statusCode()).as(resend.body()).isEqualTo(202);
        assertThat(receiver.next().header("Earshot-Delivery")).isEqualTo(eventId);
    }

    @Test
    void aWebhookIsDisabledItsSecretRotatedAndDeleted() throws Exception {
        long id = json.readTree(send("POST", "/api/webhooks", admin, Map.of("url", "https://crm.example/hook",
                "events", List.of("call.ended"))).body()).get("id").asLong();

        HttpResponse<String> patched = send("PATCH", "/api/webhooks/" + id, admin, Map.of("enabled", false,
                "rotateSecret", true, "events", List.of("call.analysed", "survey.completed")));

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        JsonNode webhook = json.readTree(patched.body());
        assertThat(webhook.get("enabled").asBoolean()).isFalse();
        assertThat(webhook.get("secret").asText()).startsWith("whsec_");
        assertThat(webhook.get("events")).extracting(JsonNode::asText).containsExactly("call.analysed", "survey.completed");
        HttpResponse<String> test = send("POST", "/api/webhooks/" + id + "/test", admin, null);
        assertThat(test.statusCode()).as("a disabled endpoint gets no test event").isEqualTo(409);
        assertThat(test.body()).contains("disabled");
        assertThat(send("DELETE", "/api/webhooks/" + id, admin, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/webhooks/" + id + "/deliveries", admin, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/webhooks/" + id, admin, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownDeliveryStatusIsA400() throws Exception {
        long id = json.readTree(send("POST", "/api/webhooks", admin, Map.of("url", "https://crm.example/hook",
                "events", List.of("call.ended"))).body()).get("id").asLong();

        HttpResponse<String> response = send("GET", "/api/webhooks/" + id + "/deliveries?status=lost", admin, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("lost");
    }

    /** Waits until the webhook's newest delivery has this status (its attempt is recorded after the receiver answered). */
    private JsonNode awaitDelivery(long id, String status) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonNode deliveries = json.readTree(send("GET", "/api/webhooks/" + id + "/deliveries", admin, null).body())
                    .get("deliveries");
            if (deliveries.size() > 0 && deliveries.get(0).get("status").asText().equals(status)) {
                return deliveries.get(0);
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("webhook " + id + " has no " + status + " delivery after 30 s");
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
