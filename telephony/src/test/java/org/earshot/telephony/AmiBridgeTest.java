package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A real AmiBridge (and so the real Asterisk-Java client) against the replay peer on a loopback socket. */
class AmiBridgeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String USER = "earshot";
    private static final String SECRET = "earshot-secret";
    private static final Instant NOW = Instant.parse("2026-11-23T00:30:00Z");
    private static final List<String> SESSION = AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01));

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<CallRecord> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> sinkThreads = new ConcurrentHashMap<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        rootLogger().addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        rootLogger().detachAppender(logs);
    }

    @Test
    void replayingTheRealSessionYieldsExactlyTheQueueCallsOfTheFacts() throws Exception {
        List<ExpectedFacts> facts = ExpectedFacts.queuedCalls();
        assertThat(facts).hasSize(9);
        CountDownLatch allCalls = new CountDownLatch(facts.size());
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(SESSION).credentials(USER, SECRET).start();
             AmiBridge bridge = new AmiBridge(settings(peer.port(), SECRET), clock, call -> {
                 sinkThreads.put(call.uniqueId(), Thread.currentThread().getName());
                 calls.add(call);
                 allCalls.countDown();
             })) {
            bridge.start();

            assertThat(peer.awaitReplayComplete(TIMEOUT)).as("whole capture sent").isTrue();
            assertThat(allCalls.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("9 calls seen").isTrue();
            awaitTrue(bridge::isConnected);
        }

        // close() has drained the queue: nothing beyond the 9 queued calls (S8b never queued).
        assertThat(calls).extracting(CallRecord::uniqueId)
                .containsExactlyElementsOf(facts.stream().map(ExpectedFacts::callerUniqueId).toList());
        Map<String, CallRecord> byId = calls.stream().collect(Collectors.toMap(CallRecord::uniqueId, Function.identity()));
        for (ExpectedFacts expected : facts) {
            CallRecord call = byId.get(expected.callerUniqueId());
            assertThat(call.outcome()).as(expected.scenario()).isEqualTo(expected.outcome());
            assertThat(call.linkedId()).as(expected.scenario()).isEqualTo(expected.linkedId());
            assertThat(call.caller()).as(expected.scenario()).isEqualTo(expected.caller());
            assertThat(call.callerName()).as(expected.scenario()).isEqualTo("Customer " + expected.caller());
            assertThat(call.queue()).as(expected.scenario()).isEqualTo(expected.queue());
            assertThat(call.agent()).as(expected.scenario()).isEqualTo(expected.agent());
            assertThat(call.waitSeconds()).as(expected.scenario()).isEqualTo(expected.waitSeconds());
            assertThat(call.talkSeconds()).as(expected.scenario()).isEqualTo(expected.talkSeconds());
            // No Timestamp headers in the capture (timestampevents=off): instants are the injected clock's.
            assertThat(call.enteredAt()).isEqualTo(NOW);
            assertThat(call.endedAt()).isEqualTo(NOW);
            assertThat(call.recordingFile()).as(expected.scenario())
                    .startsWith("/opt/ast/var/spool/asterisk/monitor/")
                    .contains(expected.callerUniqueId())
                    .endsWith("-stereo.raw");
            if (expected.outcome() == CallOutcome.ANSWERED) {
                assertThat(call.answeredAt()).isEqualTo(NOW);
            } else {
                assertThat(call.answeredAt()).isNull();
            }
        }
        assertThat(byId.get("earshot-lab-1795393121.9").outcome()).as("S2").isEqualTo(CallOutcome.ABANDONED);
        assertThat(byId.get("earshot-lab-1795393133.11").outcome()).as("S3").isEqualTo(CallOutcome.TIMEOUT);
        assertThat(sinkThreads.values()).containsOnly("earshot-ami-calls");
    }

    @Test
    void aWrongSecretIsRetriedWithoutThrowingConnectingOrLoggingTheSecret() {
        String wrong = "not-the-earshot-secret";
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(SESSION).credentials(USER, SECRET).start();
             AmiBridge bridge = new AmiBridge(settings(peer.port(), wrong), clock, calls::add)) {
            assertThatCode(bridge::start).doesNotThrowAnyException();

            assertThat(peer.awaitLoginAttempts(2, TIMEOUT)).as("a second login attempt").isTrue();
            assertThat(bridge.isConnected()).isFalse();
            assertThat(peer.logins()).isZero();
        }
        assertThat(calls).isEmpty();
        assertThat(logs.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("login as earshot"));
        assertThat(logs.list).allSatisfy(event -> assertThat(rendered(event)).doesNotContain(wrong));
    }

    @Test
    void aDroppedConnectionIsDetectedAndLoggedInAgain() {
        // Dropping while Asterisk-Java is still inside login() stalls it for its response timeout (its
        // login holds the lock its event pump needs), so the drop comes once the login has finished.
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(SESSION).credentials(USER, SECRET)
                .replayAfterAction("CoreSettings").dropFirstSessionAfter(200).start();
             AmiBridge bridge = new AmiBridge(settings(peer.port(), SECRET), clock, calls::add)) {
            bridge.start();

            assertThat(peer.awaitLogins(2, TIMEOUT)).as("logged in again after the drop").isTrue();
            assertThat(peer.awaitReplayComplete(TIMEOUT)).isTrue();
            awaitTrue(bridge::isConnected);
            assertThat(peer.logins()).as("Asterisk-Java's own reconnect loop stayed off").isEqualTo(2);
        }
        assertThat(logs.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("dropped"));
    }

    @Test
    void closeLogsOffFromAsterisk() {
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(List.of()).credentials(USER, SECRET).start()) {
            AmiBridge bridge = new AmiBridge(settings(peer.port(), SECRET), clock, calls::add);
            bridge.start();
            awaitTrue(bridge::isConnected);

            bridge.close();

            assertThat(bridge.isConnected()).isFalse();
            assertThat(peer.awaitAction("Logoff", TIMEOUT)).isTrue();
            assertThat(peer.logins()).isEqualTo(1);
        }
    }

    @Test
    void anUnreachableAsteriskIsRetriedAndDoesNotHoldUpClose() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        AmiBridge bridge = new AmiBridge(settings(closedPort, SECRET), clock, calls::add);
        assertThatCode(bridge::start).doesNotThrowAnyException();
        awaitTrue(() -> logs.list.stream().filter(e -> e.getFormattedMessage().contains("cannot reach")).count() >= 2);
        assertThat(bridge.isConnected()).isFalse();

        long started = System.nanoTime();
        bridge.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    private static AmiSettings settings(int port, String secret) {
        return new AmiSettings("127.0.0.1", port, USER, secret, Duration.ofMillis(20));
    }

    private static Logger rootLogger() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static String rendered(ILoggingEvent event) {
        String throwable = event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
        return event.getFormattedMessage() + throwable;
    }

    /** Polls a condition every few milliseconds until it holds; fails after {@link #TIMEOUT}. */
    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", TIMEOUT).isLessThan(deadline);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
