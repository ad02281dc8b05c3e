package org.earshot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.testing.JsonMessages;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.WrapUpRule;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live wall over WebSocket while the real capture is replayed at a pace a person could follow:
 * agent changes, callers waiting per queue, finished calls and today's KPIs arrive as they happen.
 */
class LiveIT {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void liveClientsSeeAgentsCallsAndKpisAsTheyHappen() throws Exception {
        try (AmiReplayPeer asterisk = AmiReplayPeer.replaying(AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01)))
                .eventDelay(Duration.ofMillis(4)).start();
             Earshot earshot = Earshot.wire(new EarshotConfig(0, dir.resolve("data"), null, null, null,
                     new AmiSettings("127.0.0.1", asterisk.port(), "earshot", "earshot-secret", Duration.ofMillis(200)),
                     null, ChannelRoles.CUSTOMER_AGENT, null, 1, "admin-pass-1", Duration.ofSeconds(60),
                     KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null), Clock.systemUTC(), Earshot.Role.SERVE)) {
            earshot.start();
            HttpClient http = HttpClient.newHttpClient();
            String base = "127.0.0.1:" + earshot.httpPort();
            String token = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + base + "/api/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"admin-pass-1\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).get("token").asText();
            List<JsonNode> events = new CopyOnWriteArrayList<>();
            WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://" + base + "/api/live"), new JsonMessages(events)).get(10, TimeUnit.SECONDS);

            assertThat(asterisk.awaitReplayComplete(Duration.ofSeconds(120))).isTrue();
            awaitCondition(() -> events.stream().filter(e -> e.get("type").asText().equals("call")).count() == 9);
            awaitCondition(() -> events.stream().anyMatch(e -> e.get("type").asText().equals("kpis")));

            assertThat(events.get(0).get("type").asText()).isEqualTo("agents");
            assertThat(events.get(1).get("type").asText()).as("the queue wall right after the agents").isEqualTo("queues");
            assertThat(events).filteredOn(e -> e.get("type").asText().equals("queues"))
                    .as("S1a (5550101) waiting in support, then answered")
                    .anySatisfy(e -> {
                        JsonNode support = queue(e.get("queues"), "support");
                        assertThat(support.get("waiting").asInt()).isEqualTo(1);
                        assertThat(support.get("longestWaitSince").asText()).isEqualTo(
                                support.get("callers").get(0).get("since").asText());
                        JsonNode caller = support.get("callers").get(0);
                        assertThat(caller.get("uniqueId").asText()).isEqualTo("earshot-lab-1795393059.1");
                        assertThat(caller.get("caller").asText()).isEqualTo("5550101");
                        assertThat(caller.get("callerName").asText()).isEqualTo("Customer 5550101");
                        assertThat(caller.get("position").asInt()).isEqualTo(1);
                    });
            JsonNode queues = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + base + "/api/queues/live"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
            // Every call of the capture was answered or gave up: nobody waits; sales never had a caller.
            assertThat(queues.get("queues")).extracting(q -> q.get("queue").asText()).containsExactly("sales", "support");
            assertThat(queues.get("queues")).allSatisfy(q -> {
                assertThat(q.get("waiting").asInt()).isZero();
                assertThat(q.get("longestWaitSince").isNull()).as("written as null").isTrue();
                assertThat(q.get("callers")).isEmpty();
            });
            assertThat(events).filteredOn(e -> e.get("type").asText().equals("agent"))
                    .extracting(e -> e.get("agent").get("state").asText())
                    .contains("ringing", "on-call", "paused", "available");
            JsonNode wall = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + base + "/api/agents/live"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
            // At the end of the capture Alice and Bob are still logged in, Carol was removed from the queue.
            assertThat(wall.get("agents")).anySatisfy(a -> {
                assertThat(a.get("agent").asText()).isEqualTo("Carol Agent");
                assertThat(a.get("state").asText()).isEqualTo("logged-out");
            });
            assertThat(wall.get("agents")).filteredOn(a -> a.get("agent").asText().equals("Alice Agent"))
                    .singleElement().satisfies(a -> assertThat(a.get("today").get("callsHandled").asInt()).isEqualTo(5));
            socket.abort();
        }
    }

    @Test
    void liveSocketRefusesClientsWithoutASession() throws Exception {
        try (Earshot earshot = Earshot.wire(new EarshotConfig(0, dir.resolve("data2"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, "admin-pass-1", Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null), Clock.systemUTC(), Earshot.Role.SERVE)) {
            earshot.start();
            var attempt = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + earshot.httpPort() + "/api/live"), new JsonMessages(List.of()));

            var sidePath = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + earshot.httpPort() + "/api/live/x"), new JsonMessages(List.of()));

            assertThat(attempt).failsWithin(Duration.ofSeconds(10));
            assertThat(sidePath).as("a longer path reaches the same handshake").failsWithin(Duration.ofSeconds(10));
        }
    }

    @Test
    void liveSocketRefusesAPageOfAnotherSiteEvenWithASession() throws Exception {
        try (Earshot earshot = Earshot.wire(new EarshotConfig(0, dir.resolve("data3"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, "admin-pass-1", Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null), Clock.systemUTC(), Earshot.Role.SERVE)) {
            earshot.start();
            String base = "127.0.0.1:" + earshot.httpPort();
            HttpClient http = HttpClient.newHttpClient();
            String token = json.readTree(http.send(
                    HttpRequest.newBuilder(URI.create("http://" + base + "/api/login")).POST(HttpRequest.BodyPublishers
                            .ofString("{\"username\":\"admin\",\"password\":\"admin-pass-1\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("token").asText();

            var own = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .header("Origin", "http://" + base)
                    .buildAsync(URI.create("ws://" + base + "/api/live"), new JsonMessages(new CopyOnWriteArrayList<>()));
            var foreign = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .header("Origin", "http://evil.example")
                    .buildAsync(URI.create("ws://" + base + "/api/live"), new JsonMessages(List.of()));

            assertThat(own).succeedsWithin(Duration.ofSeconds(10));
            assertThat(foreign).failsWithin(Duration.ofSeconds(10));
            own.join().abort();
        }
    }

    private static JsonNode queue(JsonNode queues, String name) {
        for (JsonNode q : queues) {
            if (q.get("queue").asText().equals(name)) {
                return q;
            }
        }
        throw new AssertionError("no queue " + name + " in " + queues);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(50);
        }
    }
}
