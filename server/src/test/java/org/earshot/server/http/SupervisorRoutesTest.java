package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.WrapUpRule;
import org.earshot.telephony.testing.ActionsCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supervisor actions over HTTP on a real node whose AMI peer replays session {@code ami-actions-01} up to the lab's
 * first listen (Alice on a call, Bob and Carol members of support) and answers our actions as Asterisk 22 answered
 * the lab's: Originate as the listen {@code earshot-007}, QueuePause as {@code earshot-015}, QueueRemove as the
 * second removal {@code earshot-020} (not there). One node for the class; each test acts as a supervisor of its own
 * (no phone yet, an audit trail of its own), and each AMI action is sent by one test only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisorRoutesTest {

    private static final String PASSWORD = "a-long-test-password";
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final ActionsCapture LAB = ActionsCapture.load();

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private AmiReplayPeer asterisk;
    private Earshot earshot;
    private String base;
    private String adminToken;
    private String token;
    private String user;
    private int users;

    @BeforeAll
    void startANodeFollowingTheLabWithAliceOnACall(@TempDir Path dir) throws Exception {
        asterisk = AmiReplayPeer.replaying(LAB.eventsBefore("earshot-007")).replayAfterAction("CoreSettings")
                .replyingTo("Originate", a -> LAB.answer("earshot-007", a.get("actionid")))
                .replyingTo("QueuePause", a -> LAB.answer("earshot-015", a.get("actionid")))
                .replyingTo("QueueRemove", a -> LAB.answer("earshot-020", a.get("actionid")))
                .start();
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null,
                new AmiSettings("127.0.0.1", asterisk.port(), "earshot", "earshot-secret", Duration.ofMillis(200)),
                null, ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        base = "http://127.0.0.1:" + earshot.httpPort();
        adminToken = login("admin");
        token = adminToken;
        assertThat(asterisk.awaitReplayComplete(PATIENCE)).isTrue();
        awaitOnTheWall("Alice Agent", "on-call");
    }

    @BeforeEach
    void logInAsANewSupervisor() throws Exception {
        user = "sup" + ++users;
        token = adminToken;
        HttpResponse<String> created = send("POST", "/api/users", json.writeValueAsString(java.util.Map.of(
                "username", user, "password", PASSWORD, "role", "supervisor")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        token = login(user);
    }

    @AfterAll
    void stop() {
        if (earshot != null) {
            earshot.close();
        }
        if (asterisk != null) {
            asterisk.close();
        }
    }

    @Test
    void aSupervisorSetsTheirPhoneAndReadsItBack() throws Exception {
        assertThat(json.readTree(send("GET", "/api/me/phone", null).body()).get("phone").isNull()).isTrue();

        HttpResponse<String> set = send("PUT", "/api/me/phone", "{\"phone\": \"Local/3001@supervisor\"}");

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json.readTree(send("GET", "/api/me/phone", null).body()).get("phone").asText())
                .isEqualTo("Local/3001@supervisor");
        assertThat(audit("phone-set")).anySatisfy(e -> assertThat(e.get("detail").asText()).isEqualTo("Local/3001@supervisor"));
    }

    @Test
    void aPhoneAsteriskCannotDialIsA400ThatSaysWhatIs() throws Exception {
        HttpResponse<String> set = send("PUT", "/api/me/phone", "{\"phone\": \"3001, Application: System\"}");

        assertThat(set.statusCode()).isEqualTo(400);
        assertThat(json.readTree(set.body()).get("detail").asText()).contains("PJSIP/3001");
    }

    @Test
    void listeningWithoutAPhoneIsA409ThatSaysToSetIt() throws Exception {
        long originatesBefore = asterisk.actions().stream().filter("originate"::equals).count();

        HttpResponse<String> listen = send("POST", agent("Alice Agent", "listen"), null);

        assertThat(listen.statusCode()).isEqualTo(409);
        assertThat(json.readTree(listen.body()).get("detail").asText()).startsWith("set your phone first");
        assertThat(asterisk.actions().stream().filter("originate"::equals).count()).isEqualTo(originatesBefore);
    }

    @Test
    void listenRingsTheSupervisorsPhoneSpiesOnAlicesLegAndIsAudited() throws Exception {
        send("PUT", "/api/me/phone", "{\"phone\": \"Local/3001@supervisor\"}");

        HttpResponse<String> listen = send("POST", agent("Alice Agent", "listen"), null);

        assertThat(listen.statusCode()).as(listen.body()).isEqualTo(200);
        JsonNode body = json.readTree(listen.body());
        assertThat(body.get("status").asText()).isEqualTo("started");
        assertThat(body.get("agentChannel").asText()).isEqualTo("Local/1001@agents-00000001;1");
        assertThat(body.get("spyerChannel").asText()).isEqualTo("Local/3001@supervisor-00000002;1");
        assertThat(body.get("message").asText()).isEqualTo("Your phone is listening to Alice Agent");
        assertThat(asterisk.rawActions()).filteredOn(a -> a.startsWith("action: Originate")).singleElement()
                .satisfies(a -> assertThat(ActionsCapture.fields(a)).contains("channel: Local/3001@supervisor",
                        "application: ChanSpy", "data: Local/1001@agents-00000001;1,q",
                        "callerid: \"Listen Alice Agent\" <3001>", "async: true", "timeout: 15000"));
        assertThat(audit("agent-listen")).singleElement().satisfies(e -> {
            assertThat(e.get("target").asText()).isEqualTo("Alice Agent");
            assertThat(e.get("detail").asText()).isEqualTo("started from Local/3001@supervisor on Local/1001@agents-00000001;1");
        });
    }

    @Test
    void spyingOnAnAgentWhoIsNotOnACallIsA409InWords() throws Exception {
        send("PUT", "/api/me/phone", "{\"phone\": \"PJSIP/3001\"}");

        HttpResponse<String> barge = send("POST", agent("Carol Agent", "barge"), null);

        assertThat(barge.statusCode()).isEqualTo(409);
        assertThat(json.readTree(barge.body()).get("detail").asText()).isEqualTo("Carol Agent is not on a call (available)");
        assertThat(audit("agent-barge")).singleElement().satisfies(e -> assertThat(e.get("detail").asText())
                .isEqualTo("failed from PJSIP/3001: Carol Agent is not on a call (available)"));
    }

    @Test
    void pauseWithAReasonIsDoneAndAudited() throws Exception {
        HttpResponse<String> pause = send("POST", agent("Bob Agent", "pause"), "{\"reason\": \"lunch\", \"queue\": \"support\"}");

        assertThat(pause.statusCode()).as(pause.body()).isEqualTo(200);
        assertThat(json.readTree(pause.body()).get("message").asText()).isEqualTo("Interface paused successfully");
        assertThat(asterisk.rawActions()).filteredOn(a -> a.startsWith("action: QueuePause")).singleElement()
                .satisfies(a -> assertThat(ActionsCapture.fields(a)).containsExactlyInAnyOrderElementsOf(
                        LAB.clientAction("earshot-015")));
        assertThat(audit("agent-paused")).singleElement().satisfies(e ->
                assertThat(e.get("detail").asText()).isEqualTo("reason lunch in support"));
    }

    @Test
    void pauseWithoutAReasonIsA400() throws Exception {
        HttpResponse<String> pause = send("POST", agent("Bob Agent", "pause"), "{\"queue\": \"support\"}");

        assertThat(pause.statusCode()).isEqualTo(400);
        assertThat(json.readTree(pause.body()).get("detail").asText()).isEqualTo("reason is required");
    }

    @Test
    void removingAnAgentWhoIsNotThereIsA409InWordsAndAudited() throws Exception {
        HttpResponse<String> remove = send("POST", agent("Carol Agent", "remove"), "{\"queue\": \"support\"}");

        assertThat(remove.statusCode()).isEqualTo(409);
        assertThat(json.readTree(remove.body()).get("detail").asText())
                .isEqualTo("Carol Agent (Local/1003@agents/n) is not in queue support");
        assertThat(audit("agent-removed")).singleElement().satisfies(e -> assertThat(e.get("detail").asText())
                .isEqualTo("from support; failed: Carol Agent (Local/1003@agents/n) is not in queue support"));
    }

    @Test
    void anUnknownAgentIsA404() throws Exception {
        HttpResponse<String> unpause = send("POST", agent("Nobody", "unpause"), null);

        assertThat(unpause.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unpause.body()).get("detail").asText()).isEqualTo("There is no agent named Nobody on the wall");
    }

    private static String agent(String name, String action) {
        return "/api/agents/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "/" + action;
    }

    private String login(String username) throws Exception {
        token = null;
        return json.readTree(send("POST", "/api/login", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                + "\"}").body()).get("token").asText();
    }

    /** This test's supervisor's audit entries of that action (the audit log is for admins). */
    private java.util.List<JsonNode> audit(String action) throws Exception {
        String mine = token;
        token = adminToken;
        JsonNode page;
        try {
            page = json.readTree(send("GET", "/api/audit?user=" + user + "&action=" + action, null).body());
        } finally {
            token = mine;
        }
        java.util.List<JsonNode> entries = new java.util.ArrayList<>();
        page.get("entries").forEach(entries::add);
        return entries;
    }

    /** Waits until the live WebSocket shows the agent in that state: the wall's own signal. */
    private void awaitOnTheWall(String agent, String state) throws Exception {
        CompletableFuture<Void> seen = new CompletableFuture<>();
        StringBuilder frame = new StringBuilder();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + earshot.httpPort()
                + "/api/live?token=" + token), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        frame.append(data);
                        if (last) {
                            if (shows(frame.toString(), agent, state)) {
                                seen.complete(null);
                            }
                            frame.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        try {
            seen.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            socket.abort();
        }
    }

    private boolean shows(String text, String agent, String state) {
        try {
            JsonNode message = json.readTree(text);
            JsonNode agents = message.has("agents") ? message.get("agents")
                    : message.has("agent") ? json.createArrayNode().add(message.get("agent")) : json.createArrayNode();
            for (JsonNode a : agents) {
                if (agent.equals(a.path("agent").asText()) && state.equals(a.path("state").asText())) {
                    return true;
                }
            }
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
