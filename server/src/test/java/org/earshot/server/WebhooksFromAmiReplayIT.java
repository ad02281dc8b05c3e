package org.earshot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.webhooks.Receiver;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.WrapUpRule;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook registered through the API, on a real Asterisk session replayed (the capture holds 9 calls)
 * with its real MixMonitor recordings analysed by real Vosk: one signed call.ended per call and one
 * signed call.analysed per analysed call, each delivery id exactly once, read back with an API key.
 */
class WebhooksFromAmiReplayIT {

    private static final String PASSWORD = "admin-pass-1";
    private static final int CALLS_IN_SESSION_01 = 9;
    private static final String S1B = "earshot-lab-1795393091.5";
    private static final String S6 = "earshot-lab-1795393215.23";
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyCallIsEndedOnceAndEveryAnalysedCallAnalysedOnceAfterItSigned() throws Exception {
        Path data = dir.resolve("data");
        Path recordings = recordingsAsEarshotEndToEndIT(Files.createDirectories(dir.resolve("monitor")));
        String secret;
        long hook;
        String key;
        List<Receiver.Received> arrived = new ArrayList<>();
        Map<String, JsonNode> calls;
        int stored;
        try (Receiver receiver = Receiver.answering(200)) {
            // Registered through the API on the node before it connects to Asterisk (the replay starts at login).
            try (Earshot first = Earshot.wire(config(data, recordings, null), Clock.systemUTC(), Earshot.Role.SERVE)) {
                first.start();
                ApiClient admin = ApiClient.login(first, "admin", PASSWORD);
                HttpResponse<String> registered = post(first, admin, "/api/webhooks",
                        Map.of("url", receiver.url(), "events", List.of("call.ended", "call.analysed")));
                assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
                secret = json.readTree(registered.body()).get("secret").asText();
                hook = json.readTree(registered.body()).get("id").asLong();
                HttpResponse<String> minted = post(first, admin, "/api/keys", Map.of("name", "helpdesk", "role", "supervisor"));
                assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
                key = json.readTree(minted.body()).get("key").asText();
                assertThat(key).startsWith("esk_");
            }
            try (AmiReplayPeer asterisk = AmiReplayPeer.replaying(AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01)))
                    .start();
                 Earshot earshot = Earshot.wire(config(data, recordings, new AmiSettings("127.0.0.1", asterisk.port(),
                         "earshot", "earshot-secret", Duration.ofMillis(200))), Clock.systemUTC(), Earshot.Role.SERVE)) {
                earshot.start();
                assertThat(asterisk.awaitReplayComplete(Duration.ofSeconds(60))).isTrue();
                while (ofType(arrived, "call.ended").size() < CALLS_IN_SESSION_01) {
                    arrived.add(receiver.next());
                }
                // The service reads the calls it was told about with its key, as a helpdesk would.
                ApiClient service = ApiClient.withKey(earshot, key);
                calls = awaitAnalysesSettled(service, ofType(arrived, "call.ended").keySet(), receiver, arrived);
                stored = service.get("/api/calls?size=100").get("total").asInt();
                long analysed = calls.values().stream().filter(c -> c.get("analysisStatus").asText().equals("done")).count();
                while (ofType(arrived, "call.analysed").size() < analysed) {
                    arrived.add(receiver.next());
                }
                JsonNode deliveries = awaitDelivered(ApiClient.login(earshot, "admin", PASSWORD), hook,
                        CALLS_IN_SESSION_01 + (int) analysed);
                assertThat(deliveries).allSatisfy(d -> assertThat(d.get("history")).as("one attempt each").hasSize(1));
                assertThat(receiver.poll(Duration.ZERO)).as("no request beyond the deliveries").isNull();
                assertThat(receiver.answered()).isEqualTo(arrived.size());
            }
        }

        // Every request signed with the endpoint's secret; its headers name the event it carries.
        List<String> deliveryIds = new ArrayList<>();
        for (Receiver.Received request : arrived) {
            JsonNode body = json.readTree(request.body());
            assertThat(request.header("Earshot-Signature")).isEqualTo(request.expectedSignature(secret));
            assertThat(request.header("Earshot-Event")).isEqualTo(body.get("type").asText());
            assertThat(request.header("Earshot-Delivery")).isEqualTo(body.get("id").asText());
            deliveryIds.add(request.header("Earshot-Delivery"));
        }
        assertThat(deliveryIds).as("each delivery id received once").doesNotHaveDuplicates();

        Map<String, Integer> endedAt = ofType(arrived, "call.ended");
        Map<String, Integer> analysedAt = ofType(arrived, "call.analysed");
        assertThat(endedAt).hasSize(CALLS_IN_SESSION_01);
        assertThat(arrived).extracting(r -> r.header("Earshot-Event")).as("nothing but the two subscribed types")
                .containsOnly("call.ended", "call.analysed");
        List<String> done = calls.entrySet().stream().filter(c -> c.getValue().get("analysisStatus").asText().equals("done"))
                .map(Map.Entry::getKey).toList();
        // The two real recordings are analysed; S1a's empty one and the calls whose files are absent fail.
        assertThat(done).contains(S1B, S6);
        assertThat(analysedAt.keySet()).as("one call.analysed per analysed call, none for the others")
                .containsExactlyInAnyOrderElementsOf(done);
        for (String id : done) {
            assertThat(endedAt.get(id)).as("call.ended of " + id + " before its call.analysed").isLessThan(analysedAt.get(id));
            JsonNode event = json.readTree(arrived.get(analysedAt.get(id)).body()).get("data");
            JsonNode report = calls.get(id).get("analysis");
            assertThat(event.get("callId").asText()).isEqualTo(id);
            assertThat(event.get("sentiment").isNumber()).as(event.toString()).isTrue();
            assertThat(event.get("sentiment").asDouble()).isEqualTo(report.at("/sentiment/score").asDouble());
            assertThat(event.get("sentimentLabel").asText()).isEqualTo(report.at("/sentiment/label").asText());
            assertThat(event.get("flags")).isEqualTo(report.at("/sentiment/flags"));
            List<String> texts = new ArrayList<>();
            event.get("transcript").forEach(text -> texts.add(text.asText()));
            assertThat(texts).as("transcript of " + id).anySatisfy(text -> assertThat(text).isNotBlank());
            assertThat(event.at("/links/api").asText()).endsWith("/api/calls/" + id);
            assertThat(event.at("/links/call").asText()).endsWith("/#/calls/" + id);
        }
        // Allison's "weasels have eaten our phone system" is on the caller's side of S6 (see EarshotEndToEndIT).
        assertThat(json.readTree(arrived.get(analysedAt.get(S6)).body()).at("/data/transcript/customer").asText())
                .contains("weasels");

        // The event says what the API says of the stored call (read while the node ran: reopening the H2 file
        // after close can hit H2's "Double mark" bug, h2database#2752).
        assertThat(stored).isEqualTo(CALLS_IN_SESSION_01);
        for (String id : endedAt.keySet()) {
            JsonNode event = json.readTree(arrived.get(endedAt.get(id)).body()).get("data");
            assertThat(event.get("outcome").asText()).isEqualTo(calls.get(id).get("outcome").asText());
            assertThat(Instant.parse(event.get("endedAt").asText()))
                    .isEqualTo(Instant.parse(calls.get(id).get("endedAt").asText()));
        }
    }

    /** The recordings as EarshotEndToEndIT lays them out: S1b's and S6's real files, S1a's left empty. */
    private static Path recordingsAsEarshotEndToEndIT(Path recordings) throws IOException {
        // S1b's D-option file, as the fixture wraps it in a 44-byte WAV header for convenience.
        byte[] s1b = resource("/recordings/20261123-001811-5550102-earshot-lab-1795393091.5-stereo.converted.wav");
        Files.write(recordings.resolve("20261123-001811-5550102-earshot-lab-1795393091.5-stereo.raw"),
                Arrays.copyOfRange(s1b, 44, s1b.length));
        Files.write(recordings.resolve("20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw"),
                resource("/recordings/20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw"));
        // S1a's recording is there but empty, as a crashed MixMonitor would leave it.
        Files.write(recordings.resolve("20261123-001739-5550101-earshot-lab-1795393059.1-stereo.raw"), new byte[0]);
        return recordings;
    }

    /**
     * Of the requests of one type, each call's id and where its request is in the arrival order. A call with
     * two of them is left out, so the counts the test waits on and checks never reach theirs.
     */
    private Map<String, Integer> ofType(List<Receiver.Received> arrived, String type) throws IOException {
        Map<String, Integer> at = new LinkedHashMap<>();
        for (int i = 0; i < arrived.size(); i++) {
            Receiver.Received request = arrived.get(i);
            if (type.equals(request.header("Earshot-Event"))) {
                JsonNode data = json.readTree(request.body()).get("data");
                at.merge(data.has("callId") ? data.get("callId").asText() : data.get("id").asText(), i, (a, b) -> -1);
            }
        }
        at.values().removeIf(i -> i < 0);
        return at;
    }

    /**
     * Each call as the API gives it once its analysis has settled: done, failed, or none to do. Requests that
     * arrive meanwhile are kept; one arriving (a call.analysed) wakes the wait at once.
     */
    private Map<String, JsonNode> awaitAnalysesSettled(ApiClient service, Set<String> ids, Receiver receiver,
                                                       List<Receiver.Received> arrived) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Map<String, JsonNode> settled = new HashMap<>();
        Map<String, String> unsettled = new TreeMap<>();
        while (true) {
            unsettled.clear();
            for (String id : ids) {
                if (!settled.containsKey(id)) {
                    JsonNode call = service.get("/api/calls/" + id);
                    if (settled(call)) {
                        settled.put(id, call);
                    } else {
                        unsettled.put(id, call.get("analysisStatus").asText());
                    }
                }
            }
            if (unsettled.isEmpty()) {
                return settled;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("analyses not settled in " + PATIENCE + ": " + unsettled);
            }
            Receiver.Received request = receiver.poll(Duration.ofMillis(250));
            if (request != null) {
                arrived.add(request);
            }
        }
    }

    /** An answered call with a recording has its job queued just after it is stored: "none" until then. */
    private static boolean settled(JsonNode call) {
        return switch (call.get("analysisStatus").asText()) {
            case "queued", "running" -> false;
            case "none" -> !call.get("outcome").asText().equals("answered");
            default -> true;
        };
    }

    /** The webhook's deliveries once all are delivered; an attempt is recorded just after the receiver answered. */
    private JsonNode awaitDelivered(ApiClient admin, long hook, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode deliveries = null;
        while (System.nanoTime() < deadline) {
            deliveries = admin.get("/api/webhooks/" + hook + "/deliveries?status=delivered").get("deliveries");
            if (deliveries.size() == expected) {
                return deliveries;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("not all " + expected + " deliveries were recorded delivered in 30 s: " + deliveries);
    }

    private HttpResponse<String> post(Earshot earshot, ApiClient client, String path, Object body) throws Exception {
        return client.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + earshot.httpPort() + path))
                .header("Authorization", "Bearer " + client.token())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = WebhooksFromAmiReplayIT.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " is missing");
            }
            return in.readAllBytes();
        }
    }

    private static EarshotConfig config(Path dataDir, Path recordings, AmiSettings ami) {
        return new EarshotConfig(0, dataDir, null, null, null, ami, recordings, ChannelRoles.CUSTOMER_AGENT, null, 1,
                PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null);
    }
}
