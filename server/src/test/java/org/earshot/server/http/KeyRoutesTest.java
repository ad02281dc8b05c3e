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
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.auth.ApiKeys;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.store.Database;
import org.earshot.server.testing.TestStores;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.earshot.server.testing.MovableClock;

/**
 * Issue 15, API keys, through a running node over HTTP: an admin creates a key, the key reads calls with its role,
 * is attributed in the audit log, is refused at once when revoked (its live socket closed) or expired, never manages
 * users or keys, and has a rate limit of its own. The node's clock stands still unless a test moves it, so the rate
 * limit is driven without timing; sockets are awaited on their close frame, never on a sleep.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyRoutesTest {

    private static final String PASSWORD = "a-long-test-password";
    private static final String CALL = "k1";
    private static final long WITHIN_SECONDS = 10;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private Earshot earshot;
    private String base;
    private String admin;
    private int keys;

    @BeforeAll
    void startANodeWithOneCall(@TempDir Path dir) throws Exception {
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        try (Database db = Database.open(config.jdbcUrl(), null, null)) {
            Instant at = clock.instant().minus(1, ChronoUnit.HOURS);
            TestStores.calls(db).save(CallRecord.builder(CALL, at, at.plusSeconds(60), CallOutcome.ANSWERED).linkedId(CALL)
                    .caller("5550100").queue("support").agent("Alice").answeredAt(at.plusSeconds(5)).waitSeconds(5)
                    .talkSeconds(55.0).build());
        }
        earshot = Earshot.wire(config, clock, Earshot.Role.SERVE);
        earshot.start();
        base = "http://127.0.0.1:" + earshot.httpPort();
        admin = login();
    }

    @AfterAll
    void stop() {
        if (earshot != null) {
            earshot.close();
        }
    }

    @Test
    void aKeyCreatedByAnAdminReadsCallsAndIsNeverShownAgain() throws Exception {
        HttpResponse<String> created = send("POST", "/api/keys", admin, Map.of("name", "crm-sync", "role", "supervisor"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json.readTree(created.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("id", "name", "role", "key", "createdAt", "expiresAt");
        String key = body.get("key").asText();
        assertThat(key).matches("esk_[A-Za-z0-9_-]{43}");
        assertThat(send("GET", "/api/calls", key, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/calls/" + CALL, key, null).statusCode()).isEqualTo(200);

        HttpResponse<String> listed = send("GET", "/api/keys", admin, null);
        assertThat(listed.body()).doesNotContain(key.substring(12)).doesNotContain(sha256(key));
        JsonNode listedKey = json.readTree(listed.body()).get("keys").get(0);
        assertThat(listedKey.get("name").asText()).isEqualTo("crm-sync");
        assertThat(listedKey.get("prefix").asText()).isEqualTo(key.substring(0, 12));
        assertThat(listedKey.get("createdBy").asText()).isEqualTo("admin");
        assertThat(listedKey.get("status").asText()).isEqualTo("active");
        assertThat(listedKey.get("lastUsedAt").isNull()).as("a use is recorded").isFalse();
        assertThat(listedKey.get("revokedAt").isNull()).isTrue();
    }

    @Test
    void aRevokedKeyIs401AtOnceAndItsLiveSocketsAreClosed() throws Exception {
        JsonNode key = newKey("supervisor", null);
        String secret = key.get("key").asText();
        Socket byHeader = open(secret, false);
        Socket byQuery = open(secret, true);

        assertThat(send("DELETE", "/api/keys/" + key.get("id").asLong(), admin, null).statusCode()).isEqualTo(204);

        assertThat(byHeader.closeCode()).isEqualTo(1008);
        assertThat(byHeader.closeReason()).contains("revoked");
        assertThat(byQuery.closeCode()).isEqualTo(1008);
        HttpResponse<String> refused = send("GET", "/api/calls", secret, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(detail(refused)).contains("'" + key.get("name").asText() + "' was revoked");
        assertThat(send("DELETE", "/api/keys/" + key.get("id").asLong(), admin, null).statusCode())
                .as("revoking again changes nothing").isEqualTo(204);
    }

    @Test
    void aKeyWithTheLongestNameHasItsSocketClosedWithAReasonThatFitsTheCloseFrame() throws Exception {
        String name = "ü".repeat(80); // 160 bytes of UTF-8: more than a close frame's 123
        HttpResponse<String> created = send("POST", "/api/keys", admin, Map.of("name", name, "role", "admin"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode key = json.readTree(created.body());
        Socket socket = open(key.get("key").asText(), false);

        assertThat(send("DELETE", "/api/keys/" + key.get("id").asLong(), admin, null).statusCode()).isEqualTo(204);

        assertThat(socket.closeCode()).isEqualTo(1008);
        assertThat(socket.closeReason()).startsWith("API key 'üü").endsWith("…");
        assertThat(socket.closeReason().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
    }

    @Test
    void anExpiredKeyIs401() throws Exception {
        String secret = newKey("qa", clock.instant().plus(Duration.ofHours(1)).toString()).get("key").asText();
        assertThat(send("GET", "/api/calls", secret, null).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofHours(1));

        HttpResponse<String> refused = send("GET", "/api/calls", secret, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(detail(refused)).contains("expired at");
    }

    @Test
    void aKeyWithTheAdminRoleIs403OnEveryUserKeyAndAuditRouteAndOnLogout() throws Exception {
        String secret = newKey("admin", null).get("key").asText();
        List<Router.Route> managing = earshot.http().router().routes().stream()
                .filter(r -> r.pattern().startsWith("/api/users") || r.pattern().startsWith("/api/keys")
                        || r.pattern().startsWith("/api/audit"))
                .toList();
        assertThat(managing).extracting(Router.Route::name).contains("GET /api/users", "POST /api/keys",
                "DELETE /api/keys/{id}", "GET /api/audit");

        for (Router.Route route : managing) {
            String path = route.pattern().replace("{username}", "admin").replace("{id}", "1");
            HttpResponse<String> refused = send(route.method(), path, secret, route.method().equals("GET") ? null : Map.of());
            assertThat(refused.statusCode()).as(route.name()).isEqualTo(403);
            assertThat(detail(refused)).as(route.name()).contains("API keys cannot manage users or keys");
        }
        HttpResponse<String> logout = send("POST", "/api/logout", secret, null);
        assertThat(logout.statusCode()).isEqualTo(403);
        assertThat(detail(logout)).contains("no session");
        assertThat(send("GET", "/api/settings", secret, null).statusCode()).as("otherwise it acts as an admin").isEqualTo(200);
    }

    @Test
    void theAuditLogNamesTheKeyThatOpenedACall() throws Exception {
        JsonNode key = newKey("trainer", null);
        String actor = ApiKeys.ACTOR_PREFIX + key.get("name").asText();

        assertThat(send("GET", "/api/calls/" + CALL, key.get("key").asText(), null).statusCode()).isEqualTo(200);

        JsonNode entries = json.readTree(send("GET", "/api/audit?user=" + URLEncoder.encode(actor, StandardCharsets.UTF_8)
                + "&action=call-opened", admin, null).body()).get("entries");
        assertThat(entries).singleElement().satisfies(e -> assertThat(e.get("target").asText()).isEqualTo(CALL));
        JsonNode created = json.readTree(send("GET", "/api/audit?action=key-created&target="
                + URLEncoder.encode(actor, StandardCharsets.UTF_8), admin, null).body()).get("entries");
        assertThat(created).singleElement().satisfies(e -> assertThat(e.get("username").asText()).isEqualTo("admin"));
    }

    @Test
    void afterItsBurstAKeyGets429WithRetryAfterAndOtherKeysAreNotCharged() throws Exception {
        String busy = newKey("qa", null).get("key").asText();
        String quiet = newKey("qa", null).get("key").asText();
        for (int i = 0; i < ApiKeys.BURST; i++) {
            assertThat(send("GET", "/api/me", busy, null).statusCode()).as("request %d of the burst", i + 1).isEqualTo(200);
        }

        HttpResponse<String> limited = send("GET", "/api/me", busy, null);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(detail(limited)).contains("rate limit");
        assertThat(send("GET", "/api/me", quiet, null).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(send("GET", "/api/me", busy, null).statusCode()).as("a second later").isEqualTo(200);
    }

    @Test
    void otherPeoplesFailedLoginsDoNotLockAKeyOut() throws Exception {
        String secret = newKey("supervisor", null).get("key").asText();
        int refused = 0;
        for (int i = 0; i < 25; i++) {
            int status = send("POST", "/api/login", null, Map.of("username", i % 2 == 0 ? "admin" : "someone",
                    "password", "wrong-password")).statusCode();
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).as("this address is locked out of logging in").isPositive();

        assertThat(send("GET", "/api/calls", secret, null).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(6)); // past the lockout, for the tests after this one
    }

    @Test
    void badBodiesAre400NamingTheFieldATakenNameIs409AndAnUnknownIdIs404() throws Exception {
        Map<String, Object> expiresInThePast = new LinkedHashMap<>(Map.of("name", "past", "role", "qa"));
        expiresInThePast.put("expiresAt", clock.instant().minusSeconds(1).toString());
        Map<Object, String> cases = new LinkedHashMap<>();
        cases.put(Map.of("role", "qa"), "name");
        cases.put(Map.of("name", "", "role", "qa"), "name");
        cases.put(Map.of("name", "x".repeat(81), "role", "qa"), "name");
        cases.put(Map.of("name", "ok", "role", "root"), "role");
        cases.put(Map.of("name", "ok"), "role");
        cases.put(expiresInThePast, "expiresAt");
        cases.put(Map.of("name", "ok", "role", "qa", "expiresAt", "next week"), "expiresAt");
        cases.put(Map.of("name", "ok", "role", "qa", "expires_at", "2099-01-01T00:00:00Z"), "expires_at");
        cases.put(List.of(), "body");
        cases.forEach((body, field) -> {
            HttpResponse<String> answer = sendUnchecked("POST", "/api/keys", admin, body);
            assertThat(answer.statusCode()).as("%s", body).isEqualTo(400);
            assertThat(detailUnchecked(answer)).as("%s", body).contains(field);
        });

        String name = newKey("qa", null).get("name").asText();
        assertThat(send("POST", "/api/keys", admin, Map.of("name", name.toUpperCase(), "role", "qa")).statusCode())
                .isEqualTo(409);
        assertThat(send("DELETE", "/api/keys/999999", admin, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/keys/abc", admin, null).statusCode()).isEqualTo(404);
    }

    private JsonNode newKey(String role, String expiresAt) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "key-" + (++keys), "role", role));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt);
        }
        HttpResponse<String> created = send("POST", "/api/keys", admin, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body());
    }

    private String login() throws Exception {
        HttpResponse<String> response = send("POST", "/api/login", null, Map.of("username", "admin", "password", PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("token").asText();
    }

    private String detail(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body()).get("detail").asText();
    }

    private String detailUnchecked(HttpResponse<String> response) {
        try {
            return detail(response);
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private HttpResponse<String> sendUnchecked(String method, String path, String token, Object body) {
        try {
            return send(method, path, token, body);
        } catch (Exception e) {
            throw new AssertionError(method + " " + path, e);
        }
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

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Socket open(String key, boolean inQuery) throws Exception {
        Socket listener = new Socket();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        String uri = "ws://127.0.0.1:" + earshot.httpPort() + "/api/live";
        if (inQuery) {
            uri += "?token=" + key;
        } else {
            builder.header("Authorization", "Bearer " + key);
        }
        listener.socket = builder.buildAsync(URI.create(uri), listener).get(WITHIN_SECONDS, TimeUnit.SECONDS);
        return listener;
    }

    /** An open /api/live socket and the close the test waits on. */
    private static final class Socket implements WebSocket.Listener {
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final CompletableFuture<String> reason = new CompletableFuture<>();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            webSocket.request(1); // the live feed's snapshot: read on, towards the close frame
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String why) {
            reason.complete(why);
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        int closeCode() throws Exception {
            return closed.get(WITHIN_SECONDS, TimeUnit.SECONDS);
        }

        String closeReason() throws Exception {
            return reason.get(WITHIN_SECONDS, TimeUnit.SECONDS);
        }
    }
}
