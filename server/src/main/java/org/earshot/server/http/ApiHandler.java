package org.earshot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.stream.ChunkedFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.Map;
import java.util.Optional;
import org.earshot.server.auth.ApiKeys;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.auth.Authenticator.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes one request: authenticate, authorise, call the handler, map errors to JSON. */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    private final Router router;
    private final Authenticator auth;
    private final ObjectMapper json;
    private final StaticFiles web = new StaticFiles();
    private final TrustedProxies proxies;

    ApiHandler(Router router, Authenticator auth, ObjectMapper json) {
        this(router, auth, json, TrustedProxies.NONE);
    }

    ApiHandler(Router router, Authenticator auth, ObjectMapper json, TrustedProxies proxies) {
        this.proxies = proxies;
        this.router = router;
        this.auth = auth;
        this.json = json;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        Response response;
        boolean malformed = !msg.decoderResult().isSuccess();
        if (malformed) {
            response = error(malformed(msg.decoderResult().cause()));
        } else {
            response = dispatch(msg, ClientInfo.of(ctx.channel(), msg.headers(), proxies));
        }
        HttpResponse out = response.file() == null
                ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(), Unpooled.wrappedBuffer(response.body()))
                : new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status());
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        out.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.contentLength());
        out.headers().set("X-Content-Type-Options", "nosniff");
        response.headers().forEach((name, value) -> out.headers().add(name, value));
        // After a decoder failure Netty discards the rest of the connection's input: close it.
        boolean keepAlive = !malformed && HttpUtil.isKeepAlive(msg);
        HttpUtil.setKeepAlive(out, keepAlive);
        var future = response.file() == null ? ctx.writeAndFlush(out) : writeStreamed(ctx, out, response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Headers, the body, then the file in 64 KiB chunks as the client takes them: bounded memory for any size. */
    private static ChannelFuture writeStreamed(ChannelHandlerContext ctx, HttpResponse head, Response response) {
        Response.FilePart part = response.file();
        ChunkedFile file;
        try {
            file = new ChunkedFile(new RandomAccessFile(part.path().toFile(), "r"), part.offset(), part.length(), 64 * 1024);
        } catch (IOException e) {
            // Vanished between the route's check and now: the status line is not sent yet, so end the connection.
            log.warn("Streaming {} failed: {}", part.path(), e.getMessage());
            return ctx.close();
        }
        ctx.write(head);
        if (response.body().length > 0) {
            ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(response.body())));
        }
        return ctx.writeAndFlush(new HttpChunkedInput(file));
    }

    private Response dispatch(FullHttpRequest msg, ClientInfo client) {
        String method = msg.method().name();
        QueryStringDecoder uri;
        try {
            uri = new QueryStringDecoder(msg.uri());
            uri.path();
            uri.parameters();
        } catch (IllegalArgumentException e) {
            return error(ApiException.badRequest("malformed URI: " + e.getMessage()));
        }
        try {
            Router.Match match = router.match(method, uri.rawPath());
            if (match == null && method.equals("GET") && !uri.path().startsWith("/api/")) {
                Response file = web.get(uri.path());
                if (file != null) {
                    return file;
                }
            }
            if (match == null) {
                throw ApiException.notFound("no route " + method + " " + uri.path());
            }
            refuseCrossSite(msg, method);
            Principal principal = null;
            if (!match.route().isPublic()) {
                String token = SessionToken.token(msg, false);
                principal = Optional.ofNullable(token).flatMap(auth::authenticate).orElseThrow(() ->
                        ApiException.unauthorized(auth.refusal(token).orElse(
                                "log in first: POST /api/login, then send Authorization: Bearer TOKEN")));
                throttle(principal);
                if (!match.route().roles().contains(principal.role())) {
                    throw ApiException.forbidden("role " + principal.role().key() + " may not use " + method + " " + uri.path());
                }
            }
            match.route().params().check(match.route().name(), uri.parameters());
            Request request = new Request(method, uri.path(), uri.parameters(), match.pathParams(), msg.headers(),
                    ByteBufUtil.getBytes(msg.content()), principal, client.address(), client.secure());
            return match.route().handler().handle(request);
        } catch (ApiException e) {
            return error(e);
        } catch (Exception e) {
            log.error("{} {} failed", method, uri.path(), e);
            return error(new ApiException(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error",
                    "the server could not answer; see its log"));
        }
    }

    /** An API key over its rate limit gets 429 with Retry-After; sessions pass. */
    private void throttle(Principal principal) {
        try {
            auth.throttle(principal);
        } catch (ApiKeys.RateLimited e) {
            throw new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, "too many requests", e.getMessage(),
                    Map.of("Retry-After", Long.toString(e.retryAfterSeconds())));
        }
    }

    private Response error(ApiException e) {
        try {
            byte[] body = json.writeValueAsBytes(Map.of("error", e.error(),
                    "detail", java.util.Objects.toString(e.getMessage(), e.error())));
            return new Response(e.status(), "application/json", body, e.headers());
        } catch (Exception unexpected) {
            throw new IllegalStateException("cannot write an error body", unexpected);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("HTTP connection closed after an error", cause);
        ctx.close();
    }

    /**
     * Changes sent from another site's page are refused: the session cookie is SameSite=Strict already, and
     * this also covers browsers that ignore SameSite. Requests without an Origin (API clients, curl) pass.
     */
    private static void refuseCrossSite(io.netty.handler.codec.http.FullHttpRequest msg, String method) {
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return;
        }
        if (fromAnotherSite(msg)) {
            throw ApiException.forbidden("cross-site request refused: Origin "
                    + msg.headers().get(io.netty.handler.codec.http.HttpHeaderNames.ORIGIN) + " is not this server");
        }
    }

    /** A browser's request from a page of another site: its Origin names another host than this server. */
    static boolean fromAnotherSite(io.netty.handler.codec.http.HttpRequest msg) {
        String origin = msg.headers().get(io.netty.handler.codec.http.HttpHeaderNames.ORIGIN);
        String host = msg.headers().get(io.netty.handler.codec.http.HttpHeaderNames.HOST);
        if (origin == null || origin.equals("null") && host == null) {
            return false;
        }
        String originHost = origin.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        return host == null || !originHost.equalsIgnoreCase(host);
    }

    /** Says what was wrong with a request Netty could not decode: mostly a URL or header over its limit. */
    private static ApiException malformed(Throwable cause) {
        if (cause instanceof io.netty.handler.codec.TooLongFrameException tooLong) {
            String what = String.valueOf(tooLong.getMessage());
            return new ApiException(what.contains("URI") || what.contains("line")
                    ? HttpResponseStatus.REQUEST_URI_TOO_LONG : HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "request too long", what.contains("URI") || what.contains("line")
                    ? "the URL is longer than this server reads (4096 bytes): shorten the query (q takes up to 1,000 characters)"
                    : "the request's headers are larger than this server reads (8192 bytes)");
        }
        return ApiException.badRequest("malformed HTTP request" + (cause == null ? "" : ": " + cause.getMessage()));
    }
}
