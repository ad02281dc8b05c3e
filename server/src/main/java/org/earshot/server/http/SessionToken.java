package org.earshot.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.List;
import java.util.Optional;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.auth.Authenticator.Principal;

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

    static Optional<Principal> principal(FullHttpRequest msg, Authenticator auth, boolean allowQueryToken) {
        String header = msg.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.authenticate(header.substring(7).strip());
        }
        String cookies = msg.headers().get(HttpHeaderNames.COOKIE);
        if (cookies != null) {
            for (Cookie cookie : ServerCookieDecoder.STRICT.decode(cookies)) {
                if (COOKIE.equals(cookie.name())) {
                    return auth.authenticate(cookie.value());
                }
            }
        }
        if (allowQueryToken) {
            // Browsers cannot set headers on a WebSocket handshake; scripts may pass the token here.
            List<String> token = new QueryStringDecoder(msg.uri()).parameters().get("token");
            if (token != null && !token.isEmpty()) {
                return auth.authenticate(token.get(0));
            }
        }
        return Optional.empty();
    }
}
