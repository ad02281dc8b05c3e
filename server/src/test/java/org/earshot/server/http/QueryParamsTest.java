package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every route refuses query parameters it does not take, and single ones given twice, the same way. */
class QueryParamsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Router router = new Router()
            .open("GET", "/api/health", r -> Response.json("{}".getBytes(StandardCharsets.UTF_8)))
            .open("GET", "/api/kpis", QueryParams.of("from", "to", "groupBy").repeatable("agent"),
                    r -> Response.json("{}".getBytes(StandardCharsets.UTF_8)));

    @Test
    void knownParametersPassAndRepeatableOnesMayRepeat() throws Exception {
        assertThat(get("/api/kpis?from=2026-11-01&groupBy=agent&agent=a&agent=b").status().code()).isEqualTo(200);
    }

    @Test
    void unknownParameterIsA400NamingItAndTheNearestKnownOne() throws Exception {
        JsonNode error = body(get("/api/kpis?form=2026-11-01"), 400);

        assertThat(error.get("error").asText()).isEqualTo("bad request");
        assertThat(error.get("detail").asText()).isEqualTo(
                "unknown parameter 'form' (did you mean 'from'?): GET /api/kpis takes from, to, groupBy, agent");
    }

    @Test
    void unknownParameterFarFromEveryKnownOneIsNamedWithoutAGuess() throws Exception {
        assertThat(body(get("/api/kpis?colour=red"), 400).get("detail").asText())
                .isEqualTo("unknown parameter 'colour': GET /api/kpis takes from, to, groupBy, agent");
    }

    @Test
    void aRouteWithoutParametersRefusesAny() throws Exception {
        assertThat(body(get("/api/health?verbose=1"), 400).get("detail").asText())
                .isEqualTo("unknown parameter 'verbose': GET /api/health takes no query parameters");
    }

    @Test
    void aSingleValuedParameterGivenTwiceIsA400() throws Exception {
        assertThat(body(get("/api/kpis?from=2026-11-01&from=2026-11-02"), 400).get("detail").asText())
                .isEqualTo("parameter 'from' is given 2 times: it takes one value");
    }

    @Test
    void aHugeUnknownNameIsCutInTheAnswer() throws Exception {
        String detail = body(get("/api/kpis?" + "x".repeat(3000) + "=1"), 400).get("detail").asText();

        assertThat(detail).hasSizeLessThan(200).contains("xxx...");
    }

    private FullHttpResponse get(String uri) {
        EmbeddedChannel channel = new EmbeddedChannel(new ApiHandler(router, null, json));
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri));
        return channel.readOutbound();
    }

    private JsonNode body(FullHttpResponse response, int status) throws Exception {
        try {
            assertThat(response.status().code()).isEqualTo(status);
            return json.readTree(response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }
}
