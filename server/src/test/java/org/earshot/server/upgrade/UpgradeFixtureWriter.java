package org.earshot.server.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.WrapUpRule;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the upgrade fixture: a data dir made by this version of Earshot through its own surfaces (the captured
 * Asterisk session replayed over AMI, its recordings analysed, users, a scorecard and a QA review made over HTTP),
 * zipped. Not a test (its name matches neither *Test nor *IT); run it by name when a release changes the schema:
 *
 * <pre>
 * mvn -o -pl server -am test -Dtest=UpgradeFixtureWriter -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dearshot.upgradeFixture=$PWD/server/src/test/resources/upgrade/data-dir-V15.zip
 * </pre>
 * and name the zip after the newest migration it holds; {@link UpgradeTest} opens every zip there.
 */
class UpgradeFixtureWriter {

    static final String PASSWORD = "admin-pass-1";
    static final String QA_USER = "quinn";
    static final String SUPERVISOR = "sam";
    static final String REVIEWED_CALL = "earshot-lab-1795393215.23";
    static final int CALLS = 9;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;
    private String token;

    @Test
    void writeTheFixture(@TempDir Path dir) throws Exception {
        String target = System.getProperty("earshot.upgradeFixture");
        assertThat(target).as("-Dearshot.upgradeFixture=ZIP names the zip to write").isNotBlank();
        Path data = dir.resolve("data");
        Path recordings = Files.createDirectories(dir.resolve("monitor"));
        byte[] s1b = resource("/recordings/20261123-001811-5550102-earshot-lab-1795393091.5-stereo.converted.wav");
        Files.write(recordings.resolve("20261123-001811-5550102-earshot-lab-1795393091.5-stereo.raw"),
                Arrays.copyOfRange(s1b, 44, s1b.length));
        Files.write(recordings.resolve("20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw"),
                resource("/recordings/20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw"));
        try (AmiReplayPeer asterisk = AmiReplayPeer.replaying(AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01)))
                .credentials("earshot", "earshot-secret").start();
             Earshot node = Earshot.wire(new EarshotConfig(0, data, null, null, null,
                     new AmiSettings("127.0.0.1", asterisk.port(), "earshot", "earshot-secret", Duration.ofMillis(200)),
                     recordings, ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60),
                     KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null), Clock.systemUTC(), Earshot.Role.SERVE)) {
            node.start();
            base = "http://127.0.0.1:" + node.httpPort();
            assertThat(asterisk.awaitReplayComplete(Duration.ofMinutes(3))).isTrue();
            token = json.readTree(send("POST", "/api/login", Map.of("username", "admin", "password", PASSWORD)))
                    .get("token").asText();
            await("/api/calls?size=100", page -> page.get("total").asInt() == CALLS);
            await("/api/calls/" + REVIEWED_CALL, call -> call.path("analysisStatus").asText().equals("done"));
            send("POST", "/api/users", Map.of("username", QA_USER, "password", PASSWORD, "role", "qa"));
            send("POST", "/api/users", Map.of("username", SUPERVISOR, "password", PASSWORD, "role", "supervisor"));
            String card = json.readTree(send("POST", "/api/qa/scorecards", Map.of("name", "Greeting",
                    "criteria", List.of(Map.of("id", "greets", "label", "Greets the caller", "weight", 10))))).get("id").asText();
            send("PUT", "/api/qa/reviews/" + REVIEWED_CALL, Map.of("scorecardId", Long.parseLong(card),
                    "status", "reviewed", "scores", List.of(Map.of("criterionId", "greets", "value", 1.0))));
            await("/api/health", health -> health.at("/index/pendingChanges").asLong() == 0);
        }
        zip(data, Path.of(target));
    }

    /** db/, index/ and the index checkpoint: what a data dir holds but the model cache. */
    private static void zip(Path data, Path target) throws Exception {
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = data.relativize(file).toString().replace('\\', '/');
                if (name.startsWith("db/") || name.startsWith("index/") || name.equals("index-checkpoint")) {
                    if (name.endsWith(".lock") || name.endsWith(".lock.db") || name.endsWith(".trace.db")
                            || name.endsWith("write.lock")) {
                        continue;
                    }
                    zip.putNextEntry(new ZipEntry(name));
                    Files.copy(file, zip);
                    zip.closeEntry();
                }
            }
        }
    }

    private String send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " → " + response.body()).isBetween(200, 299);
        return response.body();
    }

    private JsonNode await(String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            last = json.readTree(response.body());
            if (response.statusCode() == 200 && done.test(last)) {
                return last;
            }
            Thread.sleep(100); // polling the node's own answer, as the end-to-end tests wait on HTTP
        }
        throw new AssertionError("gave up waiting on " + path + "; last answer: " + last);
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = UpgradeFixtureWriter.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
