package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.earshot.telephony.SupervisorActions.Failure;
import org.earshot.telephony.SupervisorActions.Phone;
import org.earshot.telephony.SupervisorActions.QueueOutcome;
import org.earshot.telephony.SupervisorActions.Spy;
import org.earshot.telephony.SupervisorActions.SpyMode;
import org.earshot.telephony.SupervisorActions.SpyOutcome;
import org.earshot.telephony.testing.ActionsCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.Test;

/**
 * Listen, whisper, barge, pause, unpause and remove through the real Asterisk-Java client against session
 * {@code ami-actions-01}: the peer replays what a real Asterisk 22 sent up to the lab's action, and answers our
 * action with what Asterisk answered the lab's (the captured response and the events after it, with our ActionID).
 * The fields our client sends are compared with the lab client's ({@code ami-actions-01.client.raw}); ActionIDs
 * differ by design. Times are the README's (Scenario A and B).
 */
class SupervisorActionsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ActionsCapture LAB = ActionsCapture.load();
    /** The lab's supervisor phone and the caller id it showed. */
    private static final Phone LAB_PHONE = new Phone("Local/3001@supervisor", "\"Supervisor 3001\" <3001>");
    private static final String ALICE = "Alice Agent";
    private static final String ALICE_LEG = "Local/1001@agents-00000001;1";
    private static final String ALICE_LEG_ID = "earshot-lab-1796396843.2";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-04T15:07:26Z"));

    @Test
    void listenOriginatesChanSpyOnTheAgentsBridgedLegWithTheLabsFieldsAndStartsOnChanSpyStart() throws Exception {
        try (var lab = replayUpTo("earshot-007", "Originate", a -> LAB.answer("earshot-007", a.get("actionid")))) {
            SpyOutcome outcome = lab.spy(SpyMode.LISTEN).outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome).isEqualTo(new SpyOutcome.Started(ALICE, SpyMode.LISTEN,
                    "Local/3001@supervisor-00000002;1", ALICE_LEG, ALICE_LEG_ID));
            // SPY_SECS was the lab dialplan's own timer (how long its fake supervisor "spoke"); Earshot sends only SPY_MODE.
            assertThat(sorted(lab.sent("Originate"))).isEqualTo(sorted(without(LAB.clientAction("earshot-007"),
                    "variable: SPY_SECS=5")));
        }
    }

    @Test
    void whisperSendsOptionsQwAndStarts() throws Exception {
        try (var lab = replayUpTo("earshot-008", "Originate", a -> LAB.answer("earshot-008", a.get("actionid")))) {
            SpyOutcome outcome = lab.spy(SpyMode.WHISPER).outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome).isEqualTo(new SpyOutcome.Started(ALICE, SpyMode.WHISPER,
                    "Local/3001@supervisor-00000003;1", ALICE_LEG, ALICE_LEG_ID));
            assertThat(sorted(lab.sent("Originate"))).isEqualTo(sorted(without(LAB.clientAction("earshot-008"),
                    "variable: SPY_SECS=5")));
        }
    }

    @Test
    void bargeSendsOptionsQBigBAndStarts() throws Exception {
        try (var lab = replayUpTo("earshot-009", "Originate", a -> LAB.answer("earshot-009", a.get("actionid")))) {
            SpyOutcome outcome = lab.spy(SpyMode.BARGE).outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome).isEqualTo(new SpyOutcome.Started(ALICE, SpyMode.BARGE,
                    "Local/3001@supervisor-00000004;1", ALICE_LEG, ALICE_LEG_ID));
            assertThat(sorted(lab.sent("Originate"))).isEqualTo(sorted(without(LAB.clientAction("earshot-009"),
                    "variable: SPY_SECS=30")));
        }
    }

    @Test
    void aSpyTargetThatIsGoneIsReportedAfterTheTimeoutAndTheSupervisorLegIsHungUp() throws Exception {
        // Asterisk's answer when ChanSpy finds nothing to spy on (the lab's 011): queued, answered, no ChanSpyStart.
        try (var lab = replayUpTo("earshot-007", "Originate", a -> LAB.answer("earshot-011", a.get("actionid")))) {
            Spy spy = lab.spy(SpyMode.LISTEN);

            assertThat(spy.answered().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("Local/3001@supervisor-00000005;1");
            clock.advance(SupervisorActions.SPY_START_TIMEOUT.minusMillis(1));
            assertThat(spy.outcome()).isNotDone();
            clock.advance(Duration.ofMillis(1));
            SpyOutcome outcome = spy.outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome).isInstanceOf(SpyOutcome.NotStarted.class);
            assertThat(outcome.words()).isEqualTo("Your phone answered, but Alice Agent's call was not there to listen"
                    + " to within 5 s (it may just have ended); Earshot hung up your phone");
            assertThat(lab.peer.awaitAction("Hangup", WAIT)).isTrue();
            // The lab hung up its barge leg the same way (earshot-010).
            assertThat(LAB.clientAction("earshot-010")).containsExactly("action: Hangup",
                    "channel: Local/3001@supervisor-00000004;1");
            assertThat(lab.sent("Hangup")).containsExactly("action: Hangup", "channel: Local/3001@supervisor-00000005;1");
        }
    }

    @Test
    void aSupervisorPhoneThatDoesNotExistFailsWithOriginateResponseFailureInWords() throws Exception {
        try (var lab = replayUpTo("earshot-007", "Originate", a -> LAB.answer("earshot-012", a.get("actionid")))) {
            Spy spy = lab.supervisor().spy(ALICE, SpyMode.LISTEN, new Phone("Local/4999@supervisor",
                    "\"Supervisor 4999\" <4999>"));
            SpyOutcome outcome = spy.outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome).isEqualTo(new SpyOutcome.Failed(Failure.PHONE_FAILED, "Asterisk could not call your phone"
                    + " Local/4999@supervisor: check the phone in your profile (no such extension, or the phone is not"
                    + " registered)"));
            assertThat(spy.answered()).isNotDone();
            assertThat(sorted(lab.sent("Originate"))).isEqualTo(sorted(with(LAB.clientAction("earshot-012"),
                    "variable: SPY_MODE=listen")));
        }
    }

    @Test
    void anOriginateErrorResponseFailsAtOnceInWords() throws Exception {
        // The lab's 013 (the same missing phone without Async) was answered Response: Error, Originate failed.
        try (var lab = replayUpTo("earshot-007", "Originate", a -> LAB.answer("earshot-013", a.get("actionid")))) {
            SpyOutcome outcome = lab.supervisor().spy(ALICE, SpyMode.LISTEN, new Phone("Local/4999@supervisor", null))
                    .outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome).isInstanceOfSatisfying(SpyOutcome.Failed.class,
                    failed -> assertThat(failed.failure()).isEqualTo(Failure.PHONE_FAILED));
        }
    }

    @Test
    void anOriginateTheAmiUserMayNotSendIsRefusedNamingTheWriteClass() throws Exception {
        try (var lab = replayUpTo("earshot-007", "Originate",
                a -> "Response: Error\r\nActionID: " + a.get("actionid") + "\r\nMessage: Permission denied\r\n\r\n")) {
            SpyOutcome outcome = lab.spy(SpyMode.LISTEN).outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome).isEqualTo(new SpyOutcome.Failed(Failure.REFUSED, "Asterisk refused Originate: Earshot's"
                    + " AMI user may not send it (manager.conf: write = originate)"));
        }
    }

    @Test
    void aSpyWaitingForThePhoneWhenTheLinkDropsFailsInWords() throws Exception {
        // Queued, then Asterisk goes away before the phone answers (no OriginateResponse ever comes).
        try (var lab = replayUpTo("earshot-007", "Originate", a -> "Response: Success\r\nActionID: " + a.get("actionid")
                + "\r\nMessage: Originate successfully queued\r\n\r\n")) {
            Spy spy = lab.spy(SpyMode.LISTEN);
            assertThat(lab.peer.awaitAction("Originate", WAIT)).isTrue();

            lab.peer.close();

            assertThat(spy.outcome().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new SpyOutcome.Failed(
                    Failure.NOT_CONNECTED, "The connection to Asterisk dropped before the answer came"));
        }
    }

    @Test
    void anAgentWhoIsNotOnACallCannotBeSpiedOnAndNothingIsSent() throws Exception {
        try (var lab = replayUpTo("earshot-007", "Originate", a -> LAB.answer("earshot-007", a.get("actionid")))) {
            SpyOutcome outcome = lab.supervisor().spy("Bob Agent", SpyMode.LISTEN, LAB_PHONE).outcome().getNow(null);

            assertThat(outcome).isEqualTo(new SpyOutcome.Failed(Failure.NO_CALL, "Bob Agent is not on a call (available)"));
            assertThat(lab.supervisor().spy("Nobody", SpyMode.LISTEN, LAB_PHONE).outcome().getNow(null))
                    .isEqualTo(new SpyOutcome.Failed(Failure.UNKNOWN_AGENT, "There is no agent named Nobody on the wall"));
            assertThat(lab.peer.actions()).doesNotContain("originate");
        }
    }

    @Test
    void pauseWithAReasonSendsTheLabsQueuePauseAndSucceeds() throws Exception {
        try (var lab = replayUpTo("earshot-015", "QueuePause", a -> LAB.answer("earshot-015", a.get("actionid")))) {
            QueueOutcome outcome = lab.supervisor().pause("Bob Agent", "support", "lunch")
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome).isEqualTo(new QueueOutcome(null, "Interface paused successfully"));
            assertThat(sorted(lab.sent("QueuePause"))).isEqualTo(sorted(LAB.clientAction("earshot-015")));
        }
    }

    @Test
    void unpauseSendsTheLabsQueuePauseWithoutAReason() throws Exception {
        try (var lab = replayUpTo("earshot-015", "QueuePause", a -> LAB.answer("earshot-017", a.get("actionid")))) {
            QueueOutcome outcome = lab.supervisor().unpause("Bob Agent", "support").get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome).isEqualTo(new QueueOutcome(null, "Interface unpaused successfully"));
            assertThat(sorted(lab.sent("QueuePause"))).isEqualTo(sorted(LAB.clientAction("earshot-017")));
        }
    }

    @Test
    void removeSendsTheLabsQueueRemoveAndSucceeds() throws Exception {
        try (var lab = replayUpTo("earshot-015", "QueueRemove", a -> LAB.answer("earshot-018", a.get("actionid")))) {
            QueueOutcome outcome = lab.supervisor().remove("Carol Agent", "support").get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome).isEqualTo(new QueueOutcome(null, "Removed interface from queue"));
            assertThat(sorted(lab.sent("QueueRemove"))).isEqualTo(sorted(LAB.clientAction("earshot-018")));
        }
    }

    @Test
    void pausingANonMemberIsRefusedInWords() throws Exception {
        try (var lab = replayUpTo("earshot-015", "QueuePause", a -> LAB.answer("earshot-019", a.get("actionid")))) {
            QueueOutcome outcome = lab.supervisor().pause("Bob Agent", "support", "lunch")
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome).isEqualTo(new QueueOutcome(Failure.NOT_MEMBER,
                    "Bob Agent (Local/1002@agents/n) is not a member of queue support"));
        }
    }

    @Test
    void removingAnAgentTwiceIsRefusedInWords() throws Exception {
        try (var lab = replayUpTo("earshot-015", "QueueRemove", a -> LAB.answer("earshot-020", a.get("actionid")))) {
            QueueOutcome outcome = lab.supervisor().remove("Carol Agent", "support").get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome).isEqualTo(new QueueOutcome(Failure.NOT_MEMBER,
                    "Carol Agent (Local/1003@agents/n) is not in queue support"));
        }
    }

    @Test
    void withoutAConnectionNothingIsSentAndTheSupervisorIsToldSo() throws Exception {
        try (var bridge = new AmiBridge(new AmiSettings("127.0.0.1", 1, "earshot", "x", Duration.ofSeconds(5)), clock,
                call -> { })) {
            assertThat(bridge.supervisorActions().pause("Bob Agent", "support", "lunch").getNow(null).failure())
                    .as("unknown before any login").isEqualTo(Failure.UNKNOWN_AGENT);
            assertThat(bridge.supervisorActions().spy(ALICE, SpyMode.LISTEN, LAB_PHONE).outcome().getNow(null))
                    .isInstanceOfSatisfying(SpyOutcome.Failed.class, f -> assertThat(f.failure()).isEqualTo(Failure.UNKNOWN_AGENT));
        }
    }

    /**
     * A bridge logged in to a peer that has replayed the lab's events before {@code labId} (Alice is on a call with
     * the customer, Bob and Carol are members of support) and answers {@code action} with {@code reply}.
     */
    private Lab replayUpTo(String labId, String action, Function<java.util.Map<String, String>, String> reply)
            throws InterruptedException {
        AmiReplayPeer peer = AmiReplayPeer.replaying(LAB.eventsBefore(labId)).replayAfterAction("CoreSettings")
                .replyingTo(action, reply).start();
        AmiBridge bridge = new AmiBridge(new AmiSettings("127.0.0.1", peer.port(), "earshot", "earshot-secret",
                Duration.ofMillis(50)), WrapUpRule.DEFAULT, clock, ZoneId.of("UTC"), call -> { });
        CountDownLatch ready = new CountDownLatch(1);
        boolean spyScenario = labId.compareTo("earshot-010") < 0;
        bridge.agentBoard().subscribe(state -> {
            boolean aliceTalking = state.agent().equals(ALICE) && state.activity() == AgentActivity.ON_CALL;
            boolean carolFree = state.agent().equals("Carol Agent") && state.activity() == AgentActivity.AVAILABLE;
            if (spyScenario ? aliceTalking : carolFree && bridge.agentBoard().agent("Bob Agent").isPresent()) {
                ready.countDown();
            }
        });
        bridge.start();
        assertThat(peer.awaitReplayComplete(WAIT)).isTrue();
        assertThat(ready.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the board shows the lab's agents").isTrue();
        return new Lab(peer, bridge);
    }

    private static List<String> sorted(List<String> fields) {
        return fields.stream().sorted().toList();
    }

    private static List<String> without(List<String> fields, String field) {
        assertThat(fields).contains(field);
        List<String> rest = new ArrayList<>(fields);
        rest.remove(field);
        return rest;
    }

    private static List<String> with(List<String> fields, String field) {
        List<String> more = new ArrayList<>(fields);
        more.add(field);
        return more;
    }

    /** The peer and the bridge of one test. */
    private record Lab(AmiReplayPeer peer, AmiBridge bridge) implements AutoCloseable {
        SupervisorActions supervisor() {
            return bridge.supervisorActions();
        }

        Spy spy(SpyMode mode) {
            return supervisor().spy(ALICE, mode, LAB_PHONE);
        }

        /** The fields of the one action of that name our client sent (ActionID left out). */
        List<String> sent(String action) {
            List<List<String>> sent = peer.rawActions().stream().map(ActionsCapture::fields)
                    .filter(f -> f.get(0).toLowerCase(Locale.ROOT).equals("action: " + action.toLowerCase(Locale.ROOT)))
                    .toList();
            assertThat(sent).as("%s actions sent", action).hasSize(1);
            return sent.get(0);
        }

        @Override
        public void close() {
            bridge.close();
            peer.close();
        }
    }

    /** A clock the test moves; safe to read from the bridge's threads. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

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
