package org.earshot.server.http;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.Json;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.WrapUpRule;

/**
 * Issue 13: every route of the router, as every role, as an API key (issue 15) and as nobody, with generated
 * hostile input (numbers at the int and long edges, empty, huge and unicode values, repeated and unknown
 * parameters, JSON of the wrong type): the server never answers a 5xx, never shows a stack trace, and every
 * error has the JSON error shape.
 * The routes come from the node's own route table, so a new route is covered without touching this test.
 */
class ApiPropertiesTest {

    private static final String PASSWORD = "a-long-test-password";
    private static final String CALL = "r1";
    private static final List<String> PRINCIPALS = List.of("admin", "sam", "quinn", "tess", "key", "nobody", "forged");
    private static final Pattern STACK_TRACE = Pattern.compile(
            "\\tat |\\bat [a-z]+\\.[\\w.$]+\\(|(java|javax|io\\.netty|org\\.earshot|com\\.fasterxml|org\\.h2)\\.[\\w.$]+(Exception|Error)");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private static final ShiftingClock CLOCK = new ShiftingClock();
    private static final Map<String, String> TOKENS = new HashMap<>();
    private static Path dir;
    private static Earshot earshot;
    private static List<Router.Route> routes;

    /** One generated request: a route, who sends it, path values, query parameters and a body. */
    record Call(Router.Route route, String principal, List<String> pathValues, List<Map.Entry<String, String>> query,
                String body) {
        @Override
        public String toString() {
            return principal + " " + route.method() + " " + uri() + (body == null ? "" : " " + abbreviated(body));
        }

        String uri() {
            StringBuilder path = new StringBuilder();
            int next = 0;
            for (String segment : route.segments()) {
                path.append('/').append(segment.startsWith("{") ? encode(pathValues.get(next++ % pathValues.size())) : segment);
            }
            StringBuilder uri = new StringBuilder(path);
            for (int i = 0; i < query.size(); i++) {
                uri.append(i == 0 ? '?' : '&').append(encode(query.get(i).getKey())).append('=')
                        .append(encode(query.get(i).getValue()));
            }
            return uri.toString();
        }
    }

    @BeforeContainer
    static void startANodeWithOneAnalysedCallAndOneUserPerRole() throws Exception {
        dir = Files.createTempDirectory("earshot-api-properties");
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        try (Database db = Database.open(config.jdbcUrl(), null, null)) {
            analysedCall(TestStores.calls(db));
        }
        earshot = Earshot.wire(config, CLOCK, Earshot.Role.SERVE);
        earshot.start();
        routes = earshot.http().router().routes();
        for (String[] user : new String[][] {{"sam", "supervisor"}, {"quinn", "qa"}, {"tess", "trainer"}}) {
            HttpResponse<String> created = send("POST", "/api/users", token("admin"),
                    JSON.writeValueAsString(Map.of("username", user[0], "password", PASSWORD, "role", user[1])));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
    }

    @AfterContainer
    static void stop() throws IOException {
        if (earshot != null) {
            earshot.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Example
    void theRouteTableIsWalkedWhole() {
        // The generator draws from the router itself: a route added to ApiRoutes is in this list without a word here.
        assertThat(routes).extracting(Router.Route::name)
                .contains("GET /api/calls", "GET /api/kpis", "PATCH /api/users/{username}", "POST /api/qa/reviews/{callId}/notes");
    }

    @Example
    void everyRouteAsEveryPrincipalWithEveryParameterAtTheIntEdge() throws Exception {
        for (Router.Route route : routes) {
            for (String principal : PRINCIPALS) {
                List<Map.Entry<String, String>> query = new ArrayList<>();
                route.params().names().forEach(name -> query.add(Map.entry(name, "2147483648")));
                check(new Call(route, principal, List.of("2147483647"), query, route.method().equals("GET") ? null : "{}"));
            }
        }
    }

    @Example
    void everyParameterOfEveryRouteAtEachOfItsEdges() throws Exception {
        for (Router.Route route : routes) {
            String principal = route.isPublic() ? "nobody" : "admin"; // admins may use every route
            for (String name : route.params().names()) {
                for (String value : edges(name)) {
                    check(new Call(route, principal, List.of(CALL), List.of(Map.entry(name, value)),
                            route.method().equals("GET") ? null : "{}"));
                }
            }
        }
    }

    @Property(tries = 1000, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
    void noHostileRequestGetsA5xxAStackTraceOrAnErrorOfAnotherShape(@ForAll("calls") Call call) throws Exception {
        check(call);
    }

    private static void check(Call call) throws Exception {
        HttpResponse<String> response = send(call.route().method(), call.uri(), token(call.principal()), call.body());
        if (response.statusCode() == 401 && TOKENS.containsKey(call.principal())) {
            TOKENS.remove(call.principal()); // its session ended (POST /api/logout): the next call logs in again
        }

        assertThat(response.statusCode()).as("%s → %s", call, response.body()).isLessThan(500);
        assertThat(response.body()).as("%s", call).doesNotContainPattern(STACK_TRACE);
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).as("%s", call).hasValue("application/json");
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.isObject() && error.size() == 2 && error.path("error").isTextual()
                    && error.path("detail").isTextual() && !error.path("detail").asText().isBlank())
                    .as("%s → %s is {error, detail}", call, response.body()).isTrue();
        }
    }

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<Router.Route> route = Arbitraries.of(routes);
        // Mostly people with a role: nobody and a forged token stop at the 401 before any parameter is read.
        Arbitrary<String> principal = Arbitraries.frequency(Tuple.of(3, "admin"), Tuple.of(2, "sam"), Tuple.of(2, "quinn"),
                Tuple.of(2, "tess"), Tuple.of(2, "key"), Tuple.of(1, "nobody"), Tuple.of(1, "forged"));
        Arbitrary<List<String>> pathValues = Arbitraries.oneOf(Arbitraries.just(CALL), hostileText()).list().ofMinSize(1).ofMaxSize(2);
        return Combinators.combine(route, principal, pathValues, Arbitraries.integers().between(0, 99),
                        Arbitraries.longs(), body())
                .as((r, p, values, seed, salt, body) -> new Call(r, p, values, query(r, seed, salt),
                        r.method().equals("GET") ? null : body));
    }

    /** Mostly the route's own parameters, sometimes a repeated or an unknown one, with hostile values. */
    private static List<Map.Entry<String, String>> query(Router.Route route, int seed, long salt) {
        java.util.Random random = new java.util.Random(salt);
        List<String> names = new ArrayList<>(route.params().names());
        names.addAll(List.of("pgae", "x", "", "ü🙂", "page"));
        List<Map.Entry<String, String>> query = new ArrayList<>();
        int count = 1 + seed % 4;
        for (int i = 0; i < count; i++) {
            String name = random.nextInt(5) == 0 || route.params().names().isEmpty() ? names.get(random.nextInt(names.size()))
                    : route.params().names().get(random.nextInt(route.params().names().size()));
            query.add(Map.entry(name, value(name, random)));
            if (random.nextInt(8) == 0) {
                query.add(Map.entry(name, value(name, random))); // repeated
            }
        }
        return query;
    }

    /** Half the time a value at the edge of what that parameter reads (dates for from, numbers for page), else any. */
    private static String value(String name, java.util.Random random) {
        List<String> pick = random.nextBoolean() ? hostileValues() : edges(name);
        return pick.get(random.nextInt(pick.size()));
    }

    /** Values at the edge of what a parameter of that name reads, and a few that are wrong for any. */
    private static List<String> edges(String name) {
        List<String> edges = new ArrayList<>(name.equals("from") || name.equals("to") ? List.of("0000-01-01", "9999-12-31", "-999999999-01-01",
                "+999999999-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
                "2026-11-23", "2026-11-23T10:00:00Z", "0001-01-01T00:00:00Z", "2026-11-23T10:00:00+01:00", "2026-13-01")
                : name.equals("page") || name.equals("size") || name.equals("points") ? List.of("0", "1", "-1", "10",
                "100", "2147483647", "-2147483648", "2147483648", "99", "4000", "4001", "500", "100000")
                : List.of("day", "hour", "agent", "queue", "none", "all", "customer", "support", "Alice", CALL, "reviewed",
                "to-review", "escalation", "-duration", "sentiment", "duration>=1e308", "talk.agent<-0"));
        edges.addAll(List.of("", " ", "x".repeat(1500), "ü🙂\u0000", "-2147483649", "1e309", "NaN"));
        return edges;
    }

    private static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(Arbitraries.of(hostileValues()),
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().withCharRange('0', '9').withChars('-', '+', '.', 'e').ofMinLength(1).ofMaxLength(25));
    }

    private static List<String> hostileValues() {
        return List.of("", " ", "0", "-1", "1", "2147483647", "2147483648", "-2147483648", "-2147483649",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e309", "-1e309", "NaN",
                "Infinity", "-0", "0x10", "1.5", "٣", "１２", "2026-11-23", "0000-01-01", "9999-12-31", "2026-02-30",
                "2026-11-23T10:00:00Z", "-999999999-01-01", "+999999999-12-31T23:59:59.999999999Z",
                "-1000000000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "x".repeat(1500), "ü🙂\u0000\u202e", "<script>",
                "' OR 1=1 --", "%", "..", "../../etc/passwd", "\\", "null", "[]", "{}", "a,b", "customer", "agent",
                "none", "day", "hour", "agent", "queue", "-date", "all", "reviewed", "escalation", "qa", "ADMIN",
                "duration>=", "sentiment.customer<=-1e400", "\"unterminated", "q:", "NOT", "*", "?", "~", "/");
    }

    private static Arbitrary<String> body() {
        List<String> keys = List.of("username", "password", "role", "disabled", "name", "description", "criteria",
                "active", "scorecardId", "status", "scores", "answers", "comment", "text", "at", "party", "time", "id",
                "weight", "label", "max", "criterionId", "value", "auto", "from", "to", "queue", "note", "evidence");
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.of(hostileValues()).map(v -> (Object) v),
                Arbitraries.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, true, false,
                        1.0e308, -0.0, 0.5).map(v -> (Object) v),
                Arbitraries.of(List.of(), Map.of(), List.of(Map.of()), List.of(1, "a", true)).map(v -> (Object) v),
                Arbitraries.just("password-" + "y".repeat(10)).map(v -> (Object) v));
        Arbitrary<String> object = Arbitraries.maps(Arbitraries.of(keys), value).ofMaxSize(4).map(ApiPropertiesTest::write);
        Arbitrary<String> scorecard = value.list().ofMaxSize(3).map(criteria -> write(Map.of("name", "card",
                "criteria", criteria.stream().map(c -> Map.of("id", c, "label", c, "weight", c, "max", c)).toList())));
        Arbitrary<String> raw = Arbitraries.of("", "{", "null", "[]", "123", "\"text\"", "{}", "[{}]", "{\"a\":",
                "[".repeat(3000) + "]".repeat(3000), "{\"password\":\"" + "p".repeat(5000) + "\"}", "\u0000", "tru");
        return Arbitraries.oneOf(object, scorecard, raw);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token of that principal's session, logging in again after one ended; "nobody" has none, "forged" one no server issued. */
    private static String token(String principal) throws Exception {
        if (principal.equals("nobody")) {
            return null;
        }
        if (principal.equals("forged")) {
            return "esk_" + "A".repeat(40);
        }
        String token = TOKENS.get(principal);
        if (token != null) {
            return token;
        }
        if (principal.equals("key")) {
            // An API key with the admin role (issue 15); a new one whenever a generated DELETE revoked it.
            HttpResponse<String> created = send("POST", "/api/keys", token("admin"), JSON.writeValueAsString(
                    Map.of("name", "properties-" + java.util.UUID.randomUUID(), "role", "admin")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            token = JSON.readTree(created.body()).get("key").asText();
            TOKENS.put(principal, token);
            return token;
        }
        while (true) {
            HttpResponse<String> login = send("POST", "/api/login", null,
                    JSON.writeValueAsString(Map.of("username", principal, "password", PASSWORD)));
            if (login.statusCode() == 429) {
                // The generated logins failed often enough to lock the address out: let the window pass.
                CLOCK.shift(Duration.ofMinutes(6));
                continue;
            }
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            token = JSON.readTree(login.body()).get("token").asText();
            TOKENS.put(principal, token);
            return token;
        }
    }

    private static HttpResponse<String> send(String method, String uri, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + earshot.httpPort() + uri))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...(" + text.length() + " chars)";
    }

    private static void analysedCall(CallStore calls) throws IOException {
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        calls.save(CallRecord.builder(CALL, at, at.plusSeconds(120), CallOutcome.ANSWERED).linkedId(CALL).caller("5550100")
                .queue("support").agent("Alice").answeredAt(at.plusSeconds(5)).waitSeconds(5).talkSeconds(115.0).build());
        AnalysisReport report = new AnalysisReport(CALL + ".wav", 115, Map.of("left", "customer", "right", "agent"), Map.of(),
                List.of(), 0.0, List.of(), 0.2, 0.5, new AnalysisReport.CallSentiment(-0.5, "negative", List.of("escalation")),
                List.of(new AnalysisReport.TranscriptSegment("agent", 0.4, 2.0, "thank you for calling", List.of(
                        new AnalysisReport.Word("thank", 0.4, 0.6, 0.9), new AnalysisReport.Word("you", 0.6, 0.8, 0.9)))),
                null, List.of(), null);
        calls.saveAnalysis(CALL, report, at.plusSeconds(200));
    }

    /** The system clock, moved forward by the test when the login lockout must pass. */
    private static final class ShiftingClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void shift(Duration by) {
            offset.updateAndGet(d -> d.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.offset(Clock.system(zone), offset.get());
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }
}
