package org.earshot.server.http;

import org.earshot.server.testing.TestStores;

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
import org.earshot.speech.AnalysisReport.CallSentiment;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.AnalysisReport.TimelineWindow;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes that hand out a call's analysis report give it in the SPEC's format: exactly the JSON the
 * server's mapper writes of the report record (what {@code earshot analyze --json} prints), with the
 * fields not measured left out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallReportRoutesTest {

    private static final String PASSWORD = "a-long-test-password";
    private static final String CALL = "1795393091.5";
    private static final String NOT_ANALYSED = "1795393091.6";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AnalysisReport report = report();
    private Earshot earshot;
    private String base;
    private String token;

    @BeforeAll
    void startANodeWithAnAnalysedCallWhoseAgentIsOnTheLeft(@TempDir Path dir) throws Exception {
        Path recordings = Files.createDirectories(dir.resolve("recordings"));
        // One second of MixMonitor's stereo raw: the left channel loud, the right one quiet.
        byte[] raw = new byte[8000 * 4];
        for (int i = 0; i < raw.length; i += 4) {
            raw[i + 1] = 0x40;
            raw[i + 3] = 0x01;
        }
        Files.write(recordings.resolve(CALL + ".raw"), raw);
        Files.write(recordings.resolve(NOT_ANALYSED + ".raw"), raw);
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, recordings,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        try (Database db = Database.open(config.jdbcUrl(), null, null)) {
            CallStore calls = TestStores.calls(db);
            calls.save(call(CALL));
            calls.save(call(NOT_ANALYSED));
            calls.saveAnalysis(CALL, report, Instant.now());
        }
        earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        base = "http://127.0.0.1:" + earshot.httpPort();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("username", "admin",
                        "password", PASSWORD)), StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        token = json.readTree(login.body()).get("token").asText();
    }

    @AfterAll
    void stop() {
        if (earshot != null) {
            earshot.close();
        }
    }

    @Test
    void theReportAloneIsTheJsonOfTheReportRecord() throws Exception {
        HttpResponse<String> response = get("/api/calls/" + CALL + "/analysis");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Json.newMapper().writeValueAsString(report));
    }

    @Test
    void theCallCarriesTheSameReportUnderAnalysis() throws Exception {
        HttpResponse<String> response = get("/api/calls/" + CALL);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode analysis = json.readTree(response.body()).get("analysis");
        assertThat(analysis).isEqualTo(json.readTree(Json.newMapper().writeValueAsString(report)));
        assertThat(analysis.has("overlaps")).as("not measured, so left out").isFalse();
        assertThat(analysis.at("/timeline/0").has("agentPitchHz")).as("not measured, so left out").isFalse();
        assertThat(analysis.at("/timeline/0/customerPitchHz").asDouble()).isEqualTo(182.5);
    }

    @Test
    void aCallNotAnalysedHasNoReportField() throws Exception {
        HttpResponse<String> response = get("/api/calls/" + NOT_ANALYSED);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).has("analysis")).isFalse();
        assertThat(get("/api/calls/" + NOT_ANALYSED + "/analysis").statusCode()).isEqualTo(404);
    }

    @Test
    void theWaveformNamesEachChannelsPartyAsTheReportMapsThem() throws Exception {
        HttpResponse<String> response = get("/api/calls/" + CALL + "/waveform?points=10");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("lanes").findValuesAsText("party"))
                .containsExactly("agent", "customer");
    }

    @Test
    void withoutAReportTheWaveformNamesTheChannelsLeftAndRight() throws Exception {
        HttpResponse<String> response = get("/api/calls/" + NOT_ANALYSED + "/waveform?points=10");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("lanes").findValuesAsText("party"))
                .containsExactly("left", "right");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static CallRecord call(String id) {
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        return CallRecord.builder(id, at, at.plusSeconds(20), CallOutcome.ANSWERED).linkedId(id).caller("5550100")
                .queue("support").agent("Alice").answeredAt(at.plusSeconds(5)).waitSeconds(5).talkSeconds(15.0)
                .recordingFile("/var/spool/asterisk/monitor/" + id + ".raw").build();
    }

    /** Agent on the left (the opposite of the configured default), and some figures not measured. */
    private static AnalysisReport report() {
        List<Span> spurts = List.of(new Span(0.4, 2.5));
        return new AnalysisReport(CALL + ".raw", 1.0, Map.of("left", "agent", "right", "customer"),
                Map.of("customer", new PartyMetrics(0.5, null, null, 180.0, null, null, null, -18.0, 0, 0, -0.2, spurts),
                        "agent", new PartyMetrics(0.5, 150.0, 4.5, 120.0, 2.1, 8.0, 6.0, -16.0, 0, 1, 0.3, spurts)),
                null, null, List.of(), 0.1, 0.5, new CallSentiment(-0.2, "neutral", List.of("escalation")),
                List.of(new TranscriptSegment("agent", 0.4, 0.9, "thank you",
                        List.of(new Word("thank", 0.4, 0.6, 0.97), new Word("you", 0.6, 0.9, 0.95)))),
                List.of(new TimelineWindow(0, 1, -0.2, 0.3, 182.5, null)), List.of(), null);
    }
}
