package org.earshot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.earshot.server.lifecycle.Erasure;
import org.earshot.server.lifecycle.LegalHolds;
import org.earshot.server.store.LifecycleStore;

/** Erasure on request and legal hold (issue 16): admins only, every change audited. */
final class LifecycleRoutes {

    private final Erasure erasure;
    private final LegalHolds holds;
    private final ObjectMapper json;

    LifecycleRoutes(Erasure erasure, LegalHolds holds, ObjectMapper json) {
        this.erasure = erasure;
        this.holds = holds;
        this.json = json;
    }

    /** DELETE /api/calls/{id} → 204; 404 unknown; 409 under legal hold. */
    Response deleteCall(Request request) {
        String id = request.pathParam("id");
        try {
            if (!erasure.deleteCall(id, request.principal().username())) {
                throw ApiException.notFound("no call with id " + id);
            }
        } catch (LifecycleStore.CallHeld e) {
            throw ApiException.conflict(e.getMessage());
        }
        return new Response(HttpResponseStatus.NO_CONTENT, "application/json", new byte[0], Map.of());
    }

    /** POST /api/erasure {"caller", "dryRun"?} → {"calls", "held", "filesNotDeleted", "dryRun"}. */
    Response eraseCaller(Request request) throws IOException {
        JsonNode body = body(request, Set.of("caller", "dryRun"), "{\"caller\": \"+1 404 555 0149\", \"dryRun\": true}");
        JsonNode caller = body.get("caller");
        if (caller == null || !caller.isTextual() || caller.asText().isBlank() || caller.asText().length() > 80) {
            throw ApiException.badRequest("caller must be the caller's number as a string of 1-80 characters");
        }
        if (org.earshot.search.CallQuery.callerNumber(caller.asText()).isEmpty()) {
            throw ApiException.badRequest("caller: '" + caller.asText() + "' is not a caller number");
        }
        JsonNode dry = body.get("dryRun");
        if (dry != null && !dry.isBoolean()) {
            throw ApiException.badRequest("dryRun must be true or false");
        }
        boolean dryRun = dry != null && dry.asBoolean();
        Erasure.Result result = erasure.eraseCaller(caller.asText(), dryRun, request.principal().username());
        return Response.json(json.writeValueAsBytes(Map.of("calls", result.calls(), "held", result.held(),
                "filesNotDeleted", result.filesNotDeleted(), "dryRun", dryRun)));
    }

    /** PUT /api/calls/{id}/legal-hold {"legalHold": true|false} → {"legalHold"}; 404 unknown. */
    Response setLegalHold(Request request) throws IOException {
        String id = request.pathParam("id");
        JsonNode value = body(request, Set.of("legalHold"), "{\"legalHold\": true}").get("legalHold");
        if (value == null || !value.isBoolean()) {
            throw ApiException.badRequest("legalHold must be true or false");
        }
        if (!holds.set(id, value.asBoolean(), request.principal().username())) {
            throw ApiException.notFound("no call with id " + id);
        }
        return Response.json(json.writeValueAsBytes(Map.of("legalHold", value.asBoolean())));
    }

    /** GET /api/calls/{id}/legal-hold → {"legalHold"}; 404 unknown. */
    Response legalHold(Request request) throws IOException {
        String id = request.pathParam("id");
        Boolean held = holds.of(id);
        if (held == null) {
            throw ApiException.notFound("no call with id " + id);
        }
        return Response.json(json.writeValueAsBytes(Map.of("legalHold", held)));
    }

    private JsonNode body(Request request, Set<String> fields, String example) {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("body must be a JSON object such as " + example);
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!fields.contains(field)) {
                throw ApiException.badRequest("unknown field '" + (field.length() > 40 ? field.substring(0, 40) + "…" : field)
                        + "': the body takes " + String.join(" and ", fields.stream().sorted().toList()));
            }
        });
        return body;
    }
}
