package org.earshot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
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
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.earshot.server.backup.Backup;
import org.earshot.server.backup.Restore;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.WrapUpRule;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken from a running node (which holds the embedded database, so the backup asks it), while the
 * captured Asterisk session is replayed and its recordings analysed, restored into a new data dir: a node there
 * ends with the same calls, the same analyses and the same search results as the first. Whatever the analyses had
 * reached when the copy was taken, the restored node finishes them (its interrupted jobs are re-queued) and
 * rebuilds its index from the store, so the comparison is of end states and never of timing.
 */
class BackupRestoreIT {

    private static final String S1B = "earshot-lab-1795393091.5";
    private static final String S6 = "earshot-lab-1795393215.23";
    private static final Duration PATIENCE = Duration.ofSeconds(240);
    private static final String PASSWORD = "admin-pass-1";
    /** The calls of the capture's queue_log and CDR (its expected-facts.json). */
    private static final int CALLS = 9;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBackupTakenWhileANodeRunsRestoresToTheSameCallsAnalysesAndSearchResults(@TempDir Path dir) throws Exception {
        Path recordings = recordings(dir);
        Path backup = dir.resolve("backup");
        Path restored = dir.resolve("restored");
        Map<String, Object> manifest;
        NodeState original;
        try (AmiReplayPeer asterisk = AmiReplayPeer.replaying(AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01)))
                .credentials("earshot", "earshot-secret").start();
             Earshot node = Earshot.wire(config(dir.resolve("data"), recordings,
                     new AmiSettings("127.0.0.1", asterisk.port(), "earshot", "earshot-secret", Duration.ofMillis(200))),
                     Clock.systemUTC(), Earshot.Role.SERVE)) {
            node.start();
            Client a = new Client(node);
            // Every call stored; the recordings' analyses are running or queued (or done: the test holds either way).
            a.await("/api/calls?size=100", page -> page.get("total").asInt() == CALLS);

            // Another process, as an admin's cron job is: the node's lock on the database is real to it.
            String output = backupInAnotherProcess(dir.resolve("data"), backup, dir.resolve("backup.log"));
            manifest = json.readValue(backup.resolve(Backup.MANIFEST).toFile(), Map.class);
            assertThat(output).contains("A node is running on");

            assertThat(asterisk.awaitReplayComplete(PATIENCE)).as("capture replayed").isTrue();
            original = a.settled();
        }
        assertThat(manifest.get("database").toString()).contains("by the running node");

        Restore.restore(backup, restored, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try (Earshot node = Earshot.wire(config(restored, recordings, null), Clock.systemUTC(), Earshot.Role.SERVE)) {
            node.start();
            NodeState copy = new Client(node).settled();

            assertThat(copy.calls()).isEqualTo(original.calls());
            assertThat(copy.transcripts()).containsOnlyKeys(S1B, S6).isEqualTo(original.transcripts());
            assertThat(copy.searchHits()).isEqualTo(original.searchHits());
        }
    }

    /** What a node shows once every analysis of its calls has ended and its index caught up. */
    private record NodeState(Map<String, JsonNode> calls, Map<String, JsonNode> transcripts, java.util.List<String> searchHits) {
    }

    private final class Client {
        private final String base;
        private final String token;

        Client(Earshot node) throws Exception {
            base = "http://127.0.0.1:" + node.httpPort();
            token = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).get("token").asText();
        }

        NodeState settled() throws Exception {
            JsonNode page = await("/api/calls?size=100", p -> p.get("total").asInt() == CALLS);
            Map<String, JsonNode> calls = new TreeMap<>();
            Map<String, JsonNode> transcripts = new TreeMap<>();
            for (JsonNode hit : page.get("hits")) {
                String id = hit.get("id").asText();
                JsonNode call = await("/api/calls/" + id, c -> !c.path("analysisStatus").asText().equals("queued")
                        && !c.path("analysisStatus").asText().equals("running"));
                if (call.path("analysisStatus").asText().equals("done")) {
                    transcripts.put(id, call.at("/analysis/transcript"));
                }
            }
            await("/api/health", health -> health.at("/index/pendingChanges").asLong() == 0);
            // Listed from the index: what search shows of each call, its analysis's sentiment and flags included.
            for (JsonNode hit : get("/api/calls?size=100").get("hits")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) hit).remove("score");
                calls.put(hit.get("id").asText(), hit);
            }
            java.util.List<String> hits = new java.util.ArrayList<>();
            get("/api/calls?size=100&q=" + URLEncoder.encode("agent:hello", StandardCharsets.UTF_8)).get("hits")
                    .forEach(hit -> hits.add(hit.get("id").asText()));
            hits.sort(null);
            assertThat(hits).as("the search finds the analysed calls").isNotEmpty();
            return new NodeState(calls, transcripts, hits);
        }

        JsonNode await(String path, Predicate<JsonNode> done) throws Exception {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            JsonNode last = null;
            while (System.nanoTime() < deadline) {
                last = get(path);
                if (done.test(last)) {
                    return last;
                }
                Thread.sleep(100); // polling the node's own answer: the end-to-end tests' way of waiting on HTTP
            }
            throw new AssertionError("gave up waiting on " + path + "; last answer: " + last);
        }

        JsonNode get(String path) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
            return json.readTree(response.body());
        }
    }

    /** {@code earshot backup --data-dir DATA --to BACKUP} in a JVM of its own; returns what it printed. */
    private static String backupInAnotherProcess(Path data, Path backup, Path log) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "backup", "--data-dir", data.toString(), "--to", backup.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).as("backup finished").isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static EarshotConfig config(Path data, Path recordings, AmiSettings ami) {
        return new EarshotConfig(0, data, null, null, null, ami, recordings, ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD,
                Duration.ofSeconds(60), KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null);
    }

    private static Path recordings(Path dir) throws Exception {
        Path recordings = Files.createDirectories(dir.resolve("monitor"));
        byte[] s1b = resource("/recordings/20261123-001811-5550102-earshot-lab-1795393091.5-stereo.converted.wav");
        Files.write(recordings.resolve("20261123-001811-5550102-earshot-lab-1795393091.5-stereo.raw"),
                Arrays.copyOfRange(s1b, 44, s1b.length));
        Files.write(recordings.resolve("20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw"),
                resource("/recordings/20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw"));
        Files.write(recordings.resolve("20261123-001739-5550101-earshot-lab-1795393059.1-stereo.raw"), new byte[0]);
        return recordings;
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = BackupRestoreIT.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
