package org.earshot.server.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.WrapUpRule;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir written by an earlier Earshot ({@link UpgradeFixtureWriter}, the schema of V15) opened by this one:
 * the migrations since run forward over it, the ones it had are unchanged (Flyway validates their checksums), and
 * its calls, users, QA review and search index are all there.
 */
class UpgradeTest {

    private static final String FIXTURE = "/upgrade/data-dir-V15.zip";
    private static final String FIXTURE_VERSION = "15";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDataDirOfTheEarlierReleaseOpensWithItsCallsUsersReviewsAndIndex(@TempDir Path dir) throws Exception {
        Path data = unzip(FIXTURE, dir.resolve("data"));
        try (TranscriptIndex index = TranscriptIndex.open(data.resolve("index"))) {
            assertThat(index.count()).as("the index as the earlier release left it").isEqualTo(UpgradeFixtureWriter.CALLS);
        }
        EarshotConfig config = new EarshotConfig(0, data, null, null, null, null, null, ChannelRoles.CUSTOMER_AGENT, null, 1,
                null, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null);
        try (Earshot node = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE)) {
            node.start();
            String base = "http://127.0.0.1:" + node.httpPort();
            String admin = login(base, "admin");

            assertThat(get(base, "/api/calls?size=100", admin).get("total").asInt()).isEqualTo(UpgradeFixtureWriter.CALLS);
            assertThat(get(base, "/api/calls?q=" + URLEncoder.encode("agent:hello", StandardCharsets.UTF_8), admin)
                    .get("total").asInt()).as("the transcripts are searchable").isPositive();
            JsonNode call = get(base, "/api/calls/" + UpgradeFixtureWriter.REVIEWED_CALL, admin);
            assertThat(call.path("analysisStatus").asText()).isEqualTo("done");
            assertThat(call.at("/analysis/transcript").isMissingNode()).isFalse();
            JsonNode users = get(base, "/api/users", admin);
            assertThat(users.toString()).contains("\"" + UpgradeFixtureWriter.QA_USER + "\"")
                    .contains("\"" + UpgradeFixtureWriter.SUPERVISOR + "\"");
            String qa = login(base, UpgradeFixtureWriter.QA_USER);
            JsonNode review = get(base, "/api/qa/reviews/" + UpgradeFixtureWriter.REVIEWED_CALL, qa);
            assertThat(review.toString()).contains("\"reviewed\"").contains("greets");
        }
        assertMigrationsOnlyMovedForward(config.jdbcUrl());
    }

    private static void assertMigrationsOnlyMovedForward(String jdbcUrl) {
        Flyway flyway = Flyway.configure().dataSource(jdbcUrl, "sa", "").locations("classpath:db/migration")
                .placeholders(Map.of("text_type", "CHARACTER LARGE OBJECT", "binary_type", "VARBINARY")).load();
        // Fails when a migration the fixture applied was edited since, or is missing from this release.
        flyway.validate();
        List<MigrationInfo> applied = List.of(flyway.info().applied());
        assertThat(applied).allSatisfy(m -> assertThat(m.getState().isFailed()).as(m.getVersion().toString()).isFalse());
        assertThat(applied.stream().map(m -> m.getVersion().getVersion()).toList()).contains(FIXTURE_VERSION);
        assertThat(flyway.info().pending()).as("every migration of this release ran").isEmpty();
    }

    private String login(String base, String user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("username", user,
                        "password", UpgradeFixtureWriter.PASSWORD)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(user + " logs in with the password of the earlier release").isEqualTo(200);
        return json.readTree(response.body()).get("token").asText();
    }

    private JsonNode get(String base, String path, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static Path unzip(String resource, Path target) throws Exception {
        try (InputStream in = UpgradeTest.class.getResourceAsStream(resource); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path file = target.resolve(entry.getName()).normalize();
                Files.createDirectories(file.getParent());
                Files.copy(zip, file);
            }
        }
        return target;
    }
}
