package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.auth.Role;
import org.earshot.server.live.LiveHub;
import org.earshot.server.store.AuditStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.TestDatabase;
import org.earshot.server.store.UserStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP server at its edges, over raw sockets: half-sent requests and idle connections are closed,
 * oversized bodies get the JSON error. Each test waits on the server's answer or its close (read returns -1),
 * with a socket timeout far above the server's only as a guard against hanging.
 */
class HttpEdgesTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final int GUARD_MILLIS = 30_000;

    @TempDir
    Path dir;
    private TestDatabase test;
    private Database db;
    private HttpApi http;
    private int port;

    @BeforeEach
    void start() throws Exception {
        test = TestDatabase.create("h2", dir);
        db = test.open();
        ObjectMapper json = new ObjectMapper();
        Authenticator auth = new Authenticator(new UserStore(db), new AuditStore(db), Clock.systemUTC());
        Router router = new Router()
                .open("GET", "/api/health", r -> Response.json("{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8)))
                .open("POST", "/api/echo", r -> Response.json(r.body()));
        http = new HttpApi(router, auth, json, new LiveHub(json, List::of), REQUEST_TIMEOUT);
        port = http.start(0);
    }

    @AfterEach
    void stop() {
        http.close();
        db.close();
        test.close();
    }

    @Test
    void stoppingWithKeepAliveConnectionsOpenLogsNoError() throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try (Socket first = connect(); Socket second = connect()) {
            for (Socket socket : List.of(first, second)) {
                send(socket, "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(socket.getInputStream().read()).as("answered, connection kept open").isNotEqualTo(-1);
            }

            http.close();

            assertThat(first.getInputStream().readAllBytes()).isNotNull(); // read to the server's close
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN));
    }

    @Test
    void aHalfSentRequestIsClosedAfterTheRequestTimeout() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "GET /api/health HTTP/1.1\r\nHost: localhost\r\n"); // no blank line: the head never ends

            assertThat(socket.getInputStream().read()).as("the server closed the connection").isEqualTo(-1);
        }
    }

    @Test
    void aBodyThatNeverArrivesWholeIsClosedToo() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "POST /api/echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{\"half\":");

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n");

            String answer = readUntilClosed(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("{\"status\":\"ok\"}");
        }
    }

    @Test
    void anOversizedBodyAnnouncedByContentLengthGetsTheJsonError() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "POST /api/echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2000000\r\n"
                    + "Content-Type: application/json\r\n\r\n{");

            String answer = readUntilClosed(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/json")
                    .contains("{\"error\":\"request too large\",\"detail\":\"the request body is larger than 1048576 bytes\"}");
        }
    }

    @Test
    void anOversizedBodyThatAsksFirstWithExpectContinueGetsTheJsonError() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "POST /api/echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2000000\r\n"
                    + "Expect: 100-continue\r\nContent-Type: application/json\r\n\r\n");

            String answer = readUntilClosed(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/json")
                    .contains("\"detail\":\"the request body is larger than 1048576 bytes\"");
        }
    }

    @Test
    void aLiveSocketLeavesTheRequestDeadlineBehindOnceUpgraded() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(RequestDeadline.NAME, new RequestDeadline(REQUEST_TIMEOUT))
                .addLast(new LiveSocket.Frames(new LiveHub(new ObjectMapper(), List::of),
                        new LiveSessions(null, Set.of(Role.ADMIN))));

        channel.pipeline().fireUserEventTriggered(new WebSocketServerProtocolHandler.HandshakeComplete(
                "/api/live", new DefaultHttpHeaders(), null));

        assertThat(channel.pipeline().get(RequestDeadline.NAME)).isNull();
    }

    private Socket connect() throws Exception {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(GUARD_MILLIS);
        return socket;
    }

    private static void send(Socket socket, String text) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readUntilClosed(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
            all.write(buffer, 0, n);
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
