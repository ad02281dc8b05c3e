package org.earshot.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a route handler answers: a status, a content type, a body and extra headers. */
public record Response(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {

    public static Response json(byte[] body) {
        return new Response(HttpResponseStatus.OK, "application/json", body, Map.of());
    }

    public static Response text(String contentType, String body) {
        return new Response(HttpResponseStatus.OK, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public Response withHeader(String name, String value) {
        var copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Response(status, contentType, body, Map.copyOf(copy));
    }
}
