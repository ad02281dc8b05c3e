package org.earshot.telephony.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The peer answers a plain socket client byte for byte as the captured Asterisk did. */
class AmiReplayPeerTest {

    @Test
    void aWrongPlainTextLoginGetsTheCapturedBytesAndTheConnectionIsClosed() throws IOException {
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(List.of()).start();
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), peer.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(AmiCapture.resource("/asterisk/ami-badlogin-01.client.raw"));

            byte[] received = readToEnd(socket.getInputStream());

            assertThat(new String(received, StandardCharsets.UTF_8))
                    .isEqualTo(new String(AmiCapture.resource("/asterisk/ami-badlogin-01.raw"), StandardCharsets.UTF_8));
            assertThat(peer.loginAttempts()).isEqualTo(1);
        }
    }

    @Test
    void theSessionCaptureHoldsItsEventsWithoutTheResponsesToTheOriginalClient() {
        List<String> events = AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01));

        assertThat(events).allSatisfy(event -> assertThat(event).startsWith("Event: "));
        assertThat(events.get(0)).startsWith("Event: FullyBooted");
        assertThat(events).filteredOn(e -> e.startsWith("Event: QueueCallerJoin\r\n")).hasSize(9);
        assertThat(events).filteredOn(e -> e.startsWith("Event: Hangup\r\n")).hasSize(38);
    }

    @Test
    void aLoggedInClientReceivesTheReplayedEvents() throws IOException {
        List<String> events = List.of("Event: Hangup\r\nUniqueid: 1795393059.1");
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(events).credentials("u", "s").start();
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), peer.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("Action: Login\r\nActionID: 1\r\nUsername: u\r\nSecret: s\r\n\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(peer.awaitReplayComplete(Duration.ofSeconds(10))).isTrue();
            socket.getOutputStream().write("Action: Logoff\r\nActionID: 2\r\n\r\n".getBytes(StandardCharsets.UTF_8));

            String received = new String(readToEnd(socket.getInputStream()), StandardCharsets.UTF_8);

            assertThat(received).startsWith("Asterisk Call Manager/11.0.0\r\n"
                    + "Response: Success\r\nActionID: 1\r\nMessage: Authentication accepted\r\n\r\n");
            assertThat(received).contains("Event: FullyBooted\r\n", "Event: Hangup\r\nUniqueid: 1795393059.1\r\n\r\n",
                    "Response: Goodbye\r\nActionID: 2\r\nMessage: Thanks for all the fish.\r\n\r\n");
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        return in.readAllBytes(); // the peer closes the connection, as Asterisk does
    }
}
