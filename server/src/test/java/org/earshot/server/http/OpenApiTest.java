package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.auth.Role;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/openapi.json against the route table of a real node: every route described and nothing else, each with
 * exactly the query parameters its route accepts, the roles its route allows, and a document that a real OpenAPI
 * 3.1 parser reads without a complaint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest {

    private static final String PASSWORD = "a-long-test-password";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Earshot earshot;
    private List<Router.Route> routes;
    private String body;
    private JsonNode document;

    @BeforeAll
    void startANodeAndReadItsDescriptionWithoutLoggingIn(@TempDir Path dir) throws Exception {
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        routes = earshot.http().router().routes();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + earshot.httpPort() + "/api/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        body = response.body();
        document = json.readTree(body);
    }

    @AfterAll
    void stop() {
        if (earshot != null) {
            earshot.close();
        }
    }

    @Test
    void theDescriptionIsValidOpenApi31ToARealParser() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(body, null, options);

        assertThat(result.getMessages()).as("the parser's complaints").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1.");
        assertThat(result.getOpenAPI().getPaths()).hasSize(document.get("paths").size());
    }

    @Test
    void everyRouteIsDescribedAndNothingElse() {
        Set<String> described = new TreeSet<>(operations().keySet());
        Set<String> served = new TreeSet<>();
        routes.forEach(route -> served.add(route.name()));
        served.add("GET " + LiveSocket.PATH); // the WebSocket handshake, answered before the router

        assertThat(described).as("operations the document describes vs the routes the server has").isEqualTo(served);
    }

    @Test
    void eachOperationTakesExactlyTheQueryParametersOfItsRoute() {
        Map<String, JsonNode> operations = operations();
        for (Router.Route route : routes) {
            JsonNode operation = operations.get(route.name());
            assertThat(operation).as(route.name() + " is described").isNotNull();
            Map<String, JsonNode> query = parameters(operation, "query");

            assertThat(query.keySet()).as(route.name() + ": query parameters").isEqualTo(new TreeSet<>(route.params().names()));
            query.forEach((name, parameter) -> assertThat(parameter.at("/schema/type").asText().equals("array"))
                    .as("%s: %s is an array exactly when the route takes it repeated", route.name(), name)
                    .isEqualTo(route.params().isRepeatable(name)));
        }
    }

    @Test
    void eachOperationNamesThePathParametersOfItsPattern() {
        operations().forEach((name, operation) -> {
            Set<String> inPattern = new TreeSet<>();
            Matcher m = PATH_PARAMETER.matcher(name);
            while (m.find()) {
                inPattern.add(m.group(1));
            }
            Map<String, JsonNode> declared = parameters(operation, "path");

            assertThat(declared.keySet()).as(name + ": path parameters").isEqualTo(inPattern);
            declared.values().forEach(p -> assertThat(p.path("required").asBoolean()).as(name + " path parameters are required").isTrue());
        });
    }

    @Test
    void whoMayCallAnOperationIsTheRoutesRoles() {
        Map<String, JsonNode> operations = operations();
        for (Router.Route route : routes) {
            JsonNode operation = operations.get(route.name());
            assertThat(operation).as(route.name() + " is described").isNotNull();
            List<String> roles = new ArrayList<>();
            operation.path("x-earshot-roles").forEach(r -> roles.add(r.asText()));

            assertThat(roles).as(route.name()).containsExactlyElementsOf(
                    Stream.of(Role.values()).filter(route.roles()::contains).map(Role::key).toList());
            assertThat(operation.has("security") && operation.get("security").isEmpty()).as(route.name() + " open")
                    .isEqualTo(route.isPublic());
        }
        assertThat(operations.get("GET " + LiveSocket.PATH).path("x-earshot-roles")).extracting(JsonNode::asText)
                .containsExactly("admin", "supervisor");
    }

    @Test
    void everyOperationSaysWhatItAnswersAndErrorsHaveTheErrorShape() {
        operations().forEach((name, operation) -> {
            assertThat(operation.path("summary").asText()).as(name + " summary").isNotBlank();
            JsonNode responses = operation.get("responses");
            assertThat(responses.fieldNames()).toIterable().as(name).anyMatch(code -> code.startsWith("2") || code.equals("101"));
            responses.fields().forEachRemaining(r -> {
                if (r.getKey().startsWith("4")) {
                    assertThat(r.getValue().path("$ref").asText()).as(name + " " + r.getKey())
                            .isEqualTo("#/components/responses/Error");
                }
            });
        });
        assertThat(document.at("/components/schemas/Error/required")).extracting(JsonNode::asText)
                .containsExactly("error", "detail");
    }

    @Test
    void theMainShapesAreDescribedFieldByField() {
        assertThat(document.at("/components/schemas/CallHit/properties").fieldNames()).toIterable()
                .contains("id", "startedAt", "durationSeconds", "caller", "queue", "agent", "outcome", "sentiment", "flags");
        assertThat(document.at("/components/schemas/KpiRow/properties").fieldNames()).toIterable()
                .contains("offered", "answered", "abandoned", "serviceLevel", "ahtSeconds", "links");
        assertThat(document.at("/components/schemas/CallDetail/properties/analysis/$ref").asText())
                .isEqualTo("#/components/schemas/AnalysisReport");
    }

    /** "GET /api/calls" → its operation object. */
    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (OpenApi.METHODS.contains(op.getKey())) {
                operations.put(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), op.getValue());
            }
        }));
        return operations;
    }

    /** The operation's parameters of one kind (query, path), $refs followed, by name. */
    private Map<String, JsonNode> parameters(JsonNode operation, String in) {
        Map<String, JsonNode> found = new TreeMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode resolved = parameter.has("$ref") ? document.at(parameter.get("$ref").asText().substring(1)) : parameter;
            assertThat(resolved.isMissingNode()).as("%s resolves", parameter).isFalse();
            if (resolved.path("in").asText().equals(in)) {
                assertThat(found.put(resolved.get("name").asText(), resolved)).as("%s given once", resolved.get("name")).isNull();
            }
        }
        return found;
    }
}
