package org.earshot.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import org.earshot.server.testing.Prerequisites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --demo} end to end: the demo loaded into an empty data dir, the real server started
 * on it, the recordings analysed by the real workers and Vosk, and every page's API answering with
 * demo data. What is asserted about the analysis comes from the scripts (the angry caller says
 * "cancel" and "complaint" and cuts the agent off three times; one agent checks for 11 s in silence).
 */
class ServeDemoIT {

    private static final Duration ANALYSIS_BUDGET = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFirstDemoStartServesKpisSearchAndAnalysedRecordings() throws Exception {
        EspeakNg espeak = new EspeakNg("espeak-ng");
        Prerequisites.require(espeak.unavailable().isEmpty(), "espeak-ng (apt-get install espeak-ng): " + espeak.unavailable().orElse(""));
        EarshotConfig config = new EarshotConfig(0, dir.resolve("demo-data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 2, null, Duration.ofSeconds(120), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        long started = System.nanoTime();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DemoCallCenter.Loaded demo = DemoCallCenter.load(config, Clock.systemUTC(), new PrintStream(console, true, StandardCharsets.UTF_8));
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("Earshot demo generated", "12 recorded calls queued");
        double loadSeconds = (System.nanoTime() - started) / 1e9;

        try (Earshot earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE)) {
            earshot.start();
            String base = "http://127.0.0.1:" + earshot.httpPort();
            String token = login(base, "supervisor");
            awaitAnalyses(base, token, demo);
            awaitIndexCaughtUp(base);
            System.out.printf("Demo first start: loaded in %.1f s, all %d recordings analysed after %.1f s%n",
                    loadSeconds, demo.recordedCallIds().size(), (System.nanoTime() - started) / 1e9);

            assertThat(get(base, token, "/api/kpis?groupBy=queue").get("rows")).hasSize(3)
                    .allSatisfy(row -> assertThat(row.get("offered").asLong()).isPositive());
            assertThat(get(base, token, "/api/calls?flag=escalation").get("total").asLong()).isPositive();
            assertThat(get(base, token, "/api/calls?flag=frequent-interruptions").get("total").asLong()).isPositive();
            assertThat(get(base, token, "/api/calls?flag=long-dead-air").get("total").asLong()).isPositive();
            assertThat(get(base, token, "/api/calls?q=" + URLEncoder.encode("cancel", StandardCharsets.UTF_8)).get("total").asLong())
                    .isPositive();
            assertThat(get(base, token, "/api/calls").get("total").asLong()).isEqualTo(demo.calls());
            HttpResponse<byte[]> audio = http.send(HttpRequest.newBuilder(URI.create(base + "/api/calls/"
                    + demo.recordedCallIds().get(0) + "/audio")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(audio.statusCode()).isEqualTo(200);
            assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/wav");
            login(base, "trainer");
            login(base, "qa");
            login(base, "admin");
        }
    }

    private void awaitAnalyses(String base, String token, DemoCallCenter.Loaded demo) throws Exception {
        long deadline = System.nanoTime() + ANALYSIS_BUDGET.toNanos();
        for (String id : demo.recordedCallIds()) {
            while (true) {
                JsonNode call = get(base, token, "/api/calls/" + id);
                String status = call.path("analysisStatus").asText();
                assertThat(status).as(id + ": " + call.path("analysisError").asText()).isNotEqualTo("failed");
                if (status.equals("done")) {
                    break;
                }
                assertThat(System.nanoTime()).as("analysis of " + id + " within " + ANALYSIS_BUDGET).isLessThan(deadline);
                Thread.sleep(500); // polling the public API: the workers have no completion hook to wait on
            }
        }
    }

    /** An analysis is "done" once stored; searches find it once this node's index has applied it too. */
    private void awaitIndexCaughtUp(String base) throws Exception {
        long deadline = System.nanoTime() + ANALYSIS_BUDGET.toNanos();
        while (true) {
            JsonNode health = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (health.at("/index/pendingChanges").asLong(-1) == 0) {
                return;
            }
            assertThat(System.nanoTime()).as("index caught up within " + ANALYSIS_BUDGET + ": " + health).isLessThan(deadline);
            Thread.sleep(100); // polling the public signal
        }
    }

    private String login(String base, String user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("username", user,
                        "password", DemoCallCenter.PASSWORD)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(user + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("token").asText();
    }

    private JsonNode get(String base, String token, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
