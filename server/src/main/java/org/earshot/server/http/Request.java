package org.earshot.server.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.earshot.server.auth.Authenticator.Principal;

/**
 * One HTTP request as route handlers see it.
 *
 * @param remoteAddress the client's address: the peer's, or what a trusted proxy says it forwarded
 * @param secure        it came over HTTPS, here or to a trusted proxy: cookies set in its answer get {@code Secure}
 */
public record Request(String method, String path, Map<String, List<String>> query, Map<String, String> pathParams,
                      HttpHeaders headers, byte[] body, Principal principal, String remoteAddress, boolean secure) {

    /** A request over plain HTTP. */
    public Request(String method, String path, Map<String, List<String>> query, Map<String, String> pathParams,
                   HttpHeaders headers, byte[] body, Principal principal, String remoteAddress) {
        this(method, path, query, pathParams, headers, body, principal, remoteAddress, false);
    }

    /** The first value of a query parameter, or null when absent or blank. */
    public String param(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0);
    }

    public Double doubleParam(String name) {
        String value = param(name);
        if (value == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(value);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a number, was '" + value + "'");
        }
    }

    public int intParam(String name, int dflt, int min, int max) {
        String value = param(name);
        if (value == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(value);
            if (i < min || i > max) {
                throw ApiException.badRequest(name + " must be " + min + "-" + max + ", was " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, was '" + value + "'");
        }
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }
}
