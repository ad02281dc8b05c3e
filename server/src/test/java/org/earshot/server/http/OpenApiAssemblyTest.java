package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How fragments merge into the served document, and how a bad one stops the start with its name. */
class OpenApiAssemblyTest {

    private final ObjectMapper json = new ObjectMapper();
    private final JsonNode base = tree("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{},"
            + "\"components\":{\"responses\":{\"Error\":{\"description\":\"e\"}},\"schemas\":{\"Error\":{\"type\":\"object\"}}}}");

    @Test
    void fragmentsPathsAndSchemasAreMergedIntoTheBase() {
        JsonNode document = OpenApi.assemble(json, base, Map.of(
                "a.json", tree("{\"paths\":{\"/api/a\":{\"get\":{\"summary\":\"a\",\"responses\":{\"200\":{\"description\":\"ok\","
                        + "\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/B\"}}}}}}}}}"),
                "b.json", tree("{\"paths\":{\"/api/a\":{\"post\":{\"summary\":\"b\",\"responses\":{\"404\":{\"$ref\":"
                        + "\"#/components/responses/Error\"}}}}},\"components\":{\"schemas\":{\"B\":{\"type\":\"string\"}}}}")))
                .document();

        assertThat(document.at("/paths/~1api~1a").fieldNames()).toIterable().containsExactlyInAnyOrder("get", "post");
        assertThat(document.at("/components/schemas").fieldNames()).toIterable().containsExactlyInAnyOrder("Error", "B");
    }

    @Test
    void twoFragmentsDescribingOneOperationStopTheStartNamingBoth() {
        String op = "{\"paths\":{\"/api/a\":{\"get\":{\"summary\":\"a\",\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}";

        assertThatThrownBy(() -> OpenApi.assemble(json, base, Map.of("keys.json", tree(op), "webhooks.json", tree(op))))
                .hasMessageContaining("openapi/webhooks.json").hasMessageContaining("openapi/keys.json")
                .hasMessageContaining("GET /api/a");
    }

    @Test
    void aFragmentOfAnotherShapeIsRefusedByName() {
        assertThatThrownBy(() -> OpenApi.assemble(json, base, Map.of("crm.json", tree("{\"paths\":{},\"info\":{}}"))))
                .hasMessageContaining("openapi/crm.json").hasMessageContaining("\"info\"");
        assertThatThrownBy(() -> OpenApi.assemble(json, base, Map.of("crm.json", tree("[]"))))
                .hasMessageContaining("openapi/crm.json");
        assertThatThrownBy(() -> OpenApi.assemble(json, base, Map.of("crm.json",
                tree("{\"paths\":{\"/api/crm\":{\"get\":{\"summary\":\"no responses\"}}}}"))))
                .hasMessageContaining("openapi/crm.json").hasMessageContaining("responses");
    }

    @Test
    void aReferenceToSomethingNoFileDefinesNamesTheFragment() {
        assertThatThrownBy(() -> OpenApi.assemble(json, base, Map.of("crm.json", tree("{\"paths\":{\"/api/crm\":{\"get\":"
                + "{\"summary\":\"s\",\"responses\":{\"200\":{\"$ref\":\"#/components/responses/Missing\"}}}}}}"))))
                .hasMessageContaining("openapi/crm.json").hasMessageContaining("#/components/responses/Missing");
    }

    @Test
    void aSchemaDefinedTwiceDifferentlyIsRefused() {
        assertThatThrownBy(() -> OpenApi.assemble(json, base, Map.of("crm.json", tree("{\"paths\":{},"
                + "\"components\":{\"schemas\":{\"Error\":{\"type\":\"string\"}}}}"))))
                .hasMessageContaining("openapi/crm.json").hasMessageContaining("components/schemas/Error");
    }

    @Test
    void webhooksAndTagsOfFragmentsAreMergedByName() {
        JsonNode document = OpenApi.assemble(json, base, Map.of(
                "a.json", tree("{\"paths\":{},\"tags\":[{\"name\":\"calls\"}],\"webhooks\":{\"call.ended\":{\"post\":"
                        + "{\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}"),
                "b.json", tree("{\"paths\":{},\"tags\":[{\"name\":\"calls\"},{\"name\":\"keys\"}]}"))).document();

        assertThat(document.get("tags").findValuesAsText("name")).containsExactly("calls", "keys");
        assertThat(document.at("/webhooks/call.ended/post").isObject()).isTrue();
        assertThatThrownBy(() -> OpenApi.assemble(json, base, Map.of(
                "a.json", tree("{\"paths\":{},\"webhooks\":{\"call.ended\":{}}}"),
                "b.json", tree("{\"paths\":{},\"webhooks\":{\"call.ended\":{}}}"))))
                .hasMessageContaining("openapi/b.json").hasMessageContaining("call.ended");
    }

    @Test
    void theFragmentsShippedWithTheServerAssemble() {
        JsonNode document = OpenApi.load(json).document();

        assertThat(document.path("openapi").asText()).startsWith("3.1");
        assertThat(document.at("/paths/~1api~1calls~1{id}~1transcript/get").isObject()).isTrue();
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
