package org.earshot.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.earshot.server.auth.ApiKeys;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.auth.Role;
import org.earshot.server.store.ApiKeyStore;

/** API keys (service accounts), for admins who logged in: create (the key shown once), list, revoke. */
final class KeyRoutes {

    /** Why a key is refused on the routes that manage access. */
    static final String MANAGES_ACCESS = "API keys cannot manage users or keys, nor read the audit log: log in as an admin";
    /** Why a key is refused on logout: it has no session; revoking it is how it stops working. */
    static final String NO_SESSION = "an API key has no session to log out of: an admin revokes it with DELETE /api/keys/{id}";

    private static final Set<String> FIELDS = Set.of("name", "role", "expiresAt");

    /** A key as the API lists it: never the key or its hash. Empty times are null, not left out. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record KeyView(long id, String name, String role, String prefix, Instant createdAt, String createdBy,
                   Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String revokedBy, String status) {
        static KeyView of(ApiKeys.ApiKey k) {
            return new KeyView(k.id(), k.name(), k.role().key(), k.prefix(), k.createdAt(), k.createdBy(), k.expiresAt(),
                    k.lastUsedAt(), k.revokedAt(), k.revokedBy(), k.status());
        }
    }

    /** The answer to a create: the one time the key itself is shown. A key without expiry says expiresAt null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CreatedView(long id, String name, String role, String key, Instant createdAt, Instant expiresAt) {
    }

    private final Authenticator auth;
    private final ObjectMapper json;

    KeyRoutes(Authenticator auth, ObjectMapper json) {
        this.auth = auth;
        this.json = json;
    }

    /**
     * A route only people who logged in may use: an API key gets 403 with {@code why}, whatever its role, so a
     * leaked key cannot mint more keys, raise accounts or read who did what.
     */
    static Router.Handler forPeople(String why, Router.Handler handler) {
        return request -> {
            if (request.principal() != null && request.principal().isKey()) {
                throw ApiException.forbidden(why);
            }
            return handler.handle(request);
        };
    }

    Response list(Request request) throws IOException {
        return Response.json(json.writeValueAsBytes(Map.of("keys", auth.keys().all().stream().map(KeyView::of).toList())));
    }

    /** POST {"name", "role", "expiresAt"?} → 201 with the key, shown this once. */
    Response create(Request request) throws IOException {
        JsonNode body = body(request);
        body.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest("unknown field '" + abbreviated(field) + "': the body takes name, role"
                        + " and expiresAt");
            }
        });
        if (!body.path("name").isTextual()) {
            throw ApiException.badRequest("name must be a string of 1-80 characters");
        }
        Role role = role(body.get("role"));
        Instant expiresAt = expiresAt(body.get("expiresAt"));
        ApiKeys.Created created;
        try {
            created = auth.keys().create(request.principal().username(), body.get("name").asText(), role, expiresAt);
        } catch (ApiKeyStore.NameTaken e) {
            throw ApiException.conflict(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ApiKeys.ApiKey key = created.key();
        byte[] answer = json.writeValueAsBytes(new CreatedView(key.id(), key.name(), key.role().key(), created.secret(),
                key.createdAt(), key.expiresAt()));
        // The key must not linger in a cache between here and the admin.
        return new Response(HttpResponseStatus.CREATED, "application/json", answer, Map.of("Cache-Control", "no-store"));
    }

    /** DELETE → 204: refused from the next request on, its open live sockets closed. Revoking again is a 204 too. */
    Response revoke(Request request) {
        String id = request.pathParam("id");
        long keyId;
        try {
            keyId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no API key with id '" + abbreviated(id) + "'");
        }
        try {
            auth.keys().revoke(request.principal().username(), keyId);
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        }
        return new Response(HttpResponseStatus.NO_CONTENT, "application/json", new byte[0], Map.of());
    }

    private JsonNode body(Request request) {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("body must be a JSON object {\"name\", \"role\", \"expiresAt\"?}");
        }
        return body;
    }

    private static Role role(JsonNode value) {
        if (value != null && value.isTextual()) {
            for (Role role : Role.values()) {
                if (role.key().equals(value.asText())) {
                    return role;
                }
            }
        }
        throw ApiException.badRequest("role must be one of admin, supervisor, qa, trainer, was "
                + (value == null ? "missing" : abbreviated(value.toString())));
    }

    /** An ISO-8601 instant with its offset (2027-01-31T00:00:00Z), or null when absent; the future is checked later. */
    private static Instant expiresAt(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            try {
                return OffsetDateTime.parse(value.asText()).toInstant();
            } catch (DateTimeException e) {
                // said below
            }
        }
        throw ApiException.badRequest("expiresAt must be an ISO-8601 instant in the future such as 2027-01-31T00:00:00Z,"
                + " was " + abbreviated(value.toString()));
    }

    private static String abbreviated(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }
}
