package org.earshot.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.earshot.telephony.AgiServer;
import org.earshot.telephony.testing.AgiCapture;
import org.earshot.telephony.testing.FakeAsterisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The FastAGI server and AgiChannel against the real wire format of fastagi-01.log over loopback sockets. */
class AgiServerTest {

    private static final AgiCapture CAPTURE = AgiCapture.load();
    private final BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    private AgiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int start(Map<String, AgiScript> scripts) {
        server = new AgiServer(Agi.settings(ZoneId.of("UTC")), scripts);
        return server.start();
    }

    /** Plays Asterisk's side of a captured connection byte for byte: its envelope, then its replies in order. */
    private List<String> replay(int connection, int port) throws IOException {
        List<String> received = new ArrayList<>();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            for (String chunk : CAPTURE.envelope(connection)) {
                out.write(chunk.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String reply : CAPTURE.replies(connection)) {
                String command = in.readLine();
                if (command == null) {
                    break;
                }
                received.add(command);
                out.write(reply.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            assertThat(in.readLine()).as("server closes after its last command").isNull();
        }
        return received;
    }

    @Test
    void scriptSendsTheCapturedCommandsAndReadsDigitsAndVariablesFromTheCapturedReplies() throws Exception {
        int port = start(Map.of("route", channel -> {
            seen.add(channel.request());
            channel.answer();
            seen.add(channel.streamFile("hello-world", ""));
            String digits = channel.getData("beep", java.time.Duration.ofMillis(5000), 1);
            seen.add(digits);
            channel.setVariable("AGI_DIGITS", digits);
            seen.add(channel.getFullVariable("${CALLERID(num)}").orElseThrow());
            channel.setVariable("ROUTE_QUEUE", "support");
            channel.verbose("Earshot route: queue=support digits=2", 1);
        }));

        List<String> sent = replay(1, port);

        assertThat(sent).isEqualTo(CAPTURE.commands(1));
        AgiRequest request = (AgiRequest) seen.poll(5, TimeUnit.SECONDS);
        assertThat(request.script()).isEqualTo("route");
        assertThat(request.parameters()).containsExactly(Map.entry("lang", "en"));
        assertThat(request.uniqueId()).isEqualTo("earshot-lab-1795393267.33");
        assertThat(request.callerId()).isEqualTo("5550108");
        assertThat(request.extension()).isEqualTo("5550108");
        assertThat(request.env("agi_dnid")).as("Asterisk's 'unknown' reads as absent").isNull();
        assertThat(request.environment()).hasSize(22);
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("");
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("2");
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("5550108");
    }

    @Test
    void commandOnADeadChannelAfterHangupRaisesAgiHangupAndGetVariableStillWorks() throws Exception {
        int port = start(Map.of("closed", channel -> {
            channel.answer();
            channel.streamFile("please-try-call-later", "");
            channel.setVariable("CLOSED_REASON", channel.request().parameter("reason").orElseThrow());
            channel.hangup();
            try {
                channel.streamFile("beep", "");
                seen.add("no exception");
            } catch (AgiHangupException e) {
                seen.add(e);
            }
            seen.add(channel.getVariable("CLOSED_REASON").orElseThrow());
        }));

        List<String> sent = replay(2, port);

        assertThat(sent).isEqualTo(CAPTURE.commands(2));
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isInstanceOf(AgiHangupException.class)
                .asString().contains("511");
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("afterhours");
    }

    @Test
    void unknownScriptGetsAVerboseLineAndAVariableAndTheServerKeepsServing() throws Exception {
        ListAppender<ILoggingEvent> logs = capture();
        int port = start(Map.of("hours", channel -> channel.setVariable("EARSHOT_AFTER_HOURS", "0")));

        FakeAsterisk.Session unknown = FakeAsterisk.call("nosuch?queue=support").dial(port);
        FakeAsterisk.Session next = FakeAsterisk.call("hours?queue=support").dial(port);

        assertThat(unknown.commands()).containsExactly("VERBOSE \"Earshot: no FastAGI script named 'nosuch'\" 1",
                "SET VARIABLE EARSHOT_AGI_ERROR \"unknown-script\"");
        assertThat(next.variables()).containsEntry("EARSHOT_AFTER_HOURS", "0");
        assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().contains("unknown script 'nosuch'"));
        release(logs);
    }

    @Test
    void peerThatDisconnectsMidEnvelopeIsLoggedAndDroppedWithoutRunningTheScript() throws Exception {
        ListAppender<ILoggingEvent> logs = capture();
        int port = start(Map.of("hours", channel -> {
            seen.add(channel.request().uniqueId());
            channel.setVariable("EARSHOT_AFTER_HOURS", "0");
        }));
        FakeAsterisk call = FakeAsterisk.call("hours?queue=support");

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(call.envelope().get(0).getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }
        FakeAsterisk.Session next = call.dial(port);

        assertThat(next.variables()).containsEntry("EARSHOT_AFTER_HOURS", "0");
        assertThat(seen).containsExactly("earshot-lab-1795393267.33");
        assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().contains("before the blank line"));
        release(logs);
    }

    @Test
    void usageErrorBecomesACommandExceptionAndTheConversationStaysInStep() throws Exception {
        int port = start(Map.of("x", channel -> {
            try {
                channel.getData("beep", java.time.Duration.ofSeconds(1), 1);
            } catch (AgiCommandException e) {
                seen.add(e.status());
            }
            channel.setVariable("AFTER", "yes");
        }));
        List<String> received = new ArrayList<>();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            for (String chunk : FakeAsterisk.call("x").envelope()) {
                out.write(chunk.getBytes(StandardCharsets.UTF_8));
            }
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            received.add(in.readLine());
            out.write(("520-Invalid command syntax.  Proper usage follows:\n"
                    + " Usage: GET DATA <file to be streamed> [timeout] [maxdigits]\n"
                    + "520 End of proper usage.\n").getBytes(StandardCharsets.UTF_8));
            received.add(in.readLine());
            out.write("200 result=1\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).isNull();
        }

        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo(520);
        assertThat(received).containsExactly("GET DATA beep 1000 1", "SET VARIABLE AFTER \"yes\"");
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(AgiEndpoint.class)).addAppender(logs);
        return logs;
    }

    private static void release(ListAppender<ILoggingEvent> logs) {
        ((Logger) LoggerFactory.getLogger(AgiEndpoint.class)).detachAppender(logs);
    }
}
