package org.earshot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.store.Database;
import org.earshot.server.testing.TestStores;
import org.earshot.server.webhooks.Receiver;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.WrapUpRule;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook registered through the API receives one signed call.ended per call of a replayed real
 * Asterisk session (the capture holds 9 calls), each delivery id exactly once.
 */
class WebhooksFromAmiReplayIT {

    private static final String PASSWORD = "admin-pass-1";
    private static final int CALLS_IN_SESSION_01 = 9;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyCallOfAReplayedSessionReachesTheWebhookOnceSigned() throws Exception {
        Path data = dir.resolve("data");
        String secret;
        long hook;
        try (Receiver receiver = Receiver.answering(200)) {
            // Registered through the API on the node before it connects to Asterisk (the replay starts at login).
            try (Earshot first = Earshot.wire(config(data, null), Clock.systemUTC(), Earshot.Role.SERVE)) {
                first.start();
                ApiClient admin = ApiClient.login(first, "admin", PASSWORD);
                JsonNode created = json.readTree(post(first, admin, "/api/webhooks",
                        Map.of("url", receiver.url(), "events", List.of("call.ended"))).body());
                secret = created.get("secret").asText();
                hook = created.get("id").asLong();
            }
            List<JsonNode> bodies = new ArrayList<>();
            Set<String> deliveryIds = new HashSet<>();
            try (AmiReplayPeer asterisk = AmiReplayPeer.replaying(AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01)))
                    .start();
                 Earshot earshot = Earshot.wire(config(data, new AmiSettings("127.0.0.1", asterisk.port(), "earshot",
                         "earshot-secret", Duration.ofMillis(200))), Clock.systemUTC(), Earshot.Role.SERVE)) {
                earshot.start();
                assertThat(asterisk.awaitReplayComplete(Duration.ofSeconds(60))).isTrue();
                for (int i = 0; i < CALLS_IN_SESSION_01; i++) {
                    Receiver.Received request = receiver.next();
                    assertThat(request.header("Earshot-Signature")).isEqualTo(request.expectedSignature(secret));
                    assertThat(request.header("Earshot-Event")).isEqualTo("call.ended");
                    deliveryIds.add(request.header("Earshot-Delivery"));
                    bodies.add(json.readTree(request.body()));
                }
                ApiClient admin = ApiClient.login(earshot, "admin", PASSWORD);
                JsonNode deliveries = awaitDelivered(admin, hook);
                assertThat(deliveries).allSatisfy(d -> assertThat(d.get("history")).as("one attempt each").hasSize(1));
            }
            assertThat(deliveryIds).hasSize(CALLS_IN_SESSION_01);
            Set<String> callIds = new HashSet<>();
            bodies.forEach(b -> callIds.add(b.get("data").get("id").asText()));
            assertThat(callIds).hasSize(CALLS_IN_SESSION_01);
            try (Database db = Database.open(config(data, null).jdbcUrl(), null, null)) {
                var calls = TestStores.calls(db);
                assertThat(calls.count()).isEqualTo(CALLS_IN_SESSION_01);
                for (JsonNode body : bodies) {
                    String id = body.get("data").get("id").asText();
                    var stored = calls.find(id).orElseThrow();
                    assertThat(body.get("data").get("outcome").asText()).isEqualTo(stored.outcome().key());
                    assertThat(Instant.parse(body.get("data").get("endedAt").asText())).isEqualTo(stored.endedAt());
                }
            }
        }
    }

    /** The webhook's deliveries once all are delivered; an attempt is recorded just after the receiver answered. */
    private JsonNode awaitDelivered(ApiClient admin, long hook) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode deliveries = null;
        while (System.nanoTime() < deadline) {
            deliveries = admin.get("/api/webhooks/" + hook + "/deliveries?status=delivered").get("deliveries");
            if (deliveries.size() == CALLS_IN_SESSION_01) {
                return deliveries;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("not all deliveries were recorded delivered in 30 s: " + deliveries);
    }

    private HttpResponse<String> post(Earshot earshot, ApiClient client, String path, Object body) throws Exception {
        return client.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + earshot.httpPort() + path))
                .header("Authorization", "Bearer " + client.token())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static EarshotConfig config(Path dataDir, AmiSettings ami) {
        return new EarshotConfig(0, dataDir, null, null, null, ami, null, ChannelRoles.CUSTOMER_AGENT, null, 1,
                PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null);
    }
}
