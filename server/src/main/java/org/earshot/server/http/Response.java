package org.earshot.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a route handler answers: a status, a content type, a body and extra headers. A large body
 * (a recording) is a {@link FilePart} streamed from disk after {@code body}, never read into memory.
 */
public record Response(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers,
                       FilePart file) {

    /** {@code length} bytes of {@code path} from {@code offset}, sent after the response's {@code body}. */
    public record FilePart(Path path, long offset, long length) {
    }

    public Response(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }

    /** The bytes on the wire: the body, then the file part. */
    public long contentLength() {
        return body.length + (file == null ? 0 : file.length());
    }

    public static Response json(byte[] body) {
        return new Response(HttpResponseStatus.OK, "application/json", body, Map.of());
    }

    public static Response text(String contentType, String body) {
        return new Response(HttpResponseStatus.OK, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public Response withHeader(String name, String value) {
        var copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Response(status, contentType, body, Map.copyOf(copy), file);
    }
}
