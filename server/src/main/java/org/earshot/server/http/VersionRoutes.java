package org.earshot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.earshot.server.BuildInfo;

/**
 * {@code GET /api/version}: which Earshot answers. Open like {@code /api/health}: the UI shows it on the login page
 * too, and {@code /metrics} already tells a scraper the same through {@code earshot_build_info}.
 */
final class VersionRoutes {

    private final BuildInfo build;
    private final ObjectMapper json;

    VersionRoutes(BuildInfo build, ObjectMapper json) {
        this.build = build;
        this.json = json;
    }

    Response version(Request request) throws IOException {
        return Response.json(json.writeValueAsBytes(Map.of("version", build.version(), "commit", build.commit(),
                "buildTime", build.time())));
    }
}
