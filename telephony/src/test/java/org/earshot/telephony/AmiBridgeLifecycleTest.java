package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.earshot.telephony.testing.TimedCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real session replayed with the lab's own times as Timestamp headers (timestampevents=yes), so hold
 * and the rest of the lifecycle come out in real seconds. Expected values are the capture README's facts.
 */
class AmiBridgeLifecycleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:30:00Z"), ZoneOffset.UTC);
    private static Map<String, CallRecord> calls;
    private static List<AgentState> board;
    private static List<String> boardThreads = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void replayTheTimedSession() throws Exception {
        List<String> events = TimedCapture.events(AmiCapture.resource(TimedCapture.SESSION_01_LOG));
        List<CallRecord> seen = new CopyOnWriteArrayList<>();
        CountDownLatch nine = new CountDownLatch(9);
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(events).start();
             AmiBridge bridge = new AmiBridge(new AmiSettings("127.0.0.1", peer.port(), "earshot", "earshot-secret",
                     Duration.ofMillis(20)), WrapUpRule.DEFAULT, CLOCK, ZoneOffset.UTC, call -> {
                         seen.add(call);
                         nine.countDown();
                     })) {
            // Carol's QueueMemberRemoved is the capture's last event: once it is applied, the board is complete.
            CountDownLatch lastEvent = new CountDownLatch(1);
            bridge.agentBoard().subscribe(state -> {
                boardThreads.add(Thread.currentThread().getName());
                if (state.agent().equals("Carol Agent") && state.activity() == AgentActivity.LOGGED_OUT) {
                    lastEvent.countDown();
                }
            });
            bridge.start();
            assertThat(peer.awaitReplayComplete(TIMEOUT)).isTrue();
            assertThat(nine.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(lastEvent.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("Carol logged off").isTrue();
            bridge.close();
            board = bridge.agentBoard().snapshot();
        }
        calls = seen.stream().collect(Collectors.toMap(CallRecord::uniqueId, Function.identity()));
    }

    @Test
    void musicOnHoldPlayedByTheAgentIsEightSecondsOfHoldInS5() {
        assertThat(call("S5").holdSeconds()).isCloseTo(8.0, within(1.0));
    }

    @Test
    void theAttendedTransferPutTheCallerOnHoldForPartOfTheTalkInS6b() {
        CallRecord s6b = call("S6b");
        assertThat(s6b.holdSeconds()).isPositive().isLessThan(s6b.talkSeconds());
        assertThat(s6b.transfers()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Transfer.Kind.ATTENDED);
            assertThat(t.target()).isEqualTo("2001@transfer-target");
            assertThat(t.fromAgent()).isEqualTo("Alice Agent");
        });
        assertThat(s6b.endedBy()).isEqualTo(HangupSide.TRANSFER);
    }

    @Test
    void theBlindTransferKeepsOneRecordWithItsTargetInS6() {
        CallRecord s6 = call("S6");
        assertThat(s6.transfers()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Transfer.Kind.BLIND);
            assertThat(t.target()).isEqualTo("2000@transfer-target");
        });
        assertThat(s6.endedBy()).isEqualTo(HangupSide.TRANSFER);
        assertThat(s6.holdSeconds()).as("S6's lone Unhold is no hold").isZero();
    }

    @Test
    void callsWithoutHoldHaveZeroHoldAndUnansweredCallsNone() {
        for (String scenario : List.of("S1a", "S1b", "S4", "S8")) {
            assertThat(call(scenario).holdSeconds()).as(scenario).isZero();
        }
        assertThat(call("S2").holdSeconds()).isNull();
        assertThat(call("S3").holdSeconds()).isNull();
    }

    @Test
    void whoEndedTheCallFollowsAgentCompletesReason() {
        assertThat(call("S1a").endedBy()).isEqualTo(HangupSide.CALLER);
        assertThat(call("S1b").endedBy()).isEqualTo(HangupSide.AGENT);
        assertThat(call("S2").endedBy()).isEqualTo(HangupSide.CALLER);
    }

    @Test
    void aliceRangEightSecondsWithoutAnsweringBeforeBobTookS4() {
        CallRecord s4 = call("S4");
        assertThat(s4.ringAttempts()).containsExactly(new RingAttempt("Alice Agent", "Local/1001@agents/n", 8000));
        assertThat(s4.agents()).extracting(AgentTalk::agent, AgentTalk::agentInterface, AgentTalk::talkSeconds,
                AgentTalk::share).containsExactly(org.assertj.core.groups.Tuple.tuple("Bob Agent",
                "Local/1002@agents/n", 21.0, 1.0));
    }

    @Test
    void everyCallKnowsItsQueueDialledNumberAndPositions() {
        for (ExpectedFacts fact : ExpectedFacts.queuedCalls()) {
            CallRecord call = calls.get(fact.callerUniqueId());
            assertThat(call.queues()).as(fact.scenario()).containsExactly("support");
            assertThat(call.dnis()).as(fact.scenario()).isEqualTo(fact.caller()); // from-pstn runs on the caller number
            assertThat(call.joinPosition()).as(fact.scenario()).isEqualTo(1);
            assertThat(call.partial()).as(fact.scenario()).isFalse();
            assertThat(call.recordingChannels()).as(fact.scenario()).containsExactly("customer", "agent");
        }
        assertThat(call("S2").abandonPosition()).isEqualTo(1);
        assertThat(call("S3").abandonPosition()).isEqualTo(1);
    }

    @Test
    void wrapUpIsTheLabQueuesWrapuptimeOfZeroSoHandleEqualsTalk() {
        for (String scenario : List.of("S1a", "S1b", "S4", "S5", "S6", "S6b", "S8")) {
            CallRecord call = call(scenario);
            assertThat(call.wrapUpSeconds()).as(scenario).isZero();
            assertThat(call.handleSeconds()).as(scenario).isEqualTo(call.talkSeconds());
        }
    }

    @Test
    void theBoardCountsEachAgentsCallsAndTalkAsTheQueueLogDoes() {
        Map<String, AgentState> byName = board.stream().collect(Collectors.toMap(AgentState::agent, s -> s));
        assertThat(byName.get("Alice Agent").today().callsHandled()).isEqualTo(5);
        assertThat(byName.get("Alice Agent").today().talkSeconds()).isEqualTo(99.0);
        assertThat(byName.get("Bob Agent").today().callsHandled()).isEqualTo(2);
        assertThat(byName.get("Bob Agent").today().talkSeconds()).isEqualTo(36.0);
        assertThat(byName.get("Alice Agent").activity()).isEqualTo(AgentActivity.AVAILABLE);
        assertThat(byName.get("Bob Agent").activity()).isEqualTo(AgentActivity.AVAILABLE);
        assertThat(byName.get("Carol Agent").activity()).as("QueueRemove at S7 end ").isEqualTo(AgentActivity.LOGGED_OUT);
        assertThat(byName.get("Bob Agent").today().pauseSeconds()).as("paused twice, ~10 s and ~28 s").isPositive();
        assertThat(boardThreads).isNotEmpty().containsOnly("earshot-ami-calls");
    }

    private static CallRecord call(String scenario) {
        return ExpectedFacts.queuedCalls().stream().filter(f -> f.scenario().equals(scenario))
                .map(f -> calls.get(f.callerUniqueId())).findFirst().orElseThrow();
    }
}
