package org.earshot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.lifecycle.RetentionPolicy;
import org.earshot.server.alerts.AlertSettings;
import org.earshot.server.livespeech.LiveCalls;
import org.earshot.server.livespeech.LiveSpeechSettings;
import org.earshot.server.testing.JsonMessages;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.SpeechSettings;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.WrapUpRule;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.earshot.telephony.testing.TimedCapture;
import org.earshot.speech.WordErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real session ami-actions-01 replayed while call E's real recording grows in MixMonitor's 32 KiB steps
 * (fixture README, scenario E): a WebSocket client of /api/live gets E's words as transcript messages while
 * the call is up, and they are the words of E's post-call transcript (at most one word in ten differs). The
 * replay is held at E's hang-up
 * until the whole recording is written, and each step is written only once the live analysis reports it
 * has analysed the last one.
 */
class LiveSpeechIT {

    static final String E = "earshot-lab-1796396943.25";
    static final String E_FILE = "20261204-150903-5550205-earshot-lab-1796396943.25-stereo.raw";
    static final int STEP = 32 * 1024;
    static final Duration PATIENCE = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private int port;

    @Test
    void liveWordsOfACallInProgressReachTheWallAndAreItsPostCallTranscriptWithinATenthOfItsWords() throws Exception {
        Path monitor = Files.createDirectories(dir.resolve("monitor"));
        byte[] audio;
        try (InputStream in = LiveSpeechIT.class.getResourceAsStream("/recordings/" + E_FILE)) {
            audio = in.readAllBytes();
        }
        CountDownLatch written = new CountDownLatch(1);
        List<String> session = heldAtHangUp(TimedCapture.events(AmiCapture.resource(TimedCapture.ACTIONS_01_LOG)), written);
        try (AmiReplayPeer asterisk = AmiReplayPeer.streaming(session).start();
             Earshot earshot = Earshot.wire(new EarshotConfig(0, dir.resolve("data"), null, null, null,
                     new AmiSettings("127.0.0.1", asterisk.port(), "earshot", "earshot-secret", Duration.ofMillis(200)),
                     monitor, ChannelRoles.CUSTOMER_AGENT, null, 1, "admin-pass-1", Duration.ofSeconds(60),
                     KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null, SpeechSettings.Sentiment.DEFAULTS,
                     SpeechSettings.DEFAULT_MAX_RECORDING_LENGTH, null, null, RetentionPolicy.KEEP_FOREVER, true)
                     // the replay announces calls A, C and D too, whose files never appear: room for all four
                     .withLive(new LiveSpeechSettings(true, 4, 1))
                     // Allison's "weasels have eaten our phone system", said by the customer while the call is up
                     .withAlerts(AlertSettings.fromConfig(Map.of("alert.escalation-keywords", "weasels"))),
                     Clock.systemUTC(), Earshot.Role.SERVE)) {
            earshot.start();
            ApiClient admin = ApiClient.login(earshot, "admin", "admin-pass-1");
            List<JsonNode> events = new CopyOnWriteArrayList<>();
            WebSocket socket = admin.http().newWebSocketBuilder().header("Authorization", "Bearer " + admin.token())
                    .buildAsync(URI.create("ws://127.0.0.1:" + earshot.httpPort() + "/api/live"), new JsonMessages(events))
                    .get(10, TimeUnit.SECONDS);
            LiveCalls live = earshot.liveCalls();
            port = earshot.httpPort();

            Path file = monitor.resolve(E_FILE);
            Files.write(file, new byte[0]); // MixMonitor creates the file empty when it starts
            for (int at = 0; at < audio.length; at += STEP) {
                int end = Math.min(audio.length, at + STEP);
                Files.write(file, Arrays.copyOfRange(audio, at, end), StandardOpenOption.APPEND);
                assertThat(live.awaitAnalysed(E, end, PATIENCE)).as("byte %d analysed", end).isTrue();
            }
            List<JsonNode> whileUp = List.copyOf(events);
            written.countDown(); // now Asterisk may hang up
            assertThat(asterisk.awaitReplayComplete(PATIENCE)).isTrue();
            JsonNode call = awaitAnalysed(admin, E);
            socket.abort();

            assertThat(whileUp).as("transcript messages while the call was up")
                    .anyMatch(e -> e.get("type").asText().equals("transcript") && e.get("callId").asText().equals(E));
            // the last spurt's final comes once the hang-up closed the file
            List<JsonNode> transcripts = events.stream().filter(e -> e.get("type").asText().equals("transcript")
                    && e.get("callId").asText().equals(E)).toList();
            assertThat(transcripts).allSatisfy(t -> assertThat(fieldNames(t))
                    .containsExactly("type", "callId", "party", "text", "final", "start", "end"));
            assertThat(whileUp).filteredOn(e -> e.get("type").asText().equals("sentiment"))
                    .anySatisfy(s -> assertThat(fieldNames(s)).containsExactly("type", "callId", "party", "score", "at"));
            // The keyword said live raised one alert (once per call and word), on the wall and in the list.
            List<JsonNode> alerts = events.stream().filter(e -> e.get("type").asText().equals("alert")
                    && e.path("callId").asText().equals(E)).toList();
            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.get("rule").asText()).isEqualTo("escalation-keyword");
                assertThat(a.get("detail").asText()).contains("weasels");
            });
            assertThat(admin.get("/api/alerts?status=all&rule=escalation-keyword&callId=" + E).get("alerts")).hasSize(1);
            for (String party : List.of("customer", "agent")) {
                // The first second may differ (the live noise floor has no history there yet, see speech's tests),
                // and with it the dither and Vosk's speaker adaptation of the later spurts: a word here and there.
                List<String> post = words(postCallText(call.at("/analysis/transcript"), party));
                List<String> heard = words(liveText(transcripts, party));
                assertThat(post).as(party).isNotEmpty();
                assertThat(WordErrors.editDistance(post, heard)).as("%s: live %s%n post-call %s", party, heard, post)
                        .isLessThanOrEqualTo(post.size() / 10);
            }
        }
    }

    /** The session as the peer streams it; the event of E's caller hanging up waits for {@code written}. */
    private static List<String> heldAtHangUp(List<String> events, CountDownLatch written) {
        int hangUp = -1;
        for (int i = 0; i < events.size() && hangUp < 0; i++) {
            if (events.get(i).contains("Event: Hangup") && events.get(i).contains("Uniqueid: " + E + "\r\n")) {
                hangUp = i;
            }
        }
        assertThat(hangUp).as("E's hang-up in the capture").isPositive();
        int held = hangUp;
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                if (index == held) {
                    try {
                        assertThat(written.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return events.get(index);
            }

            @Override
            public int size() {
                return events.size();
            }
        };
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String liveText(List<JsonNode> transcripts, String party) {
        return transcripts.stream().filter(t -> t.get("final").asBoolean() && t.get("party").asText().equals(party)
                        && t.get("start").asDouble() >= 1.0 && !t.get("text").asText().isEmpty())
                .map(t -> t.get("text").asText()).collect(Collectors.joining(" "));
    }

    private static String postCallText(JsonNode transcript, String party) {
        return StreamSupport.stream(transcript.spliterator(), false)
                .filter(s -> s.get("party").asText().equals(party) && s.get("start").asDouble() >= 1.0)
                .map(s -> s.get("text").asText()).collect(Collectors.joining(" "));
    }

    /** The call's page once its post-call analysis is done (the call is stored a moment after its hang-up). */
    private JsonNode awaitAnalysed(ApiClient api, String id) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            var response = api.http().send(java.net.http.HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/calls/" + id))
                    .header("Authorization", "Bearer " + api.token()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode call = json.readTree(response.body());
                String status = call.get("analysisStatus").asText();
                if (status.equals("done")) {
                    return call;
                }
                assertThat(status).as(id + ": " + call.get("analysisError")).isNotEqualTo("failed");
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
            }
            assertThat(Instant.now()).as("analysis of " + id + " done within " + PATIENCE).isBefore(deadline);
            Thread.onSpinWait();
        }
    }
}
