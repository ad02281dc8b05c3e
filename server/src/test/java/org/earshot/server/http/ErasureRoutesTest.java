package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.store.CallCrmStore;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.testing.TestStores;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AnalysisReport.CallSentiment;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure on request over HTTP on a real node: stored, analysed and indexed calls with a recording,
 * survey, CRM link, webhook event and QA note; after erasure nothing of the caller is found anywhere,
 * and the KPI figures are the same.
 */
class ErasureRoutesTest {

    private static final String PASSWORD = "a-long-test-password";
    // Two spellings of one number, and another caller on the same day.
    private static final String ERASED_A = "1795393091.5";
    private static final String ERASED_B = "1795393091.6";
    private static final String OTHER = "1795393091.7";
    private static final Instant DAY = Instant.parse("2026-11-20T10:00:00Z");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Path recordings;
    private Path outside;
    private Database db;
    private Earshot earshot;
    private String base;
    private String token;

    @BeforeEach
    void startANodeWithTwoCallsOfOneCallerAndOneOfAnother(@TempDir Path dir) throws Exception {
        recordings = Files.createDirectories(dir.resolve("recordings"));
        outside = Files.createDirectories(dir.resolve("elsewhere"));
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, recordings,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        db = Database.open(config.jdbcUrl(), null, null);
        // Rollups written with the calls, as on a running node.
        TestStores.rollups(db, KpiDefinitions.DEFAULTS).markCurrentIfEmpty();
        CallStore calls = TestStores.calls(db);
        store(calls, ERASED_A, "14045550149", 0);
        store(calls, ERASED_B, "+1 (404) 555-0149", 600);
        store(calls, OTHER, "5550100", 1200);
        TestStores.surveys(db).save(ERASED_A, 5, 10, 2, DAY.plusSeconds(60));
        new CallCrmStore(db).link(ERASED_A, "C-1001", "Ada Lovelace", DAY.plusSeconds(30));
        sql("INSERT INTO qa_notes (call_id, at_seconds, text, author, created_at) VALUES (?, 1.0,"
                + " 'customer gave her number 404 555 0149', 'qa', CURRENT_TIMESTAMP)", ERASED_A);
        sql("INSERT INTO webhooks (id, url, secret, created_at, created_by) VALUES (7, 'https://example.com/hook',"
                + " 's', CURRENT_TIMESTAMP, ?)", "admin");
        sql("INSERT INTO webhook_events (id, type, subject, created_at, body) VALUES ('ev-1', 'call.ended', ?,"
                + " CURRENT_TIMESTAMP, '{\"caller\":\"14045550149\"}')", ERASED_A);
        sql("INSERT INTO webhook_deliveries (event_id, webhook_id, subject, status, next_attempt_at, cycle_started_at)"
                + " VALUES ('ev-1', 7, ?, 'pending', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", ERASED_A);

        earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        base = "http://127.0.0.1:" + earshot.httpPort();
        HttpResponse<String> login = send("POST", "/api/login", json.writeValueAsString(Map.of("username", "admin",
                "password", PASSWORD)));
        token = json.readTree(login.body()).get("token").asText();
        awaitIndexCaughtUp();
    }

    @AfterEach
    void stop() {
        if (earshot != null) {
            earshot.close();
        }
        db.close();
    }

    @Test
    void aDryRunCountsTheCallerInEverySpellingAndChangesNothing() throws Exception {
        String kpisBefore = get("/api/kpis?from=2026-11-20&to=2026-11-20&groupBy=queue").body();

        HttpResponse<String> dry = send("POST", "/api/erasure", "{\"caller\":\"+1 404-555-0149\",\"dryRun\":true}");

        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(json.readTree(dry.body()).get("calls").asInt()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM analyses")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM calls WHERE caller IS NOT NULL")).isEqualTo(3);
        assertThat(Files.exists(recordings.resolve(ERASED_A + ".raw"))).isTrue();
        assertThat(hits("caller=14045550149")).containsExactlyInAnyOrder(ERASED_A, ERASED_B);
        assertThat(get("/api/kpis?from=2026-11-20&to=2026-11-20&groupBy=queue").body()).isEqualTo(kpisBefore);
    }

    @Test
    void erasingACallerLeavesNoTraceButTheAnonymousCallsAndTheSameKpis() throws Exception {
        String kpisBefore = get("/api/kpis?from=2026-11-20&to=2026-11-20&groupBy=queue").body();
        assertThat(hits("q=refund")).containsExactlyInAnyOrder(ERASED_A, ERASED_B, OTHER);

        HttpResponse<String> erased = send("POST", "/api/erasure", "{\"caller\":\"+1 404 555 0149\"}");

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(json.readTree(erased.body()).get("calls").asInt()).isEqualTo(2);
        awaitIndexCaughtUp();
        // Search: not by the number, not by the words.
        assertThat(hits("caller=14045550149")).isEmpty();
        assertThat(hits("q=refund")).containsExactly(OTHER);
        // The call is anonymous; its audio, waveform, analysis and transcript are gone.
        JsonNode call = json.readTree(get("/api/calls/" + ERASED_A).body());
        assertThat(call.path("caller").isMissingNode() || call.path("caller").isNull()).as(call.toString()).isTrue();
        assertThat(call.has("analysis")).isFalse();
        assertThat(get("/api/calls/" + ERASED_A + "/audio").statusCode()).isEqualTo(404);
        assertThat(get("/api/calls/" + ERASED_A + "/waveform").statusCode()).isEqualTo(404);
        assertThat(get("/api/calls/" + ERASED_A + "/analysis").statusCode()).isEqualTo(404);
        assertThat(get("/api/calls/" + ERASED_A + "/transcript").statusCode()).isEqualTo(404);
        assertThat(Files.exists(recordings.resolve(ERASED_A + ".raw"))).isFalse();
        assertThat(Files.exists(recordings.resolve(ERASED_B + ".raw"))).isFalse();
        assertThat(Files.exists(recordings.resolve(OTHER + ".raw"))).isTrue();
        // Exports know nothing of it.
        assertThat(get("/api/calls.csv?from=2026-11-20&to=2026-11-20").body()).doesNotContain("0149", "Ada");
        // Rows: the store holds nothing of the number or what hung on it.
        assertThat(count("SELECT COUNT(*) FROM calls WHERE caller LIKE '%0149%' OR record_json LIKE '%0149%'"
                + " OR caller_name IS NOT NULL AND id <> '" + OTHER + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM analyses WHERE call_id <> '" + OTHER + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM surveys")).isZero();
        assertThat(count("SELECT COUNT(*) FROM call_crm")).isZero();
        assertThat(count("SELECT COUNT(*) FROM webhook_events")).isZero();
        assertThat(count("SELECT COUNT(*) FROM webhook_deliveries")).isZero();
        assertThat(count("SELECT COUNT(*) FROM jobs WHERE call_id <> '" + OTHER + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM qa_notes WHERE text LIKE '%0149%'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%0149%' OR target LIKE '%0149%'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'caller-erased'"
                + " AND detail = 'erasure request: 2 call(s) erased'")).isEqualTo(1);
        // The anonymous calls still count.
        assertThat(get("/api/kpis?from=2026-11-20&to=2026-11-20&groupBy=queue").body()).isEqualTo(kpisBefore);
    }

    @Test
    void aDeletedCallIsA404EverywhereAndGoneFromSearchAndKpisStay() throws Exception {
        String kpisBefore = get("/api/kpis?from=2026-11-20&to=2026-11-20&groupBy=queue").body();

        HttpResponse<String> deleted = send("DELETE", "/api/calls/" + ERASED_A, null);

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        awaitIndexCaughtUp();
        assertThat(get("/api/calls/" + ERASED_A).statusCode()).isEqualTo(404);
        assertThat(get("/api/calls/" + ERASED_A + "/audio").statusCode()).isEqualTo(404);
        assertThat(hits("q=refund")).containsExactlyInAnyOrder(ERASED_B, OTHER);
        assertThat(Files.exists(recordings.resolve(ERASED_A + ".raw"))).isFalse();
        assertThat(count("SELECT COUNT(*) FROM calls WHERE id = '" + ERASED_A + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM qa_notes")).isZero();
        assertThat(get("/api/kpis?from=2026-11-20&to=2026-11-20&groupBy=queue").body()).isEqualTo(kpisBefore);
        assertThat(send("DELETE", "/api/calls/" + ERASED_A, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aCallUnderLegalHoldIsKeptAndCountedAsHeld() throws Exception {
        assertThat(send("PUT", "/api/calls/" + ERASED_A + "/legal-hold", "{\"legalHold\":true}").statusCode())
                .isEqualTo(200);

        assertThat(send("DELETE", "/api/calls/" + ERASED_A, null).statusCode()).isEqualTo(409);
        JsonNode erased = json.readTree(send("POST", "/api/erasure", "{\"caller\":\"14045550149\"}").body());

        assertThat(erased.get("calls").asInt()).isEqualTo(1);
        assertThat(erased.get("held").asInt()).isEqualTo(1);
        assertThat(Files.exists(recordings.resolve(ERASED_A + ".raw"))).isTrue();
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'legal-hold-set' AND target = '" + ERASED_A + "'"))
                .isEqualTo(1);
    }

    @Test
    void aRecordingOutsideTheRecordingsDirIsNeverDeleted() throws Exception {
        Path foreign = Files.write(outside.resolve("keep-me.raw"), new byte[16]);
        sql("UPDATE calls SET recording_file = ? WHERE id = '" + OTHER + "'", foreign.toString());
        Files.delete(recordings.resolve(OTHER + ".raw")); // else the locator finds the dir's file of that name

        JsonNode erased = json.readTree(send("POST", "/api/erasure", "{\"caller\":\"5550100\"}").body());

        assertThat(erased.get("calls").asInt()).isEqualTo(1);
        assertThat(erased.get("filesNotDeleted").asInt()).isEqualTo(1);
        assertThat(Files.exists(foreign)).isTrue();
    }

    @Test
    void onlyAnAdminMayEraseAndTheBodyIsChecked() throws Exception {
        assertThat(send("POST", "/api/erasure", "{\"caller\":\"()\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/erasure", "{\"caller\":\"5550100\",\"dryRun\":\"yes\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/erasure", "{\"number\":\"5550100\"}").statusCode()).isEqualTo(400);
        assertThat(send("DELETE", "/api/calls/no-such-call", null).statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/api/calls/no-such-call/legal-hold", "{\"legalHold\":true}").statusCode()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- helpers

    private void store(CallStore calls, String id, String caller, long offsetSeconds) throws Exception {
        Instant at = DAY.plusSeconds(offsetSeconds);
        byte[] raw = new byte[8000 * 4];
        Files.write(recordings.resolve(id + ".raw"), raw);
        calls.save(CallRecord.builder(id, at, at.plusSeconds(20), CallOutcome.ANSWERED).linkedId(id).caller(caller)
                .callerName(id.equals(OTHER) ? "Bob" : "Ada").queue("support").agent("Alice").answeredAt(at.plusSeconds(5)).waitSeconds(5)
                .talkSeconds(15.0).recordingFile("/var/spool/asterisk/monitor/" + id + ".raw").build());
        calls.saveAnalysis(id, report(id), at.plusSeconds(30));
        sql("INSERT INTO jobs (call_id, recording_path, state, created_at, updated_at) VALUES (?,"
                + " '/var/spool/asterisk/monitor/x.raw', 'done', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", id);
    }

    private static AnalysisReport report(String id) {
        List<Span> spurts = List.of(new Span(0.4, 2.5));
        return new AnalysisReport(id + ".raw", 1.0, Map.of("left", "customer", "right", "agent"),
                Map.of("customer", new PartyMetrics(0.5, null, null, 180.0, null, null, null, -18.0, 0, 0, -0.2, spurts),
                        "agent", new PartyMetrics(0.5, 150.0, 4.5, 120.0, 2.1, 8.0, 6.0, -16.0, 0, 1, 0.3, spurts)),
                null, null, List.of(), 0.1, 0.5, new CallSentiment(-0.2, "neutral", List.of("escalation")),
                List.of(new TranscriptSegment("customer", 0.4, 0.9, "refund please",
                        List.of(new Word("refund", 0.4, 0.6, 0.97), new Word("please", 0.6, 0.9, 0.95)))),
                List.of(), List.of(), null);
    }

    private List<String> hits(String query) throws Exception {
        HttpResponse<String> response = get("/api/calls?from=2026-11-20&to=2026-11-20&" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("hits").findValuesAsText("id");
    }

    private void sql(String statement, String value) throws Exception {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(statement)) {
            s.setString(1, value);
            s.executeUpdate();
        }
    }

    private long count(String query) throws Exception {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(query); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void awaitIndexCaughtUp() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode health = json.readTree(get("/api/health").body());
            if (health.at("/index/pendingChanges").asLong(-1) == 0) {
                return;
            }
            assertThat(System.nanoTime()).as("index caught up within a minute: " + health).isLessThan(deadline);
            Thread.sleep(50); // polling the public signal, as ExportRoutesTest does
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
