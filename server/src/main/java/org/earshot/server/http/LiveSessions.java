package org.earshot.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.earshot.server.auth.AccessListener;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.auth.Authenticator.Principal;
import org.earshot.server.auth.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open /api/live sockets with the credential each was let in with. When a user's access changes
 * (logout, disabled, password reset, demotion, a revoked key) their sockets are checked again, and those
 * whose credential no longer passes get a close frame 1008 (policy violation) with the reason, then close.
 */
final class LiveSessions implements AccessListener {

    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);
    private static final int MAX_REASON_BYTES = 123;

    /**
     * What a socket was let in with. Until its handshake is done it cannot take a close frame: a revocation
     * then is kept, and said in the close frame sent right after the handshake.
     */
    private static final class Admission {
        final String token;
        final String username;
        private boolean upgraded;
        private String revoked;

        Admission(String token, String username) {
            this.token = token;
            this.username = username;
        }

        /** True when the socket can be closed with a frame now; otherwise the handshake's end will. */
        synchronized boolean revoke(String reason) {
            revoked = reason;
            return upgraded;
        }

        synchronized String upgrade() {
            upgraded = true;
            return revoked;
        }
    }

    private final Authenticator auth;
    private final Set<Role> roles;
    private final Map<Channel, Admission> open = new ConcurrentHashMap<>();
    // Counts access changes, so an admission that raced one is checked again (see admit).
    private final AtomicLong changes = new AtomicLong();

    LiveSessions(Authenticator auth, Set<Role> roles) {
        this.auth = auth;
        this.roles = Set.copyOf(roles);
    }

    /**
     * The principal of {@code token}, empty when it is no session; when its role may open the live feed the
     * channel is remembered under it until it closes.
     */
    Optional<Principal> admit(Channel channel, String token) {
        while (true) {
            long seen = changes.get();
            Optional<Principal> principal = Optional.ofNullable(token).flatMap(auth::authenticate);
            if (principal.isEmpty() || !roles.contains(principal.get().role())) {
                return principal;
            }
            open.put(channel, new Admission(token, principal.get().username()));
            // A change stored after our check but counted before we were in the map would have missed us.
            if (changes.get() == seen) {
                channel.closeFuture().addListener(f -> open.remove(channel));
                return principal;
            }
            open.remove(channel);
        }
    }

    /** The channel's handshake is done: null when it is still let in, else why not (it was revoked meanwhile). */
    String upgraded(Channel channel) {
        Admission admission = open.get(channel);
        if (admission == null) {
            return "session ended: log in again";
        }
        String revoked = admission.upgrade();
        if (revoked != null) {
            open.remove(channel);
        }
        return revoked;
    }

    @Override
    public void accessChanged(String username) {
        changes.incrementAndGet();
        open.forEach((channel, admission) -> {
            if (admission.username.equalsIgnoreCase(username)) {
                recheck(channel, admission);
            }
        });
    }

    /** Checks every open socket: catches what no listener hears, sessions expired or ended on another node. */
    void recheckAll() {
        open.forEach(this::recheck);
    }

    int size() {
        return open.size();
    }

    private void recheck(Channel channel, Admission admission) {
        Optional<Principal> now;
        try {
            now = auth.authenticate(admission.token);
        } catch (RuntimeException e) {
            // A store outage says nothing about the session: keep the socket, the next check decides.
            log.warn("Cannot check the session of a live socket of '{}'", admission.username, e);
            return;
        }
        // A key says why it stopped (revoked, expired); a session ended, whichever way.
        String reason = now.isEmpty() ? refusal(admission.token)
                : roles.contains(now.get().role()) ? null
                : "role " + now.get().role().key() + " may not see the live feed";
        if (reason != null && admission.revoke(reason) && open.remove(channel) != null) {
            log.info("Closing a live socket of '{}': {}", admission.username, reason);
            close(channel, reason);
        }
    }

    private String refusal(String token) {
        try {
            return auth.refusal(token).orElse("session ended: log in again");
        } catch (RuntimeException e) {
            return "session ended: log in again";
        }
    }

    /** A close frame 1008 (policy violation) with the reason, then the connection is closed. */
    static void close(Channel channel, String reason) {
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, fitted(reason)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** A close frame's reason holds at most 123 bytes of UTF-8 (RFC 6455, 5.5): a key's long name must not overflow it. */
    static String fitted(String reason) {
        if (reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
            return reason;
        }
        StringBuilder fitted = new StringBuilder();
        int bytes = "…".getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        for (int i = 0; i < reason.length(); ) {
            int codePoint = reason.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_REASON_BYTES) {
                break;
            }
            fitted.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return fitted.append('…').toString();
    }
}
