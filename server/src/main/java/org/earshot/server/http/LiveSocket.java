package org.earshot.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.earshot.server.auth.Role;
import org.earshot.server.live.LiveClient;
import org.earshot.server.live.LiveHub;

/** The two handlers around Netty's WebSocket handshake for /api/live, and the socket as the hub's client. */
final class LiveSocket {

    static final String PATH = "/api/live";

    private LiveSocket() {
    }

    /**
     * Lets only supervisors and admins open /api/live; other requests pass through untouched.
     * Matches the URI the way Netty's handshake handler does ("starts with" the path), so no
     * variant of the path reaches the handshake unchecked.
     */
    static final class Gate extends ChannelInboundHandlerAdapter {
        private final LiveSessions sessions;
        private final Set<Role> roles;

        Gate(LiveSessions sessions, Set<Role> roles) {
            this.sessions = sessions;
            this.roles = roles;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request && request.uri().startsWith(PATH)) {
                HttpResponseStatus refusal;
                if (ApiHandler.fromAnotherSite(request)) {
                    // Another site's page must not read the live wall with our user's session.
                    request.release();
                    refuse(ctx, HttpResponseStatus.FORBIDDEN);
                    return;
                }
                try {
                    var principal = sessions.admit(ctx.channel(), SessionToken.token(request, true));
                    refusal = principal.isEmpty() ? HttpResponseStatus.UNAUTHORIZED
                            : roles.contains(principal.get().role()) ? null : HttpResponseStatus.FORBIDDEN;
                } catch (RuntimeException e) {
                    refusal = HttpResponseStatus.BAD_REQUEST; // a malformed URI or a store outage
                }
                if (refusal != null) {
                    request.release();
                    refuse(ctx, refusal);
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status) {
            byte[] body = ("{\"error\":\"" + status.reasonPhrase().toLowerCase(java.util.Locale.ROOT)
                    + "\",\"detail\":\"the live feed needs a supervisor or admin session: POST /api/login\"}")
                    .getBytes(StandardCharsets.UTF_8);
            var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Joins a client to the hub once its handshake completes, unless its session ended meanwhile; what
     * clients send is ignored.
     */
    static final class Frames extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final LiveHub hub;
        private final LiveSessions sessions;

        Frames(LiveHub hub, LiveSessions sessions) {
            this.hub = hub;
            this.sessions = sessions;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                // A WebSocket idles between events by design: the HTTP request deadline no longer applies.
                if (ctx.pipeline().get(RequestDeadline.NAME) != null) {
                    ctx.pipeline().remove(RequestDeadline.NAME);
                }
                String revoked = sessions.upgraded(ctx.channel());
                if (revoked == null) {
                    join(hub, ctx.channel());
                } else {
                    LiveSessions.close(ctx.channel(), revoked);
                }
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            // Live is one-way: server to client.
        }
    }

    /** Joins {@code channel} to the hub until it closes. */
    static void join(LiveHub hub, Channel channel) {
        Client client = new Client(channel);
        hub.join(client);
        // Fires at once for a channel that closed meanwhile: the hub never keeps a closed one.
        channel.closeFuture().addListener(f -> hub.leave(client));
    }

    /** An upgraded /api/live channel as the hub's {@link LiveClient}: text frames, Netty's write buffer as the backlog. */
    static final class Client implements LiveClient {
        private final Channel channel;

        Client(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void send(String text) {
            // Thread-safe: from another thread Netty queues the write on the channel's event loop.
            channel.writeAndFlush(new TextWebSocketFrame(text));
        }

        @Override
        public boolean keepsUp() {
            // Unwritable past the high water mark HttpApi sets on every connection.
            return channel.isWritable();
        }

        @Override
        public void close() {
            channel.close();
        }
    }
}
