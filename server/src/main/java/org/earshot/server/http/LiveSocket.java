package org.earshot.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.live.LiveHub;

/** The two handlers around Netty's WebSocket handshake for /api/live. */
final class LiveSocket {

    static final String PATH = "/api/live";

    private LiveSocket() {
    }

    /** Lets only logged-in users open /api/live; other requests pass through untouched. */
    static final class Gate extends ChannelInboundHandlerAdapter {
        private final Authenticator auth;

        Gate(Authenticator auth) {
            this.auth = auth;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request && PATH.equals(new QueryStringDecoder(request.uri()).path())
                    && SessionToken.principal(request, auth, true).isEmpty()) {
                request.release();
                byte[] body = "{\"error\":\"unauthorized\",\"detail\":\"log in first: POST /api/login\"}"
                        .getBytes(StandardCharsets.UTF_8);
                var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UNAUTHORIZED,
                        Unpooled.wrappedBuffer(body));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Joins a client to the hub once its handshake completes; what clients send is ignored. */
    static final class Frames extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final LiveHub hub;

        Frames(LiveHub hub) {
            this.hub = hub;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                hub.join(ctx.channel());
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            // Live is one-way: server to client.
        }
    }
}
