package org.earshot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.function.LongSupplier;
import org.earshot.server.auth.Authenticator;

/** Login, logout and health. */
final class AuthRoutes {

    private final Authenticator auth;
    private final ObjectMapper json;
    private final LongSupplier indexPendingChanges;

    AuthRoutes(Authenticator auth, ObjectMapper json, LongSupplier indexPendingChanges) {
        this.auth = auth;
        this.json = json;
        this.indexPendingChanges = indexPendingChanges;
    }

    /**
     * Up, and how far this node's search index lags the store: a client that wrote (or saw an analysis
     * done) can wait for {@code index.pendingChanges} 0 before searching for it.
     */
    Response health(Request request) throws IOException {
        return Response.json(json.writeValueAsBytes(Map.of("status", "ok",
                "index", Map.of("pendingChanges", indexPendingChanges.getAsLong()))));
    }

    Response login(Request request) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            throw ApiException.badRequest("body must be JSON {\"username\": ..., \"password\": ...}");
        }
        // Strings only: a number or an object read as text would count as a failed login and lock the name out.
        if (body == null || !body.path("username").isTextual() || !body.path("password").isTextual()) {
            throw ApiException.badRequest("body must be JSON {\"username\": ..., \"password\": ...}");
        }
        String token;
        try {
            token = auth.login(body.get("username").asText(), body.get("password").asText(), request.remoteAddress())
                    .orElseThrow(() -> ApiException.unauthorized("wrong username or password"));
        } catch (Authenticator.TooManyAttempts e) {
            throw new ApiException(io.netty.handler.codec.http.HttpResponseStatus.TOO_MANY_REQUESTS, "too many requests",
                    e.getMessage());
        }
        return Response.json(json.writeValueAsBytes(Map.of("token", token)))
                .withHeader("Set-Cookie", SessionToken.COOKIE + "=" + token
                        + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200" + secure(request));
    }

    /** Ends the caller's session and clears the cookie; the token no longer works anywhere. */
    Response logout(Request request) {
        auth.logout(SessionToken.token(request.headers()));
        return new Response(io.netty.handler.codec.http.HttpResponseStatus.NO_CONTENT, "application/json", new byte[0],
                Map.of("Set-Cookie", SessionToken.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + secure(request)));
    }

    /** Over HTTPS the cookie is never sent over plain HTTP, where anyone on the path could read it. */
    private static String secure(Request request) {
        return request.secure() ? "; Secure" : "";
    }
}
