package org.earshot.server.http;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The QA routes over real HTTP on a real node: who may do what, status codes, bodies. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QaRoutesTest {

    private static final String PASSWORD = "a-long-test-password";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Earshot earshot;
    private String base;
    private String admin;
    private String qa;
    private String trainer;
    private String supervisor;

    @BeforeAll
    void startANodeWithFlaggedCallsAndOneUserPerRole(@TempDir Path dir) throws Exception {
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        try (Database db = Database.open(config.jdbcUrl(), null, null)) {
            CallStore calls = TestStores.calls(db);
            for (String id : List.of("r1", "r2", "r3", "r4")) {
                flaggedCall(calls, id);
            }
        }
        earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        base = "http://127.0.0.1:" + earshot.httpPort();
        admin = login("admin");
        for (String[] user : new String[][] {{"quinn", "qa"}, {"tess", "trainer"}, {"sam", "supervisor"}}) {
            HttpResponse<String> created = send("POST", "/api/users", admin,
                    Map.of("username", user[0], "password", PASSWORD, "role", user[1]));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        qa = login("quinn");
        trainer = login("tess");
        supervisor = login("sam");
    }

    @AfterAll
    void stop() {
        if (earshot != null) {
            earshot.close();
        }
    }

    @Test
    void everyQaRoleMayReadTheQueue() throws Exception {
        for (String token : List.of(admin, qa, trainer, supervisor)) {
            HttpResponse<String> response = send("GET", "/api/qa/queue?status=all", token, null);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json.readTree(response.body()).get("total").asInt()).isEqualTo(4);
        }
    }

    @Test
    void trainerMayReadAReviewButNotChangeIt() throws Exception {
        assertThat(send("GET", "/api/qa/reviews/r1", trainer, null).statusCode()).isEqualTo(200);

        assertThat(send("PUT", "/api/qa/reviews/r1", trainer, Map.of("status", "reviewed")).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/qa/reviews/r1/notes", trainer, Map.of("text", "x")).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/qa/scorecards", trainer, Map.of("name", "x")).statusCode()).isEqualTo(403);
        assertThat(send("PUT", "/api/qa/reviews/r1", supervisor, Map.of("status", "reviewed")).statusCode()).isEqualTo(403);
    }

    @Test
    void draftShowsUnsetFieldsAsNull() throws Exception {
        JsonNode draft = json.readTree(send("GET", "/api/qa/reviews/r2", qa, null).body());

        assertThat(draft.get("status").asText()).isEqualTo("to-review");
        assertThat(draft.get("reviewer").isNull()).isTrue();
        assertThat(draft.get("updatedAt").isNull()).isTrue();
        JsonNode empathy = criterion(draft, "empathy");
        assertThat(empathy.get("auto").isNull()).isTrue();
        assertThat(empathy.get("value").isNull()).isTrue();
        assertThat(criterion(draft, "greeting").at("/auto/evidence").asText()).isEqualTo("'thank you for calling' at 0.4 s");
    }

    @Test
    void qaReviewerSavesAReviewUnderTheirName() throws Exception {
        HttpResponse<String> response = send("PUT", "/api/qa/reviews/r3", qa, Map.of("scorecardId", 1, "status", "reviewed",
                "scores", List.of(Map.of("criterionId", "empathy", "value", 1), Map.of("criterionId", "greeting", "value", 0))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode review = json.readTree(response.body());
        assertThat(review.get("reviewer").asText()).isEqualTo("quinn");
        assertThat(review.get("status").asText()).isEqualTo("reviewed");
        assertThat(criterion(review, "greeting").get("overridden").asBoolean()).isTrue();
        assertThat(review.get("score").isNumber()).isTrue();
        JsonNode listed = json.readTree(send("GET", "/api/qa/queue?status=reviewed", trainer, null).body());
        assertThat(listed.at("/items/0/callId").asText()).isEqualTo("r3");
        assertThat(listed.at("/items/0/reviewer").asText()).isEqualTo("quinn");
    }

    @Test
    void noteIsCreatedWithItsAuthor() throws Exception {
        HttpResponse<String> response = send("POST", "/api/qa/reviews/r4/notes", qa, Map.of("atSeconds", 12.5, "text", "Long hold here"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode note = json.readTree(response.body());
        assertThat(note.get("author").asText()).isEqualTo("quinn");
        assertThat(note.get("atSeconds").asDouble()).isEqualTo(12.5);
        assertThat(json.readTree(send("GET", "/api/qa/reviews/r4", trainer, null).body()).at("/notes/0/text").asText())
                .isEqualTo("Long hold here");
    }

    @Test
    void reviewSavesNotesScorecardChangesCsvExportsAndBulkReanalysisAreInTheAuditLog() throws Exception {
        assertThat(send("PUT", "/api/qa/reviews/r3", qa, Map.of("status", "reviewed")).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/qa/reviews/r3/notes", qa, Map.of("text", "Audited note")).statusCode()).isEqualTo(201);
        HttpResponse<String> card = send("POST", "/api/qa/scorecards", admin, Map.of("name", "Audited",
                "criteria", List.of(Map.of("id", "a", "label", "A", "weight", 10))));
        String cardId = json.readTree(card.body()).get("id").asText();
        assertThat(send("PUT", "/api/qa/scorecards/" + cardId, qa, Map.of("name", "Audited v2", "active", false,
                "criteria", List.of(Map.of("id", "a", "label", "A", "weight", 10)))).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/kpis.csv?groupBy=queue", supervisor, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/reanalysis?from=2026-11-01&to=2026-11-30", admin, null).statusCode()).isEqualTo(202);

        assertThat(audited("qa-review-saved", "r3")).containsEntry("username", "quinn");
        assertThat(audited("qa-note-added", "r3")).containsEntry("username", "quinn");
        assertThat(audited("scorecard-created", cardId)).containsEntry("username", "admin");
        assertThat(audited("scorecard-changed", cardId).get("detail")).contains("Audited v2", "inactive");
        assertThat(audited("kpis-exported", "queue")).containsEntry("username", "sam");
        assertThat(audited("calls-reanalysed", null).get("detail")).contains("2026-11-01 to 2026-11-30");
    }

    /** The newest audit entry of an action (and target, when given), as text fields. */
    private Map<String, String> audited(String action, String target) throws Exception {
        JsonNode body = json.readTree(send("GET", "/api/audit?action=" + action
                + (target == null ? "" : "&target=" + target), admin, null).body());
        assertThat(body.get("total").asInt()).as(action + " " + target + " audited").isPositive();
        Map<String, String> entry = new java.util.HashMap<>();
        body.get("entries").get(0).fields().forEachRemaining(f -> entry.put(f.getKey(), f.getValue().asText()));
        return entry;
    }

    @Test
    void scorecardIsCreatedAndListed() throws Exception {
        HttpResponse<String> created = send("POST", "/api/qa/scorecards", admin, Map.of("name", "Retention",
                "criteria", List.of(Map.of("id", "offer", "label", "Makes an offer", "weight", 10,
                        "auto", Map.of("kind", "agent-phrase-anywhere", "phrases", List.of("discount"))))));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();
        JsonNode listed = json.readTree(send("GET", "/api/qa/scorecards", supervisor, null).body()).get("scorecards");
        assertThat(listed.findValuesAsText("name")).contains("Standard call", "Retention");
        HttpResponse<String> renamed = send("PUT", "/api/qa/scorecards/" + id, qa, Map.of("name", "Retention v2",
                "active", false, "criteria", List.of(Map.of("id", "offer", "label", "Makes an offer", "weight", 10))));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json.readTree(renamed.body()).get("active").asBoolean()).isFalse();
    }

    @Test
    void badCriterionIsA400ThatNamesTheField() throws Exception {
        HttpResponse<String> response = send("POST", "/api/qa/scorecards", qa, Map.of("name", "Bad",
                "criteria", List.of(Map.of("id", "a", "label", "A", "weight", 5,
                        "auto", Map.of("kind", "agent-phrase", "phrases", List.of("hi"), "withinSeconds", -3)))));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("detail").asText())
                .isEqualTo("criteria[0].auto.withinSeconds must be a number of seconds > 0, was -3.0");
    }

    @Test
    void badReviewInputIsA400ThatSaysWhatIsAllowed() throws Exception {
        assertThat(detail(send("PUT", "/api/qa/reviews/r1", qa, Map.of("status", "done"))))
                .isEqualTo("status must be to-review, reviewed or disputed, was \"done\"");
        assertThat(detail(send("PUT", "/api/qa/reviews/r1", qa, Map.of("status", "reviewed",
                "scores", List.of(Map.of("criterionId", "empathy", "value", 2))))))
                .isEqualTo("scores[0].value must be a number from 0 to 1 or null, was 2");
        assertThat(detail(send("POST", "/api/qa/reviews/r1/notes", qa, Map.of("text", ""))))
                .startsWith("text must be 1-2000 characters");
        assertThat(detail(send("GET", "/api/qa/queue?status=later", qa, null)))
                .isEqualTo("status must be to-review, reviewed, disputed or all, was 'later'");
        assertThat(detail(send("GET", "/api/qa/agents?from=yesterday", qa, null))).startsWith("from must be a date");
    }

    @Test
    void bodyThatIsNotJsonIsA400() throws Exception {
        HttpResponse<String> response = http.send(request("/api/qa/scorecards", qa)
                .POST(HttpRequest.BodyPublishers.ofString("{name: ")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(detail(response)).startsWith("body is not JSON");
    }

    @Test
    void unknownCallOrScorecardIsA404() throws Exception {
        assertThat(send("GET", "/api/qa/reviews/no-such-call", qa, null).statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/api/qa/reviews/no-such-call", qa, Map.of("status", "reviewed")).statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/api/qa/scorecards/999", qa, Map.of("name", "x",
                "criteria", List.of(Map.of("id", "a", "label", "A", "weight", 1)))).statusCode()).isEqualTo(404);
    }

    @Test
    void agentFiguresCoverTheLast30DaysByDefault() throws Exception {
        JsonNode agents = json.readTree(send("GET", "/api/qa/agents", supervisor, null).body()).get("agents");

        assertThat(agents.findValuesAsText("agent")).containsExactly("Alice");
        assertThat(agents.get(0).get("toReview").asInt() + agents.get(0).get("reviewed").asInt()).isEqualTo(4);
    }

    private static void flaggedCall(CallStore calls, String id) throws IOException {
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        calls.save(CallRecord.builder(id, at, at.plusSeconds(120), CallOutcome.ANSWERED).linkedId(id).caller("5550100")
                .queue("support").agent("Alice").answeredAt(at.plusSeconds(5)).waitSeconds(5).talkSeconds(115.0).build());
        AnalysisReport report = new AnalysisReport(id + ".wav", 115, Map.of("left", "customer", "right", "agent"), Map.of(),
                List.of(), 0.0, List.of(), 0.2, 0.5, new AnalysisReport.CallSentiment(-0.5, "negative", List.of("escalation")),
                List.of(new AnalysisReport.TranscriptSegment("agent", 0.4, 2.0, "thank you for calling", List.of(
                        new AnalysisReport.Word("thank", 0.4, 0.6, 0.9), new AnalysisReport.Word("you", 0.6, 0.8, 0.9),
                        new AnalysisReport.Word("for", 0.8, 1.0, 0.9), new AnalysisReport.Word("calling", 1.0, 1.5, 0.9)))),
                null, List.of(), null);
        calls.saveAnalysis(id, report, at.plusSeconds(200));
    }

    private static JsonNode criterion(JsonNode review, String id) {
        for (JsonNode score : review.get("scores")) {
            if (score.get("criterionId").asText().equals(id)) {
                return score;
            }
        }
        throw new AssertionError("no criterion " + id + " in " + review);
    }

    private String detail(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return json.readTree(response.body()).get("detail").asText();
    }

    private String login(String username) throws Exception {
        HttpResponse<String> response = send("POST", "/api/login", null, Map.of("username", username, "password", PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("token").asText();
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8);
        return http.send(request(path, token).method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }
}
