package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.earshot.server.BuildInfo;
import org.junit.jupiter.api.Test;

class VersionRoutesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void versionAnswersTheBuildsVersionCommitAndTime() throws Exception {
        VersionRoutes routes = new VersionRoutes(new BuildInfo("1.4.0", "0123456789ab", "2026-12-05T00:30:00Z"), json);

        Response response = routes.version(null);

        JsonNode body = json.readTree(response.body());
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(body.get("version").asText()).isEqualTo("1.4.0");
        assertThat(body.get("commit").asText()).isEqualTo("0123456789ab");
        assertThat(body.get("buildTime").asText()).isEqualTo("2026-12-05T00:30:00Z");
    }
}
