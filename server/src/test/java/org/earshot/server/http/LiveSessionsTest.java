package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.auth.Role;
import org.earshot.server.store.AuditStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.TestDatabase;
import org.earshot.server.store.UserStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live sockets' credentials, checked again without a listener: what the periodic sweep catches. */
class LiveSessionsTest {

    private static final String PASSWORD = "right-password-1";

    @TempDir
    Path dir;
    private TestDatabase test;
    private Database db;
    private Authenticator auth;
    private final MovingClock clock = new MovingClock();
    private LiveSessions sessions;

    @BeforeEach
    void openStore() {
        test = TestDatabase.create("h2", dir);
        db = test.open();
        auth = new Authenticator(new UserStore(db), new AuditStore(db), clock);
        auth.createUser("sam", PASSWORD, Role.SUPERVISOR);
        sessions = new LiveSessions(auth, Set.of(Role.ADMIN, Role.SUPERVISOR));
        auth.onAccessChange(sessions);
    }

    @AfterEach
    void closeStore() {
        db.close();
        test.close();
    }

    @Test
    void anExpiredSessionsSocketIsClosedByTheSweep() {
        EmbeddedChannel socket = upgradedSocket(auth.login("sam", PASSWORD, "10.0.0.1").orElseThrow());

        clock.now = clock.now.plus(Duration.ofHours(13));
        sessions.recheckAll();

        assertClosedWith1008(socket, "session ended");
    }

    @Test
    void aSessionEndedOnAnotherNodeIsClosedByTheSweep() {
        EmbeddedChannel socket = upgradedSocket(auth.login("sam", PASSWORD, "10.0.0.1").orElseThrow());

        // Another node shares the store: its logout ends the session there, no listener here hears it.
        new UserStore(db).deleteSessions("sam", clock.instant());
        sessions.recheckAll();

        assertClosedWith1008(socket, "session ended");
    }

    @Test
    void aSocketRevokedDuringItsHandshakeIsClosedOnceTheHandshakeIsDone() {
        String token = auth.login("sam", PASSWORD, "10.0.0.1").orElseThrow();
        EmbeddedChannel socket = new EmbeddedChannel();
        assertThat(sessions.admit(socket, token)).isPresent();

        auth.logout(token);

        assertThat(socket.isOpen()).as("no close frame before the handshake is done").isTrue();
        assertThat(sessions.upgraded(socket)).contains("session ended");
        assertThat(sessions.size()).isZero();
    }

    @Test
    void aValidSessionKeepsItsSocket() {
        EmbeddedChannel socket = upgradedSocket(auth.login("sam", PASSWORD, "10.0.0.1").orElseThrow());

        sessions.recheckAll();
        auth.updateUser(Authenticator.SYSTEM, "sam", Role.ADMIN, null, null);

        assertThat(socket.isOpen()).isTrue();
        assertThat((Object) socket.readOutbound()).isNull();
        assertThat(sessions.size()).isEqualTo(1);
    }

    private EmbeddedChannel upgradedSocket(String token) {
        EmbeddedChannel socket = new EmbeddedChannel();
        assertThat(sessions.admit(socket, token)).isPresent();
        assertThat(sessions.upgraded(socket)).isNull();
        return socket;
    }

    private void assertClosedWith1008(EmbeddedChannel socket, String reason) {
        CloseWebSocketFrame frame = socket.readOutbound();
        assertThat(frame).isNotNull();
        assertThat(frame.statusCode()).isEqualTo(1008);
        assertThat(frame.reasonText()).contains(reason);
        frame.release();
        assertThat(socket.isOpen()).isFalse();
        assertThat(sessions.size()).isZero();
    }

    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
