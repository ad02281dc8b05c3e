package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.Test;

/** Connection faults against the replay peer: drops mid-call, refused logins, an Asterisk restart, odd events. */
class AmiBridgeFaultsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> SESSION = AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01));
    private static final String S1A = "earshot-lab-1795393059.1";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:30:00Z"), ZoneOffset.UTC);

    private final BlockingQueue<CallRecord> calls = new LinkedBlockingQueue<>();

    @Test
    void aCallWhoseSocketDroppedMidCallAndIsGoneAfterTheReconnectIsCompletedAsPartial() throws Exception {
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(SESSION).replayAfterAction("CoreShowChannels")
                .dropFirstSessionAfter(firstIndexOf("Event: AgentComplete")).thenReplaying(List.of())
                .answering("CoreShowChannels", login -> List.of()).start();
             AmiBridge bridge = bridge(peer.port())) {
            bridge.start();

            CallRecord s1a = calls.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(peer.logins()).isEqualTo(2);
            assertThat(s1a).isNotNull();
            assertThat(s1a.uniqueId()).isEqualTo(S1A);
            assertThat(s1a.partial()).isTrue();
            assertThat(s1a.agent()).isEqualTo("Alice Agent");
            assertThat(s1a.waitSeconds()).isEqualTo(6.0);
            assertThat(s1a.talkSeconds()).as("its AgentComplete was lost with the connection").isNull();
        }
    }

    @Test
    void aCallStillUpAfterTheReconnectIsCompletedFromAsterisksLaterEventsAndIsNotPartial() throws Exception {
        int drop = firstIndexOf("Event: AgentComplete");
        String callerListed = "Event: CoreShowChannel\r\nChannel: Local/5550101@from-pstn-00000000;2\r\n"
                + "CallerIDNum: 5550101\r\nExten: 5550101\r\nUniqueid: " + S1A + "\r\nLinkedid: earshot-lab-1795393059.0\r\n"
                + "Application: Queue\r\nApplicationData: support,t,,,\r\nDuration: 00:00:20";
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(SESSION).replayAfterAction("CoreShowChannels")
                .dropFirstSessionAfter(drop).thenReplaying(SESSION.subList(drop, SESSION.size()))
                .answering("CoreShowChannels", login -> login == 1 ? List.of() : List.of(callerListed)).start();
             AmiBridge bridge = bridge(peer.port())) {
            bridge.start();

            CallRecord s1a = calls.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(s1a.uniqueId()).isEqualTo(S1A);
            assertThat(s1a.partial()).isFalse();
            assertThat(s1a.talkSeconds()).isEqualTo(24.0);
            assertThat(s1a.waitSeconds()).isEqualTo(6.0);
        }
    }

    @Test
    void aRefusedLoginIsRetriedUntilAsteriskAcceptsItAndNoCallIsLost() throws Exception {
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(SESSION).rejectFirstLogins(2).start();
             AmiBridge bridge = bridge(peer.port())) {
            bridge.start();

            List<CallRecord> all = take(9);

            assertThat(peer.loginAttempts()).isEqualTo(3);
            assertThat(all).extracting(CallRecord::uniqueId)
                    .containsExactlyElementsOf(ExpectedFacts.queuedCalls().stream().map(ExpectedFacts::callerUniqueId).toList());
        }
    }

    @Test
    void afterAnAsteriskRestartOnTheSamePortTheBridgeLogsInAgainAndClosesTheCallThatDied() throws Exception {
        AmiReplayPeer before = AmiReplayPeer.replaying(SESSION.subList(0, firstIndexOf("Event: AgentComplete")))
                .replayAfterAction("CoreShowChannels").start();
        int port = before.port();
        try (AmiBridge bridge = bridge(port)) {
            bridge.start();
            assertThat(before.awaitReplayComplete(TIMEOUT)).isTrue();
            before.close(); // Asterisk goes down with S1a in progress
            try (AmiReplayPeer after = AmiReplayPeer.replaying(List.of()).port(port)
                    .answering("CoreShowChannels", login -> List.of()).start()) {

                CallRecord s1a = calls.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

                assertThat(after.logins()).isEqualTo(1);
                assertThat(s1a.uniqueId()).isEqualTo(S1A);
                assertThat(s1a.partial()).isTrue();
            }
        }
    }

    @Test
    void unknownEventTypesUserEventsAndUnknownFieldsAreSkippedWithoutLosingACall() throws Exception {
        List<String> events = new ArrayList<>();
        events.add("Event: EarshotFromTheFuture\r\nPrivilege: call,all\r\nSomething: 42");
        events.add("Event: UserEvent\r\nPrivilege: user,all\r\nUserEvent: SurveyDone\r\nScore: 5");
        for (String event : SESSION) {
            events.add(event.startsWith("Event: AgentConnect\r\n") ? event + "\r\nBrandNewField: yes" : event);
        }
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(events).start(); AmiBridge bridge = bridge(peer.port())) {
            bridge.start();

            assertThat(take(9)).hasSize(9);
            assertThat(peer.logins()).as("the connection was never dropped").isEqualTo(1);
        }
    }

    @Test
    void theAgentBoardIsRebuiltFromQueueStatusAfterLogin() throws Exception {
        // The QueueStatus answer of S2 (ActionID earshot-025): all three paused, Bob for a meeting.
        List<String> members = SESSION.stream().filter(e -> e.startsWith("Event: QueueMember\r\n")
                && e.contains("ActionID: earshot-025")).map(e -> e.replace("\r\nActionID: earshot-025", "")).toList();
        assertThat(members).hasSize(3);
        CountDownLatch three = new CountDownLatch(3);
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(List.of()).answering("QueueStatus", login -> members).start();
             AmiBridge bridge = bridge(peer.port())) {
            bridge.agentBoard().subscribe(state -> three.countDown());
            bridge.start();
            assertThat(three.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

            List<AgentState> wall = bridge.agentBoard().snapshot();

            assertThat(wall).extracting(AgentState::agent).containsExactly("Alice Agent", "Bob Agent", "Carol Agent");
            assertThat(wall).allSatisfy(a -> {
                assertThat(a.activity()).isEqualTo(AgentActivity.PAUSED);
                assertThat(a.queues()).containsExactly("support");
            });
            assertThat(wall).extracting(AgentState::pauseReason).containsExactly("break", "meeting", "break");
            assertThat(wall.get(0).agentInterface()).isEqualTo("Local/1001@agents/n");
        }
    }

    private AmiBridge bridge(int port) {
        return new AmiBridge(new AmiSettings("127.0.0.1", port, "earshot", "earshot-secret", Duration.ofMillis(20)),
                WrapUpRule.DEFAULT, CLOCK, ZoneOffset.UTC, calls::add);
    }

    private List<CallRecord> take(int n) throws InterruptedException {
        List<CallRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CallRecord call = calls.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(call).as("call %d of %d", i + 1, n).isNotNull();
            out.add(call);
        }
        return out;
    }

    private static int firstIndexOf(String prefix) {
        for (int i = 0; i < SESSION.size(); i++) {
            if (SESSION.get(i).startsWith(prefix + "\r\n")) {
                return i;
            }
        }
        throw new IllegalStateException(prefix);
    }
}
