package org.earshot.server.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.earshot.server.auth.Role;

/** Maps a method and a path pattern such as {@code /api/calls/{id}} to a handler and the roles allowed. */
public final class Router {

    /** A route's one method. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws Exception;
    }

    /** A matched route with the values of its path parameters. */
    record Match(Route route, Map<String, String> pathParams) {
    }

    record Route(String method, String pattern, String[] segments, Set<Role> roles, QueryParams params, Handler handler) {
        boolean isPublic() {
            return roles.isEmpty();
        }

        /** "GET /api/kpis", as error messages name the route. */
        String name() {
            return method + " " + pattern;
        }
    }

    private final List<Route> routes = new ArrayList<>();

    /** A route anyone may call, without query parameters. */
    public Router open(String method, String pattern, Handler handler) {
        return open(method, pattern, QueryParams.NONE, handler);
    }

    /** A route anyone may call, taking these query parameters. */
    Router open(String method, String pattern, QueryParams params, Handler handler) {
        routes.add(new Route(method, pattern, split(pattern), Set.of(), params, handler));
        return this;
    }

    /** A route for logged-in users with one of the roles, without query parameters. */
    public Router allow(String method, String pattern, Set<Role> roles, Handler handler) {
        return allow(method, pattern, roles, QueryParams.NONE, handler);
    }

    /** A route for logged-in users with one of the roles, taking these query parameters. */
    Router allow(String method, String pattern, Set<Role> roles, QueryParams params, Handler handler) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a protected route needs at least one role: " + pattern);
        }
        routes.add(new Route(method, pattern, split(pattern), Set.copyOf(roles), params, handler));
        return this;
    }

    /** Every route, in the order added: what tests that must cover each route walk. */
    List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * The route for this request, or null; throws 405 when the path exists with another method. {@code path} is
     * the raw (still percent-encoded) path: segments are decoded after splitting, so an encoded '/' (%2F) stays
     * inside its segment (agent names such as "SIP/alice" are path parameters).
     */
    Match match(String method, String path) {
        String[] parts = split(path);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = io.netty.handler.codec.http.QueryStringDecoder.decodeComponent(parts[i].replace("+", "%2B"));
        }
        boolean pathExists = false;
        for (Route route : routes) {
            Map<String, String> params = matchPath(route.segments(), parts);
            if (params != null) {
                if (route.method().equals(method)) {
                    return new Match(route, params);
                }
                pathExists = true;
            }
        }
        if (pathExists) {
            throw new ApiException(io.netty.handler.codec.http.HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed",
                    method + " is not allowed on " + path);
        }
        return null;
    }

    private static Map<String, String> matchPath(String[] pattern, String[] parts) {
        if (pattern.length != parts.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith("{") && pattern[i].endsWith("}")) {
                params.put(pattern[i].substring(1, pattern[i].length() - 1), parts[i]);
            } else if (!pattern[i].equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
