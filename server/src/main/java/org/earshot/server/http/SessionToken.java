package org.earshot.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.List;

/** Finds the session token of a request: bearer header, session cookie, or (WebSocket only) ?token=. */
final class SessionToken {

    static final String COOKIE = "earshot_session";

    private SessionToken() {
    }

    /** The raw token a request carries in its bearer header or session cookie, or null. */
    static String token(io.netty.handler.codec.http.HttpHeaders headers) {
        String header = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        String cookies = headers.get(HttpHeaderNames.COOKIE);
        if (cookies != null) {
            for (Cookie cookie : ServerCookieDecoder.STRICT.decode(cookies)) {
                if (COOKIE.equals(cookie.name())) {
                    return cookie.value();
                }
            }
        }
        return null;
    }

    /** The raw token of a request, as {@link #token(io.netty.handler.codec.http.HttpHeaders)}, or from ?token=. */
    static String token(FullHttpRequest msg, boolean allowQueryToken) {
        String token = token(msg.headers());
        if (token == null && allowQueryToken) {
            // Browsers cannot set headers on a WebSocket handshake; scripts may pass the token here.
            List<String> values = new QueryStringDecoder(msg.uri()).parameters().get("token");
            if (values != null && !values.isEmpty()) {
                return values.get(0);
            }
        }
        return token;
    }
}
