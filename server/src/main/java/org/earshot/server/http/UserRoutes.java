package org.earshot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.auth.Role;
import org.earshot.server.store.AuditStore;

/** User accounts and the audit log, for admins. */
final class UserRoutes {

    /** An account as the API shows it. */
    record UserView(String username, String role, boolean disabled, Instant createdAt, Instant lastLoginAt) {
        static UserView of(Authenticator.Account a) {
            return new UserView(a.username(), a.role().key(), a.disabled(), a.createdAt(), a.lastLoginAt());
        }
    }

    private final Authenticator auth;
    private final AuditStore audit;
    private final ObjectMapper json;

    UserRoutes(Authenticator auth, AuditStore audit, ObjectMapper json) {
        this.auth = auth;
        this.audit = audit;
        this.json = json;
    }

    Response list(Request request) throws IOException {
        return Response.json(json.writeValueAsBytes(Map.of("users", auth.users().stream().map(UserView::of).toList())));
    }

    Response create(Request request) throws IOException {
        JsonNode body = body(request);
        if (body == null || !body.hasNonNull("username") || !body.hasNonNull("password") || !body.hasNonNull("role")) {
            throw ApiException.badRequest("body must be JSON {\"username\", \"password\", \"role\"} with role one of"
                    + " admin, supervisor, qa, trainer");
        }
        Role role = role(body.get("role").asText());
        String username = body.get("username").asText();
        try {
            auth.createUser(request.principal().username(), username, body.get("password").asText(), role);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        byte[] created = json.writeValueAsBytes(UserView.of(auth.user(username).orElseThrow()));
        return new Response(HttpResponseStatus.CREATED, "application/json", created, Map.of());
    }

    /** PATCH {"role"?, "disabled"?, "password"?}: assign a role, disable or enable, reset the password. */
    Response update(Request request) throws IOException {
        JsonNode body = body(request);
        if (body == null || !body.isObject() || !(body.has("role") || body.has("disabled") || body.has("password"))) {
            throw ApiException.badRequest("body must be JSON with any of \"role\", \"disabled\" (true/false), \"password\"");
        }
        Role role = body.hasNonNull("role") ? role(body.get("role").asText()) : null;
        Boolean disabled = null;
        if (body.hasNonNull("disabled")) {
            if (!body.get("disabled").isBoolean()) {
                throw ApiException.badRequest("disabled must be true or false, was " + body.get("disabled"));
            }
            disabled = body.get("disabled").asBoolean();
        }
        String password = body.hasNonNull("password") ? body.get("password").asText() : null;
        try {
            Authenticator.Account account = auth.updateUser(request.principal().username(), request.pathParam("username"),
                    role, disabled, password);
            return Response.json(json.writeValueAsBytes(UserView.of(account)));
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** GET /api/audit?user=&action=&target=&from=&to=&page=&size= → newest first. */
    Response audit(Request request) throws IOException {
        var query = new AuditStore.Query(request.param("user"), request.param("action"), request.param("target"),
                instant(request, "from"), instant(request, "to"), request.intParam("page", 0, 0, 100_000),
                request.intParam("size", 50, 1, 500));
        AuditStore.Page page = audit.find(query);
        return Response.json(json.writeValueAsBytes(Map.of("total", page.total(), "entries", page.entries())));
    }

    private JsonNode body(Request request) {
        try {
            return json.readTree(request.body());
        } catch (IOException e) {
            throw ApiException.badRequest("body is not valid JSON");
        }
    }

    private static Role role(String key) {
        try {
            return Role.fromKey(key);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("role must be admin, supervisor, qa or trainer, was '" + key + "'");
        }
    }

    private static Instant instant(Request request, String name) {
        String value = request.param(name);
        if (value == null) {
            return null;
        }
        return TimeParams.instant(name, value, java.time.ZoneOffset.UTC, false);
    }

    static List<String> actions() {
        return List.of("login", "login-failed", "logout", "user-created", "role-changed", "user-disabled",
                "user-enabled", "password-reset", "call-opened", "call-played");
    }
}
