package org.earshot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.telephony.WrapUpRule;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real Asterisk 22 session, end to end: the captured AMI bytes replayed through a loopback
 * peer to the real Asterisk-Java client, the real MixMonitor recordings analysed by real Vosk,
 * stored in H2, indexed in Lucene and read back over HTTP. Expected values come from the
 * capture's expected-facts.json (taken from Asterisk's queue_log and CDR), never from this code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EarshotEndToEndIT {

    private static final String S1A = "earshot-lab-1795393059.1";
    private static final String S1B = "earshot-lab-1795393091.5";
    private static final String S6 = "earshot-lab-1795393215.23";
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private AmiReplayPeer asterisk;
    private Earshot earshot;
    private String base;
    private String token;
    private JsonNode facts;

    @BeforeAll
    void replayTheCaptureIntoARunningServer(@TempDir Path dir) throws Exception {
        facts = json.readTree(AmiCapture.resource(AmiCapture.EXPECTED_FACTS)).get("calls");
        Path recordings = Files.createDirectories(dir.resolve("monitor"));
        // S1b's D-option file, as the fixture wraps it in a 44-byte WAV header for convenience.
        byte[] s1b = resource("/recordings/20261123-001811-5550102-earshot-lab-1795393091.5-stereo.converted.wav");
        Files.write(recordings.resolve("20261123-001811-5550102-earshot-lab-1795393091.5-stereo.raw"),
                Arrays.copyOfRange(s1b, 44, s1b.length));
        Files.write(recordings.resolve("20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw"),
                resource("/recordings/20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw"));
        // S1a's recording is there but empty, as a crashed MixMonitor would leave it.
        Files.write(recordings.resolve("20261123-001739-5550101-earshot-lab-1795393059.1-stereo.raw"), new byte[0]);

        asterisk = AmiReplayPeer.replaying(AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01)))
                .credentials("earshot", "earshot-secret")
                .start();
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null,
                new AmiSettings("127.0.0.1", asterisk.port(), "earshot", "earshot-secret", Duration.ofMillis(200)),
                recordings, ChannelRoles.CUSTOMER_AGENT, null, 1, "admin-pass-1", Duration.ofSeconds(60),
                KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null);
        earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        base = "http://127.0.0.1:" + earshot.httpPort();
        assertThat(asterisk.awaitReplayComplete(PATIENCE)).as("capture replayed").isTrue();
        token = json.readTree(post("/api/login", "{\"username\":\"admin\",\"password\":\"admin-pass-1\"}").body())
                .get("token").asText();
        awaitJson("/api/calls?size=100", page -> page.get("total").asInt() == 9);
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
    void everyQueuedCallIsStoredWithAsterisksWaitTalkAgentAndOutcome() throws Exception {
        for (JsonNode fact : facts) {
            if (!fact.has("queue")) {
                continue; // S8b never entered a queue
            }
            JsonNode call = getJson("/api/calls/" + fact.get("caller_uniqueid").asText());
            assertThat(call.get("outcome").asText()).as(fact.get("scenario").asText())
                    .isEqualTo(fact.get("outcome").asText());
            assertThat(call.get("waitSeconds").asDouble()).as("wait of " + fact.get("scenario").asText())
                    .isCloseTo(fact.get("wait_s").asDouble(), within(1.0));
            assertThat(call.get("caller").asText()).isEqualTo(fact.get("callerid").asText());
            assertThat(call.get("linkedId").asText()).isEqualTo(fact.get("linkedid").asText());
            if (fact.has("talk_s")) {
                assertThat(call.get("talkSeconds").asDouble()).as("talk of " + fact.get("scenario").asText())
                        .isCloseTo(fact.get("talk_s").asDouble(), within(1.0));
                assertThat(call.get("agent").asText()).isEqualTo(fact.get("agent").asText());
            }
        }
    }

    @Test
    void abandonedCallIsRecordedAsAbandonedWithItsWait() throws Exception {
        JsonNode s2 = getJson("/api/calls/earshot-lab-1795393121.9");

        assertThat(s2.get("outcome").asText()).isEqualTo("abandoned");
        assertThat(s2.get("waitSeconds").asDouble()).isEqualTo(10.0);
        assertThat(s2.has("agent")).isFalse();
    }

    @Test
    void wordSpokenInTheRecordingIsFoundWithItsTimeInTheRecording() throws Exception {
        JsonNode detail = awaitJson("/api/calls/" + S1B, call -> call.get("analysisStatus").asText().equals("done"));
        // The agent side of S1b plays Asterisk's "hello-world" prompt right after the agent answers.
        List<JsonNode> agentWords = words(detail.get("analysis"), "agent");
        JsonNode hello = agentWords.stream().filter(w -> w.get("word").asText().equals("hello")).findFirst().orElseThrow();

        // The index follows the store: the analysed call becomes searchable within a second.
        JsonNode page = awaitJson("/api/calls?q=" + URLEncoder.encode("agent:hello", StandardCharsets.UTF_8),
                found -> found.get("total").asInt() > 0);

        assertThat(page.get("hits")).anySatisfy(hit -> {
            assertThat(hit.get("id").asText()).isEqualTo(S1B);
            assertThat(hit.get("snippets").get(0).get("time").asDouble()).isCloseTo(hello.get("start").asDouble(), within(0.01));
            assertThat(hit.get("snippets").get(0).get("text").asText()).contains("<em>hello</em>");
        });
    }

    @Test
    void durationFilterKeepsOnlyCallsInRange() throws Exception {
        List<String> expected = new ArrayList<>();
        for (JsonNode fact : facts) {
            double duration = fact.path("wait_s").asDouble() + fact.path("talk_s").asDouble();
            if (fact.has("queue") && duration >= 20 && duration <= 30) {
                expected.add(fact.get("caller_uniqueid").asText());
            }
        }

        JsonNode page = getJson("/api/calls?size=100&minDuration=20&maxDuration=30");

        List<String> found = new ArrayList<>();
        page.get("hits").forEach(hit -> found.add(hit.get("id").asText()));
        assertThat(found).isNotEmpty().containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void kpisGiveTheAhtAndAsaOfTheReplayedCalls() throws Exception {
        double waitOfAnswered = 0;
        double talkOfAnswered = 0;
        int answered = 0;
        for (JsonNode fact : facts) {
            if ("answered".equals(fact.path("outcome").asText())) {
                answered++;
                waitOfAnswered += fact.get("wait_s").asDouble();
                talkOfAnswered += fact.get("talk_s").asDouble();
            }
        }

        JsonNode row = getJson("/api/kpis").get("rows").get(0);

        assertThat(row.get("offered").asInt()).isEqualTo(9);
        assertThat(row.get("answered").asInt()).isEqualTo(answered);
        assertThat(row.get("abandoned").asInt()).isEqualTo(1);
        assertThat(row.get("timedOut").asInt()).isEqualTo(1);
        assertThat(row.get("asaSeconds").asDouble()).isCloseTo(waitOfAnswered / answered, within(0.01));
        assertThat(row.get("ahtSeconds").asDouble()).isCloseTo(talkOfAnswered / answered, within(0.01));
    }

    @Test
    void theRowOfCallsNoAgentAnsweredLinksToThoseCallsOnly() throws Exception {
        JsonNode noAgent = null;
        for (JsonNode row : getJson("/api/kpis?groupBy=agent").get("rows")) {
            if (row.get("key").asText().isEmpty()) {
                noAgent = row;
            }
        }
        assertThat(noAgent).as("a row for the unanswered calls").isNotNull();

        JsonNode calls = getJson(noAgent.get("calls").asText() + "&size=100");

        assertThat(calls.get("total").asInt()).isEqualTo(noAgent.get("offered").asInt() + noAgent.get("shortAbandoned").asInt());
        assertThat(calls.get("hits")).allSatisfy(hit -> assertThat(hit.path("agent").isMissingNode() || hit.get("agent").isNull())
                .as("call %s has no agent", hit.get("id")).isTrue());
    }

    @Test
    void aKpiRangeTheWrongWayRoundIsRefusedInTheUsersOwnWords() throws Exception {
        HttpResponse<String> response = get("/api/kpis?from=2026-12-05&to=2026-12-01");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("detail").asText())
                .isEqualTo("from 2026-12-05 must be before to 2026-12-01 (a day: to includes it)");
    }

    @Test
    void emptyRecordingFailsItsJobWithTheReasonAndTheCallStaysListed() throws Exception {
        JsonNode s1a = awaitJson("/api/calls/" + S1A, call -> call.get("analysisStatus").asText().equals("failed"));

        assertThat(s1a.get("analysisError").asText()).contains("20261123-001739-5550101").containsIgnoringCase("empty");
        assertThat(getJson("/api/calls?size=100").get("hits")).anySatisfy(hit ->
                assertThat(hit.get("id").asText()).isEqualTo(S1A));
    }

    @Test
    void blindTransferredCallsShortRecordingIsAnalysedPerParty() throws Exception {
        JsonNode s6 = awaitJson("/api/calls/" + S6, call -> call.get("analysisStatus").asText().equals("done"));

        JsonNode report = s6.get("analysis");
        assertThat(report.get("durationSeconds").asDouble()).isCloseTo(6.02, within(0.01));
        // Left is the caller (Allison's "weasels have eaten our phone system"), right the agent side's prompt.
        for (String party : List.of("customer", "agent")) {
            assertThat(report.at("/parties/" + party + "/talkSeconds").asDouble()).as(party).isBetween(2.0, 6.02);
        }
        assertThat(words(report, "customer")).extracting(w -> w.get("word").asText()).contains("weasels")
                .doesNotContain("hello");
        assertThat(words(report, "agent")).extracting(w -> w.get("word").asText()).contains("hello")
                .doesNotContain("weasels");
    }

    @Test
    void analysisReportIsServedOnItsOwnAndACallWithoutOneSaysWhy() throws Exception {
        JsonNode s6 = awaitJson("/api/calls/" + S6, call -> call.get("analysisStatus").asText().equals("done"));
        awaitJson("/api/calls/" + S1A, call -> call.get("analysisStatus").asText().equals("failed"));

        assertThat(getJson("/api/calls/" + S6 + "/analysis")).isEqualTo(s6.get("analysis"));
        HttpResponse<String> failed = get("/api/calls/" + S1A + "/analysis");
        assertThat(failed.statusCode()).isEqualTo(404);
        assertThat(failed.body()).contains("failed").containsIgnoringCase("empty");
        assertThat(get("/api/calls/no-such-call/analysis").statusCode()).isEqualTo(404);
    }

    @Test
    void aCallIsAnalysedAgainOnRequestKeepingItsReportUntilTheNewOneIsThere() throws Exception {
        JsonNode before = awaitJson("/api/calls/" + S6, call -> call.get("analysisStatus").asText().equals("done"));

        HttpResponse<String> queued = adminPost("/api/calls/" + S6 + "/reanalyse");
        JsonNode during = getJson("/api/calls/" + S6);
        JsonNode after = awaitJson("/api/calls/" + S6, call -> call.get("analysisStatus").asText().equals("done"));

        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        assertThat(during.get("analysis")).as("the old report while the new one is made").isNotNull();
        // The same recording gives the same report (the transcriber's dither is seeded).
        assertThat(after.at("/analysis/transcript")).isEqualTo(before.at("/analysis/transcript"));
        assertThat(getJson("/api/audit?action=call-reanalysed").get("entries")).anySatisfy(e ->
                assertThat(e.get("target").asText()).isEqualTo(S6));
    }

    @Test
    void bulkReAnalysisIsForAdminsAndNamesABadDay() throws Exception {
        HttpResponse<String> badDay = adminPost("/api/reanalysis?from=2026-11-31&to=2026-12-01");
        HttpResponse<String> backwards = adminPost("/api/reanalysis?from=2026-11-24&to=2026-11-23");
        HttpResponse<String> otherQueue = adminPost("/api/reanalysis?from=2026-11-23&to=2026-11-23&queue=no-such-queue");

        assertThat(badDay.statusCode()).isEqualTo(400);
        assertThat(badDay.body()).contains("2026-11-31");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(otherQueue.statusCode()).isEqualTo(202);
        assertThat(json.readTree(otherQueue.body()).get("queued").asInt()).isZero();
    }

    @Test
    void aCallWithoutARecordingCannotBeAnalysedAgainAndSaysWhy() throws Exception {
        String abandoned = "earshot-lab-1795393121.9";

        HttpResponse<String> refused = adminPost("/api/calls/" + abandoned + "/reanalyse");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json.readTree(refused.body()).get("detail").asText()).contains(abandoned);
        assertThat(adminPost("/api/calls/no-such-call/reanalyse").statusCode()).isEqualTo(404);
    }

    @Test
    void recordingIsServedAsWavWithRangesSoThePlayerCanJump() throws Exception {
        byte[] raw = resource("/recordings/20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw");

        HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(URI.create(base + "/api/calls/" + S6 + "/audio"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(URI.create(base + "/api/calls/" + S6 + "/audio"))
                .header("Authorization", "Bearer " + token).header("Range", "bytes=44-1043").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).hasSize(raw.length + 44);
        assertThat(new String(whole.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 44-1043/" + (raw.length + 44));
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(raw, 0, 1000));
    }

    @Test
    void aRangeHeaderThatCannotBeReadIsIgnoredAndOneOutsideTheFileRefused() throws Exception {
        byte[] raw = resource("/recordings/20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw");

        HttpResponse<byte[]> unreadable = http.send(HttpRequest.newBuilder(URI.create(base + "/api/calls/" + S6 + "/audio"))
                .header("Authorization", "Bearer " + token).header("Range", "bytes=abc").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> outside = http.send(HttpRequest.newBuilder(URI.create(base + "/api/calls/" + S6 + "/audio"))
                .header("Authorization", "Bearer " + token).header("Range", "bytes=" + (raw.length + 100) + "-").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(unreadable.statusCode()).isEqualTo(200);
        assertThat(unreadable.body()).hasSize(raw.length + 44);
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.headers().firstValue("Content-Range")).hasValue("bytes */" + (raw.length + 44));
    }

    @Test
    void webUiIsServedFromTheServerItself() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(base + "/app.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> outside = http.send(HttpRequest.newBuilder(URI.create(base + "/..%2Flogback.xml")).build(),
                HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> chart = http.send(HttpRequest.newBuilder(URI.create(base
                + "/webjars/chart.js/4.5.1/dist/chart.umd.min.js")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> outsideWebjars = http.send(HttpRequest.newBuilder(URI.create(base
                + "/webjars/chart.js/4.5.1/..%2F..%2F..%2F..%2Fmaven%2Forg.webjars.npm%2Fchart.js%2Fpom.js")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        // Closed networks: every script comes from this server, none from a CDN.
        assertThat(page.body()).contains("src=\"/app.js\"", "src=\"/webjars/chart.js/").doesNotContain("http://", "https://");
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.body()).contains("Chart");
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(outsideWebjars.statusCode()).isEqualTo(404);
    }

    @Test
    void metricsCountTheStoredCallsForPrometheus() throws Exception {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("earshot_calls_stored_total{outcome=\"answered\"} 7.0")
                .contains("earshot_calls_stored_total{outcome=\"abandoned\"} 1.0")
                .contains("earshot_ami_connected 1.0")
                .contains("earshot_analysis_jobs{state=\"done\"}")
                // The set-up searched until all calls were there: each search was timed.
                .containsPattern("earshot_search_duration_seconds_count [1-9]");
    }

    @Test
    void adminCreatesAQaUserWhoMaySearchButNotSeeKpis() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/users"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"quinn\",\"password\":\"qa-password-1\",\"role\":\"qa\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> badRole = http.send(HttpRequest.newBuilder(URI.create(base + "/api/users"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"x\",\"password\":\"long-enough-1\",\"role\":\"boss\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String qaToken = json.readTree(post("/api/login", "{\"username\":\"quinn\",\"password\":\"qa-password-1\"}").body())
                .get("token").asText();

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badRole.body()).get("detail").asText()).contains("boss");
        assertThat(as(qaToken, "/api/calls").statusCode()).isEqualTo(200);
        assertThat(as(qaToken, "/api/kpis").statusCode()).isEqualTo(403);
        assertThat(as(qaToken, "/api/users").statusCode()).isEqualTo(403);
        assertThat(as(qaToken, "/api/settings").statusCode()).isEqualTo(403);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/reanalysis?from=2026-11-23&to=2026-11-23"))
                .header("Authorization", "Bearer " + qaToken).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    @Test
    void adminSeesTheSettingsInForceAndThatAmiIsConnectedButNeverASecret() throws Exception {
        HttpResponse<String> response = get("/api/settings");
        JsonNode settings = json.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(settings.at("/ami/status").asText()).isEqualTo("connected");
        assertThat(settings.at("/ami/ami-port").asInt()).isEqualTo(asterisk.port());
        assertThat(settings.at("/agi/status").asText()).startsWith("off");
        assertThat(settings.at("/analysis/escalation-keywords").asText()).contains("cancel");
        assertThat(settings.at("/kpis/service-level-seconds").asDouble()).isEqualTo(20.0);
        assertThat(response.body()).doesNotContain("earshot-secret").doesNotContain("admin-pass-1");
    }

    @Test
    void recordingIsDrawnAsAWaveformLanePerPartyAndEveryListenIsAudited() throws Exception {
        JsonNode s6 = awaitJson("/api/calls/" + S6, call -> call.get("analysisStatus").asText().equals("done"));
        JsonNode waveform = getJson("/api/calls/" + S6 + "/waveform?points=200");
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/calls/" + S6 + "/audio"))
                .header("Authorization", "Bearer " + token).header("Range", "bytes=0-").build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(waveform.get("durationSeconds").asDouble())
                .isCloseTo(s6.get("analysis").get("durationSeconds").asDouble(), within(0.01));
        assertThat(waveform.get("lanes")).extracting(l -> l.get("party").asText()).containsExactly("customer", "agent");
        for (JsonNode lane : waveform.get("lanes")) {
            assertThat(lane.get("peaks")).hasSize(200);
            assertThat(lane.get("peaks")).allSatisfy(p -> assertThat(p.asDouble()).isBetween(0.0, 1.0));
        }
        // The agent talks in this call, so its lane is not flat.
        assertThat(waveform.get("lanes").get(1).get("peaks")).anySatisfy(p -> assertThat(p.asDouble()).isGreaterThan(0.05));
        JsonNode audit = getJson("/api/audit?user=admin&target=" + S6);
        assertThat(audit.get("entries")).extracting(e -> e.get("action").asText()).contains("call-opened", "call-played");
        assertThat(get("/api/calls/no-such-call/waveform").statusCode()).isEqualTo(404);
    }

    @Test
    void callDetailTellsWhatHappenedInOrder() throws Exception {
        JsonNode s6 = getJson("/api/calls/" + S6);

        assertThat(s6.get("events")).extracting(e -> e.get("type").asText())
                .containsSubsequence("entered", "answered", "transfer", "ended");
        assertThat(s6.get("recordingAvailable").asBoolean()).isTrue();
        assertThat(s6.get("transfers")).isNotEmpty();
    }

    @Test
    void adminDisablesAUserWhoseSessionStopsAtOnceAndTheChangeIsAudited() throws Exception {
        HttpResponse<String> created = send("POST", "/api/users",
                "{\"username\":\"tess\",\"password\":\"trainer-pass-1\",\"role\":\"trainer\"}");
        String tessToken = json.readTree(post("/api/login", "{\"username\":\"tess\",\"password\":\"trainer-pass-1\"}").body())
                .get("token").asText();
        assertThat(as(tessToken, "/api/me").statusCode()).isEqualTo(200);

        HttpResponse<String> disabled = send("PATCH", "/api/users/tess", "{\"disabled\":true}");
        HttpResponse<String> loginWhileDisabled = post("/api/login", "{\"username\":\"tess\",\"password\":\"trainer-pass-1\"}");
        HttpResponse<String> demoteLastAdmin = send("PATCH", "/api/users/admin", "{\"role\":\"qa\"}");
        HttpResponse<String> unknown = send("PATCH", "/api/users/nobody", "{\"role\":\"qa\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(json.readTree(disabled.body()).get("disabled").asBoolean()).isTrue();
        assertThat(as(tessToken, "/api/me").statusCode()).isEqualTo(401);
        // As a wrong password: a different answer would confirm the password to a guesser.
        assertThat(loginWhileDisabled.statusCode()).isEqualTo(401);
        assertThat(loginWhileDisabled.body()).contains("wrong username or password");
        assertThat(demoteLastAdmin.statusCode()).isEqualTo(400);
        assertThat(json.readTree(demoteLastAdmin.body()).get("detail").asText()).contains("last enabled admin");
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode audit = getJson("/api/audit?target=tess");
        assertThat(audit.get("entries")).extracting(e -> e.get("action").asText())
                .contains("user-created", "login", "user-disabled", "login-failed");
    }

    @Test
    void logoutEndsTheSessionAndCrossSiteChangesAreRefused() throws Exception {
        String own = json.readTree(post("/api/login", "{\"username\":\"admin\",\"password\":\"admin-pass-1\"}").body())
                .get("token").asText();
        HttpResponse<String> crossSite = http.send(HttpRequest.newBuilder(URI.create(base + "/api/users"))
                .header("Authorization", "Bearer " + own).header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"mallory\",\"password\":\"long-enough-1\",\"role\":\"admin\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> logout = http.send(HttpRequest.newBuilder(URI.create(base + "/api/logout"))
                .header("Authorization", "Bearer " + own).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(as(own, "/api/me").statusCode()).isEqualTo(401);
        assertThat(getJson("/api/users").get("users")).noneSatisfy(u -> assertThat(u.get("username").asText()).isEqualTo("mallory"));
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> as(String bearer, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void apiRefusesCallersWithoutASession() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/calls")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("unauthorized");
    }

    @Test
    void queryThatDoesNotParseIsA400ThatSaysWhere() throws Exception {
        HttpResponse<String> response = get("/api/calls?q=" + URLEncoder.encode("\"refund", StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("detail").asText()).contains("column");
    }

    @Test
    void anOverlongUrlOrBodyIsRefusedWithAMessageNotADroppedConnection() throws Exception {
        HttpResponse<String> longUrl = get("/api/calls?q=" + "cancel+".repeat(800));
        // Only the head of an oversized request: the server answers from its Content-Length, and a client still
        // sending the body when the server closes could see a reset instead of the answer.
        String bigBody;
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write(("POST /api/login HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 3145728\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            bigBody = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(longUrl.statusCode()).isEqualTo(414);
        assertThat(json.readTree(longUrl.body()).get("detail").asText()).contains("URL is longer");
        assertThat(bigBody).startsWith("HTTP/1.1 413").contains("the request body is larger than");
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        assertThat(post("/api/login", "{\"username\":\"admin\",\"password\":\"nope\"}").statusCode()).isEqualTo(401);
    }

    private static List<JsonNode> words(JsonNode report, String party) {
        List<JsonNode> words = new ArrayList<>();
        for (JsonNode segment : report.get("transcript")) {
            if (segment.get("party").asText().equals(party)) {
                segment.get("words").forEach(words::add);
            }
        }
        return words;
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = getJson(path);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("gave up waiting on " + path + "; last answer: " + last);
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> adminPost(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = EarshotEndToEndIT.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " is missing");
            }
            return in.readAllBytes();
        }
    }
}
