package org.earshot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * A saved search alerts on a real call: a supervisor watches "customer:weasels" (flagging matches for QA) and
 * "agent:weasels"; the real Asterisk session is replayed and S6's real recording analysed by real Vosk (Allison's
 * "weasels have eaten our phone system" is the caller's side, EarshotEndToEndIT). The first search matches S6 once:
 * a new match for its owner, S6 in the QA queue with the search as the reason, and a signed call.flagged naming the
 * search delivered to the webhook; the second does not match S6.
 */
class SavedSearchAlertIT {

    private static final String PASSWORD = "admin-pass-1";
    private static final String S6 = "earshot-lab-1795393215.23";
    private static final String S6_FILE = "20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw";
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aWatchedSearchMatchesTheNewlyAnalysedCallOnceFlagsItForQaAndSendsCallFlagged() throws Exception {
        Path data = dir.resolve("data");
        Path recordings = Files.createDirectories(dir.resolve("monitor"));
        try (InputStream in = SavedSearchAlertIT.class.getResourceAsStream("/recordings/" + S6_FILE)) {
            Files.copy(in, recordings.resolve(S6_FILE));
        }
        try (Receiver receiver = Receiver.answering(200)) {
            String secret;
            long weasels;
            long agentWeasels;
            // Set up before the node connects to Asterisk: the replay starts at login.
            try (Earshot first = Earshot.wire(config(data, recordings, null), Clock.systemUTC(), Earshot.Role.SERVE)) {
                first.start();
                ApiClient admin = ApiClient.login(first, "admin", PASSWORD);
                HttpResponse<String> hook = post(first, admin, "/api/webhooks",
                        Map.of("url", receiver.url(), "events", List.of("call.flagged")));
                assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
                secret = json.readTree(hook.body()).get("secret").asText();
                assertThat(post(first, admin, "/api/users", Map.of("username", "sam", "password", PASSWORD,
                        "role", "supervisor")).statusCode()).isEqualTo(201);
                ApiClient sam = ApiClient.login(first, "sam", PASSWORD);
                weasels = saved(first, sam, Map.of("name", "Weasels", "query", "customer:weasels", "watch", true,
                        "flagForQa", true));
                agentWeasels = saved(first, sam, Map.of("name", "Agent weasels", "query", "agent:weasels", "watch", true));
            }
            try (AmiReplayPeer asterisk = AmiReplayPeer.replaying(AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01)))
                    .start();
                 Earshot earshot = Earshot.wire(config(data, recordings, new AmiSettings("127.0.0.1", asterisk.port(),
                         "earshot", "earshot-secret", Duration.ofMillis(200))), Clock.systemUTC(), Earshot.Role.SERVE)) {
                earshot.start();
                assertThat(asterisk.awaitReplayComplete(Duration.ofSeconds(60))).isTrue();

                Receiver.Received flagged = awaitFlaggedBySearch(receiver, weasels);
                JsonNode event = json.readTree(flagged.body());
                assertThat(flagged.header("Earshot-Signature")).isEqualTo(flagged.expectedSignature(secret));
                assertThat(event.at("/data/callId").asText()).isEqualTo(S6);
                assertThat(event.at("/data/search/name").asText()).isEqualTo("Weasels");
                assertThat(event.at("/data/search/owner").asText()).isEqualTo("sam");
                assertThat(event.at("/data/reason").asText()).isEqualTo("saved search \"Weasels\"");

                ApiClient sam = ApiClient.login(earshot, "sam", PASSWORD);
                JsonNode analysed = sam.get("/api/calls/" + S6);
                assertThat(analysed.get("analysisStatus").asText()).as("matched once its report was stored").isEqualTo("done");
                JsonNode matches = sam.get("/api/searches/" + weasels + "/matches").get("matches");
                assertThat(matches).extracting(m -> m.get("callId").asText()).contains(S6).doesNotHaveDuplicates();
                for (JsonNode match : matches) {
                    assertThat(match.get("isNew").asBoolean()).isTrue();
                    assertThat(customerWords(sam.get("/api/calls/" + match.get("callId").asText())))
                            .as("every match is a call whose customer said it").contains("weasels");
                }
                JsonNode listed = sam.get("/api/searches");
                assertThat(listed.get("newMatches").asLong()).as("the badge").isEqualTo(matches.size()
                        + sam.get("/api/searches/" + agentWeasels).get("newMatches").asLong());
                assertThat(sam.get("/api/searches/" + agentWeasels + "/matches").get("matches"))
                        .noneSatisfy(m -> assertThat(m.get("callId").asText()).isEqualTo(S6));
                assertThat(sam.get("/api/qa/queue?status=all&size=100").get("items")).anySatisfy(item -> {
                    assertThat(item.get("callId").asText()).isEqualTo(S6);
                    assertThat(item.get("reasons")).extracting(JsonNode::asText).containsExactly("saved search \"Weasels\"");
                });

                HttpResponse<String> seen = post(earshot, sam, "/api/searches/" + weasels + "/seen", Map.of());
                assertThat(seen.statusCode()).as(seen.body()).isEqualTo(200);
                assertThat(json.readTree(seen.body()).get("newMatches").asLong()).isZero();
            }
        }
    }

    /** The first call.flagged raised by this search; call.flagged of analysis flags may arrive meanwhile. */
    private Receiver.Received awaitFlaggedBySearch(Receiver receiver, long search) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<String> others = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Receiver.Received request = receiver.poll(Duration.ofMillis(500));
            if (request != null) {
                JsonNode event = json.readTree(request.body());
                if (event.at("/data/search/id").asLong(-1) == search) {
                    return request;
                }
                others.add(event.toString());
            }
        }
        throw new AssertionError("no call.flagged from saved search " + search + " in " + PATIENCE + "; others: " + others);
    }

    private static List<String> customerWords(JsonNode call) {
        List<String> words = new ArrayList<>();
        for (JsonNode segment : call.at("/analysis/transcript")) {
            if ("customer".equals(segment.path("party").asText())) {
                segment.path("words").forEach(w -> words.add(w.get("word").asText()));
            }
        }
        return words;
    }

    private long saved(Earshot earshot, ApiClient client, Map<String, Object> body) throws Exception {
        HttpResponse<String> created = post(earshot, client, "/api/searches", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }

    private HttpResponse<String> post(Earshot earshot, ApiClient client, String path, Object body) throws Exception {
        return client.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + earshot.httpPort() + path))
                .header("Authorization", "Bearer " + client.token())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static EarshotConfig config(Path dataDir, Path recordings, AmiSettings ami) {
        return new EarshotConfig(0, dataDir, null, null, null, ami, recordings, ChannelRoles.CUSTOMER_AGENT, null, 1,
                PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null);
    }
}
