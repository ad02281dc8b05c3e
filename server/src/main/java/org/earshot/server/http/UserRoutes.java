package org.earshot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Map;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.auth.Role;

/** User accounts, for admins: who may log in and with which role. */
final class UserRoutes {

    private final Authenticator auth;
    private final ObjectMapper json;

    UserRoutes(Authenticator auth, ObjectMapper json) {
        this.auth = auth;
        this.json = json;
    }

    Response list(Request request) throws IOException {
        return Response.json(json.writeValueAsBytes(Map.of("users", auth.users().stream()
                .map(p -> Map.of("username", p.username(), "role", p.role().key())).toList())));
    }

    Response create(Request request) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.hasNonNull("username") || !body.hasNonNull("password") || !body.hasNonNull("role")) {
            throw ApiException.badRequest("body must be JSON {\"username\", \"password\", \"role\"} with role one of"
                    + " admin, supervisor, qa, trainer");
        }
        Role role;
        try {
            role = Role.fromKey(body.get("role").asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("role must be admin, supervisor, qa or trainer, was '" + body.get("role").asText() + "'");
        }
        try {
            auth.createUser(body.get("username").asText(), body.get("password").asText(), role);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        byte[] created = json.writeValueAsBytes(Map.of("username", body.get("username").asText(), "role", role.key()));
        return new Response(HttpResponseStatus.CREATED, "application/json", created, Map.of());
    }
}
