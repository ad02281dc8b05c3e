package org.earshot.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/** An error answered with a 4xx status and {@code {"error": ..., "detail": ...}}. */
public class ApiException extends RuntimeException {

    private final HttpResponseStatus status;
    private final String error;
    private final Map<String, String> headers;

    ApiException(HttpResponseStatus status, String error, String detail) {
        this(status, error, detail, Map.of());
    }

    ApiException(HttpResponseStatus status, String error, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    Map<String, String> headers() {
        return headers;
    }

    HttpResponseStatus status() {
        return status;
    }

    String error() {
        return error;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "bad request", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "not found", detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(HttpResponseStatus.UNAUTHORIZED, "unauthorized", detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpResponseStatus.CONFLICT, "conflict", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpResponseStatus.FORBIDDEN, "forbidden", detail);
    }
}
