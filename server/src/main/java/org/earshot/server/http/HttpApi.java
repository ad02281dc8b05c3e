package org.earshot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.channel.ChannelPipeline;
import io.netty.util.ReferenceCountUtil;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.live.LiveHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty HTTP server: bytes flow through TLS (with tls-cert) → codec → HSTS (with TLS) → request deadline →
 * aggregator → live gate → WebSocket handshake (/api/live only) → {@link ApiHandler}.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final java.time.Duration LIVE_SWEEP = java.time.Duration.ofSeconds(30);
    // Ample for any client on any link to send 1 MB, and short enough that half-sent requests cannot pile up.
    private static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofSeconds(30);
    // How often the TLS files are looked at: a renewed certificate is served within this.
    private static final java.time.Duration TLS_WATCH = java.time.Duration.ofSeconds(10);

    private final Router router;
    private final Authenticator auth;
    private final ObjectMapper json;
    private final EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("http-accept"));
    private final EventLoopGroup io = new NioEventLoopGroup(2, new DefaultThreadFactory("http-io"));
    // Route handlers read the database and the index: they run here, never on the I/O threads.
    private final EventExecutorGroup handlers = new DefaultEventExecutorGroup(8, new DefaultThreadFactory("http-handler"));
    private Channel channel;

    private final LiveHub live;
    private final LiveSessions liveSessions;
    private boolean closed;
    private final ChannelGroup connections = new DefaultChannelGroup("http-connections", GlobalEventExecutor.INSTANCE);
    private final java.time.Duration requestTimeout;
    private final HttpSettings settings;
    private final TlsContext tls;
    private final java.time.Duration tlsWatch;

    public HttpApi(Router router, Authenticator auth, ObjectMapper json, LiveHub live) {
        this(router, auth, json, live, HttpSettings.DEFAULTS);
    }

    /**
     * @throws IllegalArgumentException when the TLS files do not load, naming the file and what is wrong
     */
    public HttpApi(Router router, Authenticator auth, ObjectMapper json, LiveHub live, HttpSettings settings) {
        this(router, auth, json, live, REQUEST_TIMEOUT, settings, TLS_WATCH);
    }

    /** @param requestTimeout how long a connection may take to send a whole request (tests shorten it) */
    HttpApi(Router router, Authenticator auth, ObjectMapper json, LiveHub live, java.time.Duration requestTimeout) {
        this(router, auth, json, live, requestTimeout, HttpSettings.DEFAULTS, TLS_WATCH);
    }

    /** @param tlsWatch how often the TLS files are looked at for a change (tests shorten it) */
    HttpApi(Router router, Authenticator auth, ObjectMapper json, LiveHub live, java.time.Duration requestTimeout,
            HttpSettings settings, java.time.Duration tlsWatch) {
        this.settings = settings;
        this.tlsWatch = tlsWatch;
        this.tls = settings.tls() ? new TlsContext(settings.tlsCert(), settings.tlsKey()) : null;
        this.requestTimeout = requestTimeout;
        this.router = router;
        this.auth = auth;
        this.json = json;
        this.live = live;
        this.liveSessions = new LiveSessions(auth, ApiRoutes.LIVE_ROLES);
        // A session's end closes its live socket at once (this node's changes) ...
        auth.onAccessChange(liveSessions);
    }

    /** The route table this server answers from. */
    Router router() {
        return router;
    }

    /**
     * Loads the TLS files of {@code settings} once, to fail before anything is stored.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static void checkTls(HttpSettings settings) {
        if (settings.tls()) {
            TlsContext.load(settings.tlsCert(), settings.tlsKey());
        }
    }

    /** The TLS context and its reloads, or null on plain HTTP. */
    TlsContext tls() {
        return tls;
    }

    /** True when this server speaks HTTPS. */
    public boolean isTls() {
        return tls != null;
    }

    /** The address bound by {@link #start}, or null before. */
    public InetSocketAddress boundAddress() {
        return channel == null ? null : (InetSocketAddress) channel.localAddress();
    }

    /** Binds the port (0 = any free one) on {@code http-bind} and returns the port bound. */
    public int start(int port) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                // Bounds what a slow client can make the server buffer (see LiveHub.publish).
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        if (tls != null) {
                            // The context of the moment: a reloaded certificate serves connections from now on.
                            ch.pipeline().addLast("tls", tls.current().newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("codec", new HttpServerCodec());
                        if (tls != null) {
                            ch.pipeline().addLast("hsts", new Hsts());
                        }
                        ch.pipeline()
                                .addLast(RequestDeadline.NAME, new RequestDeadline(requestTimeout))
                                .addLast("aggregate", new JsonRefusingAggregator(MAX_BODY_BYTES))
                                .addLast(handlers, "live-gate", new LiveSocket.Gate(liveSessions, ApiRoutes.LIVE_ROLES))
                                // checkStartsWith: the handshake may carry ?token=
                                .addLast("websocket", new WebSocketServerProtocolHandler(LiveSocket.PATH, null, true,
                                        65536, false, true))
                                .addLast("live", new LiveSocket.Frames(live, liveSessions))
                                .addLast("chunked", new ChunkedWriteHandler()) // recordings streamed from disk
                                .addLast(handlers, "api", new ApiHandler(router, auth, json, settings.trustedProxies()));
                    }
                });
        try {
            channel = bootstrap.bind(new InetSocketAddress(settings.bind(), port)).sync().channel();
        } catch (Exception e) {
            throw new java.io.UncheckedIOException(new java.io.IOException(settings.bind() == null
                    ? "http-port " + port + " cannot be used: " + e.getMessage()
                    : "http-bind " + settings.bind().getHostAddress() + " http-port " + port + " cannot be used: "
                    + e.getMessage(), e));
        }
        if (tls != null) {
            handlers.next().scheduleWithFixedDelay(tls::reloadIfChanged, tlsWatch.toMillis(), tlsWatch.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        // ... and a sweep catches what no listener here hears: sessions that expired or ended on another node.
        handlers.next().scheduleWithFixedDelay(liveSessions::recheckAll, LIVE_SWEEP.toSeconds(), LIVE_SWEEP.toSeconds(),
                TimeUnit.SECONDS);
        int bound = ((InetSocketAddress) channel.localAddress()).getPort();
        log.info("HTTP API listening on {} port {}{}", settings.bind() == null ? "all addresses"
                : settings.bind().getHostAddress(), bound, tls != null ? " (HTTPS)" : "");
        return bound;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        // Open connections (keep-alive clients, live sockets) are closed while their handler threads still run:
        // closed after those stopped, each one's tear-down was refused with a logged stack trace.
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        // A short quiet period: the listening socket is closed already, so only the tear-down of open
        // connections (which hops between the I/O and handler threads) is left to run.
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        // The I/O threads first: a closed channel's tear-down still hands its handlers' removal to their threads.
        io.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        handlers.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /** Tells browsers to come back over HTTPS only, for a year: sent on every response of a TLS server. */
    static final class Hsts extends io.netty.channel.ChannelOutboundHandlerAdapter {
        static final String VALUE = "max-age=31536000";

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) {
            if (msg instanceof HttpResponse response) {
                response.headers().set("Strict-Transport-Security", VALUE);
            }
            ctx.write(msg, promise);
        }
    }

    /**
     * Netty's aggregator answers an oversized body with an empty 413, both when Content-Length says so up front
     * and when the client asks first (Expect: 100-continue, as curl does above 1 MB); API clients get the
     * usual {error, detail}.
     */
    private static final class JsonRefusingAggregator extends HttpObjectAggregator {
        JsonRefusingAggregator(int maxBytes) {
            super(maxBytes, true); // true: close after refusing an Expect, as after refusing a Content-Length
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            // The rest of the body is still on its way: close rather than read it.
            ctx.writeAndFlush(tooLarge(maxContentLength())).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
            if (answer instanceof HttpResponse response
                    && response.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
                ReferenceCountUtil.release(answer);
                return tooLarge(maxContentLength);
            }
            return answer;
        }

        private static DefaultFullHttpResponse tooLarge(int maxBytes) {
            byte[] body = ("{\"error\":\"request too large\",\"detail\":\"the request body is larger than "
                    + maxBytes + " bytes\"}").getBytes(StandardCharsets.UTF_8);
            var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, "close");
            return response;
        }
    }
}
