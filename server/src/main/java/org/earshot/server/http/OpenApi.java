package org.earshot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.earshot.server.auth.Role;

/**
 * GET /api/openapi.json: an OpenAPI 3.1 document assembled at start from a base document ({@value #BASE}: info,
 * security schemes, the error response, shared schemas) and every fragment {@value #FRAGMENTS}/*.json on the
 * classpath, each {@code {"paths": {...}, "components": {"schemas": {...}, "parameters": {...}}}} (and, if
 * wanted, OpenAPI 3.1's {@code "webhooks"} and {@code "tags"}). Who may call an
 * operation is not written by hand: it is taken from the route table ({@code x-earshot-roles}, and no security
 * for an open route), so the document cannot drift from the router on that. A fragment that does not parse,
 * has another shape, describes an operation another fragment describes, or refers to a component nobody
 * defines stops the start with the fragment's name.
 */
final class OpenApi {

    static final String BASE = "openapi-base.json";
    static final String FRAGMENTS = "openapi";
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    // Every kind of reusable component but security schemes, which the base alone defines.
    private static final Set<String> COMPONENTS = Set.of("schemas", "parameters", "responses", "requestBodies",
            "headers", "examples", "links", "callbacks", "pathItems");

    private final ObjectNode document;
    private final ObjectMapper json;
    private volatile byte[] served;

    private OpenApi(ObjectNode document, ObjectMapper json) {
        this.document = document;
        this.json = json;
    }

    /** The base and every fragment on the classpath, merged. @throws IllegalStateException naming the bad file */
    static OpenApi load(ObjectMapper json) {
        Map<String, JsonNode> fragments = new TreeMap<>();
        for (String name : OpenApiFiles.names(FRAGMENTS)) {
            fragments.put(name, OpenApiFiles.read(json, FRAGMENTS + "/" + name));
        }
        return assemble(json, OpenApiFiles.read(json, BASE), fragments);
    }

    /** Merges {@code fragments} (file name → content, merged in name order) into a copy of {@code base}. */
    static OpenApi assemble(ObjectMapper json, JsonNode base, Map<String, JsonNode> fragments) {
        if (!(base instanceof ObjectNode) || !base.path("openapi").asText().startsWith("3.1")) {
            throw new IllegalStateException(BASE + " is not an OpenAPI 3.1 document");
        }
        ObjectNode document = ((ObjectNode) base).deepCopy();
        ObjectNode paths = object(document, "paths");
        ObjectNode components = object(document, "components");
        Map<String, String> describedBy = new TreeMap<>();
        for (Map.Entry<String, JsonNode> fragment : new TreeMap<>(fragments).entrySet()) {
            String file = FRAGMENTS + "/" + fragment.getKey();
            JsonNode content = fragment.getValue();
            if (!content.isObject() || !content.path("paths").isObject()) {
                throw bad(file, "must be an object {\"paths\": {...}, \"components\": {\"schemas\": {...}}}");
            }
            for (Iterator<String> keys = content.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!Set.of("paths", "components", "webhooks", "tags").contains(key)) {
                    throw bad(file, "has \"" + key + "\": a fragment holds only paths, components, webhooks and tags");
                }
            }
            mergePaths(file, (ObjectNode) content.get("paths"), paths, describedBy);
            mergeComponents(file, content.path("components"), components);
            mergeWebhooks(file, content.path("webhooks"), document);
            mergeTags(file, content.path("tags"), document);
        }
        checkReferences(document, document, "", fragments);
        return new OpenApi(document, json);
    }

    private static void mergePaths(String file, ObjectNode from, ObjectNode paths, Map<String, String> describedBy) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/") || !path.getValue().isObject()) {
                throw bad(file, "path \"" + path.getKey() + "\" must start with / and hold an object of operations");
            }
            ObjectNode item = object(paths, path.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String key = op.getKey();
                String name = key.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                if (METHODS.contains(key)) {
                    if (!op.getValue().isObject() || !op.getValue().path("responses").isObject()) {
                        throw bad(file, name + " must be an operation object with responses");
                    }
                    String earlier = describedBy.putIfAbsent(name, file);
                    if (earlier != null) {
                        throw bad(file, "describes " + name + ", which " + earlier + " describes already");
                    }
                    item.set(key, op.getValue().deepCopy());
                } else if (item.has(key) && !item.get(key).equals(op.getValue())) {
                    throw bad(file, "gives " + path.getKey() + " another \"" + key + "\" than an earlier fragment");
                } else {
                    item.set(key, op.getValue().deepCopy());
                }
            }
        }
    }

    private static void mergeComponents(String file, JsonNode from, ObjectNode components) {
        if (from.isMissingNode()) {
            return;
        }
        if (!from.isObject()) {
            throw bad(file, "components must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> kind = it.next();
            if (!COMPONENTS.contains(kind.getKey()) || !kind.getValue().isObject()) {
                throw bad(file, "components may hold only objects " + COMPONENTS + ", not \"" + kind.getKey() + "\"");
            }
            ObjectNode into = object(components, kind.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> named = kind.getValue().fields(); named.hasNext(); ) {
                Map.Entry<String, JsonNode> one = named.next();
                // The same definition twice is harmless (two areas sharing a shape); two different ones are not.
                if (into.has(one.getKey()) && !into.get(one.getKey()).equals(one.getValue())) {
                    throw bad(file, "defines components/" + kind.getKey() + "/" + one.getKey()
                            + " differently from the base or an earlier fragment");
                }
                into.set(one.getKey(), one.getValue().deepCopy());
            }
        }
    }

    /** OpenAPI 3.1's webhooks (events Earshot sends), by event name; one event described twice is refused. */
    private static void mergeWebhooks(String file, JsonNode from, ObjectNode document) {
        if (from.isMissingNode()) {
            return;
        }
        if (!from.isObject()) {
            throw bad(file, "webhooks must be an object of event name to path item");
        }
        ObjectNode into = object(document, "webhooks");
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> event = it.next();
            if (into.has(event.getKey())) {
                throw bad(file, "describes webhook " + event.getKey() + ", which another file describes already");
            }
            into.set(event.getKey(), event.getValue().deepCopy());
        }
    }

    /** Tags by name: a tag several files use is listed once. */
    private static void mergeTags(String file, JsonNode from, ObjectNode document) {
        if (from.isMissingNode()) {
            return;
        }
        if (!from.isArray()) {
            throw bad(file, "tags must be an array of {\"name\", \"description\"?}");
        }
        ArrayNode tags = document.get("tags") instanceof ArrayNode existing ? existing : document.putArray("tags");
        for (JsonNode tag : from) {
            if (!tag.path("name").isTextual()) {
                throw bad(file, "has a tag without a name: " + tag);
            }
            boolean known = false;
            for (JsonNode existing : tags) {
                known |= existing.path("name").asText().equals(tag.get("name").asText());
            }
            if (!known) {
                tags.add(tag.deepCopy());
            }
        }
    }

    /** Every local $ref must name something the merged document holds; the error names the fragment that refers. */
    private static void checkReferences(JsonNode root, JsonNode node, String at, Map<String, JsonNode> fragments) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                String target = ref.asText();
                if (!target.startsWith("#/") || root.at(target.substring(1)).isMissingNode()) {
                    String where = fragments.entrySet().stream().filter(f -> contains(f.getValue(), target))
                            .map(f -> FRAGMENTS + "/" + f.getKey()).findFirst().orElse(BASE);
                    throw bad(where, "refers to " + target + " (at " + at + "), which no file defines"
                            + " (only local references #/components/... are served)");
                }
            }
            node.fields().forEachRemaining(f -> checkReferences(root, f.getValue(), at + "/" + f.getKey(), fragments));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkReferences(root, node.get(i), at + "/" + i, fragments);
            }
        }
    }

    private static boolean contains(JsonNode node, String ref) {
        return node.findValuesAsText("$ref").contains(ref);
    }

    /**
     * Writes who may call each described operation, from the route table: {@code x-earshot-roles} and a line in
     * the description, and {@code security: []} for an open route. {@code extra} are routes served outside the
     * router (the live WebSocket).
     */
    OpenApi withRoles(List<Router.Route> routes, Map<String, Set<Role>> extra) {
        ObjectNode paths = (ObjectNode) document.get("paths");
        Map<String, Set<Role>> roles = new TreeMap<>(extra);
        routes.forEach(route -> roles.put(route.name(), route.roles()));
        roles.forEach((name, allowed) -> {
            String method = name.substring(0, name.indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
            JsonNode op = paths.path(name.substring(name.indexOf(' ') + 1)).path(method);
            if (op instanceof ObjectNode operation) {
                List<String> keys = Stream.of(Role.values()).filter(allowed::contains).map(Role::key).toList();
                ArrayNode list = operation.putArray("x-earshot-roles");
                keys.forEach(list::add);
                String who = keys.isEmpty() ? "Open: no login needed." : "Roles: " + String.join(", ", keys) + ".";
                String description = operation.path("description").asText("");
                operation.put("description", description.isEmpty() ? who : description + "\n\n" + who);
                if (keys.isEmpty()) {
                    operation.putArray("security");
                }
            }
        });
        served = null;
        return this;
    }

    /** A copy of the document as served. */
    ObjectNode document() {
        return document.deepCopy();
    }

    Response serve(Request request) throws IOException {
        byte[] body = served;
        if (body == null) {
            body = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
            served = body;
        }
        return Response.json(body);
    }

    private static ObjectNode object(ObjectNode parent, String key) {
        return parent.get(key) instanceof ObjectNode existing ? existing : parent.putObject(key);
    }

    private static IllegalStateException bad(String file, String problem) {
        return new IllegalStateException("OpenAPI fragment " + file + " " + problem);
    }
}
