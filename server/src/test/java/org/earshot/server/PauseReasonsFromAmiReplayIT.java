package org.earshot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.WrapUpRule;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.earshot.telephony.testing.TimedCapture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real captures replayed to a real server with Asterisk's event times: the pause report of
 * {@code GET /api/kpis?groupBy=agent} (time, count and longest per reason) and the ring-no-answer and
 * missed counts equal what the capture's own {@code QueueMemberPause}, {@code AgentRingNoAnswer} and
 * {@code AgentConnect} events say, worked out here from the transcript.
 */
class PauseReasonsFromAmiReplayIT {

    private static final String PASSWORD = "admin-pass-1";
    /** Added after the capture: once the wall shows this agent, every event before it has been applied. */
    private static final String SENTINEL = "Zed Sentinel";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {TimedCapture.SESSION_01_LOG, TimedCapture.ACTIONS_01_LOG})
    void pauseFiguresRingNoAnswerAndMissedCallsMatchTheCapturesEvents(String log) throws Exception {
        List<String> events = new ArrayList<>(TimedCapture.events(AmiCapture.resource(log)));
        List<Map<String, String>> parsed = events.stream().map(PauseReasonsFromAmiReplayIT::headers).toList();
        Map<String, Map<String, long[]>> expectedPauses = pauses(parsed);
        Map<String, long[]> expectedRings = rings(parsed);
        events.add(sentinel(events));
        Path data = dir.resolve("data");

        try (AmiReplayPeer asterisk = AmiReplayPeer.replaying(events).start();
             Earshot earshot = Earshot.wire(config(data, new AmiSettings("127.0.0.1", asterisk.port(), "earshot",
                     "earshot-secret", Duration.ofMillis(200))), Clock.systemUTC(), Earshot.Role.SERVE)) {
            earshot.start();
            ApiClient admin = ApiClient.login(earshot, "admin", PASSWORD);
            CountDownLatch sentinelShown = new CountDownLatch(1);
            WebSocket socket = admin.http().newWebSocketBuilder().header("Authorization", "Bearer " + admin.token())
                    .buildAsync(URI.create("ws://127.0.0.1:" + earshot.httpPort() + "/api/live"), new Watcher(sentinelShown))
                    .get(10, TimeUnit.SECONDS);
            assertThat(asterisk.awaitReplayComplete(Duration.ofSeconds(120))).isTrue();
            assertThat(sentinelShown.await(60, TimeUnit.SECONDS)).as("the wall shows the agent added last").isTrue();
            socket.abort();
        }   // closing drains the agent log: every state change the board published is stored

        try (Earshot earshot = Earshot.wire(config(data, null), Clock.systemUTC(), Earshot.Role.SERVE)) {
            earshot.start();
            ApiClient admin = ApiClient.login(earshot, "admin", PASSWORD);
            JsonNode rows = admin.get("/api/kpis?groupBy=agent&from=2026-01-01&to=2026-12-31").get("rows");
            Map<String, Map<String, long[]>> pauses = new TreeMap<>();
            Map<String, long[]> rings = new TreeMap<>();
            for (JsonNode row : rows) {
                for (JsonNode p : row.path("pauses")) {
                    pauses.computeIfAbsent(row.get("key").asText(), a -> new TreeMap<>()).put(p.get("reason").asText(""),
                            new long[] {Math.round(p.get("seconds").asDouble() * 1000), p.get("count").asLong(),
                                    Math.round(p.get("longestSeconds").asDouble() * 1000)});
                }
                if (row.path("ringNoAnswer").asLong() > 0 || row.path("missed").asLong() > 0) {
                    rings.put(row.get("key").asText(), new long[] {row.get("ringNoAnswer").asLong(), row.get("missed").asLong()});
                }
            }
            assertThat(expectedPauses).as("the capture has pauses to compare").isNotEmpty();
            assertThat(pauses).usingRecursiveComparison().isEqualTo(expectedPauses);
            assertThat(rings).usingRecursiveComparison().isEqualTo(expectedRings);
            assertCsvCarries(admin, earshot.httpPort(), expectedPauses);
        }
    }

    /** The agent CSV: one row per agent, each reason's seconds, count and longest in its own columns. */
    private static void assertCsvCarries(ApiClient admin, int port, Map<String, Map<String, long[]>> expected) throws Exception {
        HttpResponse<String> csv = admin.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + port + "/api/kpis.csv?groupBy=agent&from=2026-01-01&to=2026-12-31"))
                .header("Authorization", "Bearer " + admin.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        String[] lines = csv.body().split("\r\n");
        List<String> header = List.of(lines[0].split(",", -1));
        Map<String, List<String>> byAgent = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            List<String> cells = List.of(lines[i].split(",", -1));
            assertThat(cells).hasSameSizeAs(header);
            byAgent.put(cells.get(0).replace("\"", ""), cells);
        }
        expected.forEach((agent, reasons) -> reasons.forEach((reason, sums) -> {
            List<String> row = byAgent.get(agent);
            String name = reason.isEmpty() ? "(none)" : reason;
            assertThat(row.get(header.indexOf("\"paused_seconds:" + name + "\"")))
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", sums[0] / 1000.0));
            assertThat(row.get(header.indexOf("\"pauses:" + name + "\""))).isEqualTo(Long.toString(sums[1]));
            assertThat(row.get(header.indexOf("\"longest_pause_seconds:" + name + "\"")))
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", sums[2] / 1000.0));
        }));
    }

    /**
     * Per agent and reason ('' for none): {ms paused, pauses, longest ms}, from QueueMemberPause alone.
     * A pause runs from Paused: 1 to Paused: 0 or to Paused: 1 with another reason; instants are kept to
     * the millisecond, as Earshot stores them.
     */
    private static Map<String, Map<String, long[]>> pauses(List<Map<String, String>> events) {
        Map<String, Map<String, long[]>> sums = new TreeMap<>();
        Map<String, String> reasonOf = new HashMap<>();
        Map<String, Instant> since = new HashMap<>();
        for (Map<String, String> e : events) {
            if (!"QueueMemberPause".equals(e.get("Event"))) {
                continue;
            }
            String agent = e.get("MemberName");
            Instant at = timestamp(e);
            boolean paused = "1".equals(e.get("Paused"));
            String reason = paused ? e.getOrDefault("PausedReason", "") : null;
            if (since.containsKey(agent) && !reason(reason).equals(reason(reasonOf.get(agent)))) {
                long millis = at.toEpochMilli() - since.get(agent).toEpochMilli();
                long[] sum = sums.computeIfAbsent(agent, a -> new TreeMap<>()).computeIfAbsent(reasonOf.get(agent), r -> new long[3]);
                sum[0] += millis;
                sum[1] += 1;
                sum[2] = Math.max(sum[2], millis);
                since.remove(agent);
            }
            if (paused && !since.containsKey(agent)) {
                since.put(agent, at);
                reasonOf.put(agent, reason);
            }
        }
        assertThat(since).as("every pause of the capture ends in it").isEmpty();
        return sums;
    }

    private static String reason(String reason) {
        return reason == null ? "\u0000not paused" : reason;
    }

    /** Per agent: {AgentRingNoAnswer events, calls (Uniqueid) that rang them unanswered and that they never connected}. */
    private static Map<String, long[]> rings(List<Map<String, String>> events) {
        Map<String, Set<String>> connected = new HashMap<>();
        Map<String, Set<String>> rungCalls = new LinkedHashMap<>();
        Map<String, long[]> rings = new TreeMap<>();
        for (Map<String, String> e : events) {
            if ("AgentConnect".equals(e.get("Event"))) {
                connected.computeIfAbsent(e.get("MemberName"), a -> new HashSet<>()).add(e.get("Uniqueid"));
            } else if ("AgentRingNoAnswer".equals(e.get("Event"))) {
                rings.computeIfAbsent(e.get("MemberName"), a -> new long[2])[0]++;
                rungCalls.computeIfAbsent(e.get("MemberName"), a -> new HashSet<>()).add(e.get("Uniqueid"));
            }
        }
        rungCalls.forEach((agent, calls) -> calls.stream()
                .filter(call -> !connected.getOrDefault(agent, Set.of()).contains(call)).forEach(call -> rings.get(agent)[1]++));
        return rings;
    }

    private static Instant timestamp(Map<String, String> event) {
        double seconds = Double.parseDouble(event.get("Timestamp"));
        long micros = Math.round(seconds * 1_000_000d);
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000).truncatedTo(ChronoUnit.MILLIS);
    }

    private static Map<String, String> headers(String event) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : event.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return headers;
    }

    /** The capture's first QueueMemberAdded, for a new agent, a second after its last event. */
    private static String sentinel(List<String> events) {
        String added = events.stream().filter(e -> e.startsWith("Event: QueueMemberAdded")).findFirst().orElseThrow();
        Map<String, String> last = headers(events.get(events.size() - 1));
        String name = headers(added).get("MemberName");
        String iface = headers(added).get("Interface");
        double at = Double.parseDouble(last.get("Timestamp")) + 1;
        return added.replace(name, SENTINEL).replace(iface, "Local/1999@agents/n")
                .replaceFirst("Timestamp: [0-9.]+", String.format(java.util.Locale.ROOT, "Timestamp: %.6f", at));
    }

    private static EarshotConfig config(Path data, AmiSettings ami) {
        return new EarshotConfig(0, data, null, null, null, ami, null, ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD,
                Duration.ofSeconds(60), KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null);
    }

    /** Counts down once a live message names the sentinel agent. */
    private static final class Watcher implements WebSocket.Listener {
        private final CountDownLatch shown;
        private final StringBuilder partial = new StringBuilder();

        Watcher(CountDownLatch shown) {
            this.shown = shown;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                if (partial.indexOf(SENTINEL) >= 0) {
                    shown.countDown();
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
