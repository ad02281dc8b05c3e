package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
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

/**
 * Issue 13, finding 3: when a session ends or its user loses the right to the live feed, an open /api/live
 * socket gets a close frame 1008 at once, and REST refuses the token too. Each test waits on the close frame
 * (a generous bound only guards against hanging), never on a sleep.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveSocketAccessTest {

    private static final String PASSWORD = "a-long-test-password";
    private static final long CLOSE_WITHIN_SECONDS = 10;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Earshot earshot;
    private String base;
    private String admin;
    private int users;

    @BeforeAll
    void startANode(@TempDir Path dir) throws Exception {
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
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
    void logoutClosesTheSessionsLiveSocketAndItsTokenIsRefused() throws Exception {
        String token = login(newSupervisor());
        Socket socket = open(token);

        assertThat(send("POST", "/api/logout", token, null).statusCode()).isEqualTo(204);

        assertThat(socket.closeCode()).isEqualTo(1008);
        assertThat(socket.closeReason()).contains("session ended");
        assertThat(send("GET", "/api/me", token, null).statusCode()).isEqualTo(401);
    }

    @Test
    void disablingTheAccountClosesItsLiveSocket() throws Exception {
        String name = newSupervisor();
        String token = login(name);
        Socket socket = open(token);

        assertThat(send("PATCH", "/api/users/" + name, admin, Map.of("disabled", true)).statusCode()).isEqualTo(200);

        assertThat(socket.closeCode()).isEqualTo(1008);
        assertThat(send("GET", "/api/agents/live", token, null).statusCode()).isEqualTo(401);
    }

    @Test
    void resettingThePasswordClosesTheLiveSocket() throws Exception {
        String name = newSupervisor();
        String token = login(name);
        Socket socket = open(token);

        assertThat(send("PATCH", "/api/users/" + name, admin, Map.of("password", "another-long-password")).statusCode())
                .isEqualTo(200);

        assertThat(socket.closeCode()).isEqualTo(1008);
        assertThat(send("GET", "/api/agents/live", token, null).statusCode()).isEqualTo(401);
    }

    @Test
    void demotionToARoleWithoutTheLiveFeedClosesTheSocketAndRestAnswers403() throws Exception {
        String name = newSupervisor();
        String token = login(name);
        Socket socket = open(token);

        assertThat(send("PATCH", "/api/users/" + name, admin, Map.of("role", "qa")).statusCode()).isEqualTo(200);

        assertThat(socket.closeCode()).isEqualTo(1008);
        assertThat(socket.closeReason()).contains("role qa");
        assertThat(send("GET", "/api/agents/live", token, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/me", token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void loggingOutOneSessionLeavesTheUsersOtherSessionsSocketOpen() throws Exception {
        String name = newSupervisor();
        String leaving = login(name);
        String staying = login(name);
        Socket closed = open(leaving);
        Socket open = open(staying);

        send("POST", "/api/logout", leaving, null);
        assertThat(closed.closeCode()).isEqualTo(1008);

        // A close frame for the other socket would have been queued before the logout answered, so before
        // this ping's pong: a pong proves the socket was left open.
        open.socket.sendPing(ByteBuffer.wrap(new byte[] {1}));
        assertThat(open.pong.get(CLOSE_WITHIN_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(open.closed.isDone()).isFalse();
    }

    @Test
    void changingAnotherUserLeavesThisUsersSocketOpen() throws Exception {
        String token = login(newSupervisor());
        Socket socket = open(token);

        String other = newSupervisor();
        send("PATCH", "/api/users/" + other, admin, Map.of("disabled", true));

        socket.socket.sendPing(ByteBuffer.wrap(new byte[] {2}));
        assertThat(socket.pong.get(CLOSE_WITHIN_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(socket.closed.isDone()).isFalse();
    }

    /** An open /api/live socket and the signals a test waits on. */
    private static final class Socket implements WebSocket.Listener {
        final CompletableFuture<int[]> closed = new CompletableFuture<>();
        final CompletableFuture<String> reason = new CompletableFuture<>();
        final CompletableFuture<Boolean> pong = new CompletableFuture<>();
        WebSocket socket;

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String why) {
            reason.complete(why);
            closed.complete(new int[] {statusCode});
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            pong.complete(true);
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        int closeCode() throws Exception {
            return closed.get(CLOSE_WITHIN_SECONDS, TimeUnit.SECONDS)[0];
        }

        String closeReason() throws Exception {
            return reason.get(CLOSE_WITHIN_SECONDS, TimeUnit.SECONDS);
        }
    }

    private Socket open(String token) throws Exception {
        Socket listener = new Socket();
        listener.socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + earshot.httpPort() + "/api/live"), listener)
                .get(CLOSE_WITHIN_SECONDS, TimeUnit.SECONDS);
        return listener;
    }

    private String newSupervisor() throws Exception {
        String name = "sup" + (++users);
        HttpResponse<String> created = send("POST", "/api/users", admin,
                Map.of("username", name, "password", PASSWORD, "role", "supervisor"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return name;
    }

    private String login(String username) throws Exception {
        HttpResponse<String> response = send("POST", "/api/login", null, Map.of("username", username, "password", PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("token").asText();
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
