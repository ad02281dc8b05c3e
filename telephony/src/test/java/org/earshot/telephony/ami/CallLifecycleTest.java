package org.earshot.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.HangupSide;
import org.earshot.telephony.RingAttempt;
import org.earshot.telephony.Transfer;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.Test;

/** The tracker's lifecycle details, fed events in the order the capture's scenarios send them. */
class CallLifecycleTest {

    private static final String CALLER = "earshot-lab-1795393183.19";
    private static final String LINKED = "earshot-lab-1795393183.18";
    private static final String AGENT_LEG_1 = "earshot-lab-1795393183.20";
    private static final String AGENT_LEG_2 = "earshot-lab-1795393183.21";
    private static final Instant T0 = Instant.parse("2026-11-23T00:19:43Z");

    private CallTracker tracker = new CallTracker();

    @Test
    void musicOnHoldOnTheAgentLegAfterAnswerIsHoldButMusicWhileQueuedIsNot() {
        // S5: MOH while waiting on the caller, answer, then 8 s of MOH on Alice's ;2 leg.
        feed(join(0), new CallEvent.HoldChanged(CALLER, at(0), LINKED, true),
                new CallEvent.HoldChanged(CALLER, at(2), LINKED, false), connect("Alice Agent", 2, 2L),
                new CallEvent.HoldChanged(AGENT_LEG_2, at(10), LINKED, true),
                new CallEvent.HoldChanged(AGENT_LEG_2, at(18), LINKED, false), complete("Alice Agent", 30, 28L, "caller"));

        CallRecord call = hangup(31);

        assertThat(call.holdSeconds()).isEqualTo(8.0);
        assertThat(call.talkSeconds()).isEqualTo(28.0);
        assertThat(call.handleSeconds()).as("talk (which spans the hold) + wrap-up 0 unknown").isEqualTo(28.0);
        assertThat(call.endedBy()).isEqualTo(HangupSide.CALLER);
    }

    @Test
    void overlappingHoldsOfTwoChannelsCountOnceAndAHeldChannelThatHangsUpStopsHolding() {
        // S6b: Hold on the agent's ;1, MOH on the caller, MOH stops at the transfer, the ;1 hangs up later.
        feed(join(0), connect("Alice Agent", 2, 2L), new CallEvent.HoldChanged(AGENT_LEG_1, at(7), LINKED, true),
                new CallEvent.HoldChanged(CALLER, at(7), LINKED, true),
                new CallEvent.HoldChanged(CALLER, at(15), LINKED, false),
                new CallEvent.Transferred(CALLER, at(18), true, "2001@transfer-target"),
                complete("Alice Agent", 18, 16L, "transfer"),
                new CallEvent.ChannelHungUp(AGENT_LEG_1, at(18), LINKED));

        CallRecord call = hangup(40);

        assertThat(call.holdSeconds()).isEqualTo(11.0);
        assertThat(call.transfers()).containsExactly(
                new Transfer(Transfer.Kind.ATTENDED, "Alice Agent", "2001@transfer-target", at(18)));
        assertThat(call.endedBy()).isEqualTo(HangupSide.TRANSFER);
        assertThat(call.agents()).singleElement().satisfies(a -> {
            assertThat(a.agent()).isEqualTo("Alice Agent");
            assertThat(a.share()).isEqualTo(1.0);
        });
    }

    @Test
    void aRingNoAnswerIsKeptAndTheNextAgentAnswers() {
        // S4: Alice rings 8000 ms, Bob answers after 11 s of waiting.
        feed(join(0), new CallEvent.RingNoAnswer(CALLER, at(8), "Alice Agent", "Local/1001@agents/n", 8000L),
                connect("Bob Agent", 11, 11L), complete("Bob Agent", 32, 21L, "caller"));

        CallRecord call = hangup(32);

        assertThat(call.ringAttempts()).containsExactly(new RingAttempt("Alice Agent", "Local/1001@agents/n", 8000));
        assertThat(call.agent()).isEqualTo("Bob Agent");
        assertThat(call.waitSeconds()).isEqualTo(11.0);
        assertThat(call.joinPosition()).isEqualTo(1);
        assertThat(call.dnis()).isEqualTo("5550106");
    }

    @Test
    void aTransferToAnotherQueueKeepsOneRecordWithBothQueuesAndEachAgentsShare() {
        feed(join(0), connect("Alice Agent", 2, 2L), complete("Alice Agent", 12, 10L, "transfer"),
                new CallEvent.CallerJoined(CALLER, at(12), LINKED, "5550106", null, "sales", "5550106", 1),
                connect("Bob Agent", 15, 3L), complete("Bob Agent", 45, 30L, "agent"));

        CallRecord call = hangup(45);

        assertThat(call.queues()).containsExactly("support", "sales");
        assertThat(call.queue()).isEqualTo("support");
        assertThat(call.agent()).isEqualTo("Alice Agent");
        assertThat(call.talkSeconds()).isEqualTo(40.0);
        assertThat(call.agents()).extracting(a -> a.agent() + " " + a.share())
                .containsExactly("Alice Agent 0.25", "Bob Agent 0.75");
        assertThat(call.endedBy()).isEqualTo(HangupSide.AGENT);
    }

    @Test
    void anAbandonKeepsThePositionTheCallerLeftFrom() {
        feed(join(0), new CallEvent.CallerAbandoned(CALLER, at(10), 10, 3));

        CallRecord call = hangup(10);

        assertThat(call.outcome()).isEqualTo(CallOutcome.ABANDONED);
        assertThat(call.abandonPosition()).isEqualTo(3);
        assertThat(call.holdSeconds()).isNull();
        assertThat(call.handleSeconds()).isNull();
        assertThat(call.endedBy()).isEqualTo(HangupSide.CALLER);
    }

    @Test
    void aCallerTimedOutOfOneQueueWhoLeavesTheNextWithAKeyIsAnExitWithKeyAtThatQueuesPosition() {
        // Each Queue() ends as app_queue ends it: a timeout with QueueCallerAbandon, QueueCallerLeave and
        // QUEUESTATUS=TIMEOUT; a key press with QueueCallerLeave alone.
        feed(join(0), new CallEvent.CallerAbandoned(CALLER, at(12), 12, 1),
                new CallEvent.CallerLeft(CALLER, at(12), "support", 1),
                new CallEvent.VariableSet(CALLER, at(12), "QUEUESTATUS", "TIMEOUT"),
                new CallEvent.CallerJoined(CALLER, at(13), LINKED, "5550106", null, "sales", "5550106", 3),
                new CallEvent.CallerLeft(CALLER, at(20), "sales", 2));

        CallRecord call = hangup(25);

        assertThat(call.outcome()).isEqualTo(CallOutcome.EXIT_WITH_KEY);
        assertThat(call.abandonPosition()).isEqualTo(2);
        assertThat(call.queues()).containsExactly("support", "sales");
        assertThat(call.endedBy()).isEqualTo(HangupSide.SYSTEM);
    }

    @Test
    void queueWrapUpTimeComesFromTheMembersWrapuptime() {
        feed(member("Alice Agent", 1, null, 15), join(1), connect("Alice Agent", 3, 2L),
                complete("Alice Agent", 20, 17L, "caller"));

        CallRecord call = hangup(20);

        assertThat(call.wrapUpSeconds()).isEqualTo(15.0);
        assertThat(call.handleSeconds()).isEqualTo(32.0);
    }

    @Test
    void withPauseAfterCallTheRecordWaitsForTheUnpauseAndWrapUpRunsFromTheCallsEnd() {
        tracker = new CallTracker(new WrapUpRule(WrapUpRule.Mode.PAUSE_AFTER_CALL, Duration.ofSeconds(5),
                Duration.ofMinutes(10)));
        feed(join(0), connect("Alice Agent", 2, 2L), complete("Alice Agent", 20, 18L, "caller"));
        assertThat(tracker.handle(new CallEvent.ChannelHungUp(CALLER, at(20)))).as("waits for the wrap-up").isEmpty();
        feed(member("Alice Agent", 22, true, null));

        List<CallRecord> done = tracker.handle(member("Alice Agent", 65, false, null));

        assertThat(done).singleElement().satisfies(call -> {
            assertThat(call.wrapUpSeconds()).isEqualTo(45.0);
            assertThat(call.handleSeconds()).isEqualTo(63.0);
        });
    }

    @Test
    void withPauseAfterCallNoPauseWithinTheWindowMeansNoWrapUp() {
        tracker = new CallTracker(new WrapUpRule(WrapUpRule.Mode.PAUSE_AFTER_CALL, Duration.ofSeconds(5),
                Duration.ofMinutes(10)));
        feed(join(0), connect("Alice Agent", 2, 2L), complete("Alice Agent", 20, 18L, "caller"));
        assertThat(tracker.handle(new CallEvent.ChannelHungUp(CALLER, at(20)))).isEmpty();

        assertThat(tracker.tick(at(26))).singleElement()
                .satisfies(call -> assertThat(call.wrapUpSeconds()).isEqualTo(0.0));
    }

    @Test
    void aCallWhoseChannelIsGoneAfterAReconnectEndsPartialAtTheResync() {
        feed(join(0), connect("Alice Agent", 6, 6L), new LinkEvent.LinkDown(at(10)),
                new LinkEvent.ChannelListed(at(40), "other", "other", "SIP/x", "Dial", null, null, 5));

        List<CallRecord> done = tracker.handle(new LinkEvent.ChannelListComplete(at(40)));

        assertThat(done).singleElement().satisfies(call -> {
            assertThat(call.partial()).isTrue();
            assertThat(call.outcome()).isEqualTo(CallOutcome.ANSWERED);
            assertThat(call.agent()).isEqualTo("Alice Agent");
            assertThat(call.waitSeconds()).isEqualTo(6.0);
            assertThat(call.talkSeconds()).as("AgentComplete was missed").isNull();
            assertThat(call.endedAt()).isEqualTo(at(40));
        });
    }

    @Test
    void aCallStillUpAfterAReconnectCompletesNormallyFromAsterisksOwnTimes() {
        feed(join(0), connect("Alice Agent", 6, 6L), new LinkEvent.LinkDown(at(10)),
                new LinkEvent.ChannelListed(at(12), CALLER, LINKED, "Local/x;2", "Queue", "5550106", "5550106", 12),
                new LinkEvent.ChannelListComplete(at(12)), complete("Alice Agent", 30, 24L, "caller"));

        CallRecord call = hangup(30);

        assertThat(call.partial()).isFalse();
        assertThat(call.talkSeconds()).isEqualTo(24.0);
    }

    @Test
    void aCallerAlreadyQueuedAtLoginIsFollowedAndMarkedPartial() {
        feed(new LinkEvent.ChannelListed(at(30), CALLER, LINKED, "Local/x;2", "Queue", "5550106", "5550106", 12),
                new LinkEvent.ChannelListComplete(at(30)), connect("Bob Agent", 33, 15L));

        CallRecord call = hangup(40);

        assertThat(call.partial()).isTrue();
        assertThat(call.enteredAt()).isEqualTo(at(18));
        assertThat(call.waitSeconds()).isEqualTo(15.0);
    }

    private void feed(AmiEvent... events) {
        for (AmiEvent event : events) {
            assertThat(tracker.handle(event)).as("only a hangup ends a call").isEmpty();
        }
    }

    private CallRecord hangup(int second) {
        return tracker.handle(new CallEvent.ChannelHungUp(CALLER, at(second), LINKED)).get(0);
    }

    private static CallEvent join(int second) {
        return new CallEvent.CallerJoined(CALLER, at(second), LINKED, "5550106", "Customer 5550106", "support",
                "5550106", 1);
    }

    private static CallEvent connect(String agent, int second, Long hold) {
        return new CallEvent.AgentConnected(CALLER, at(second), agent, hold, null, "support", LINKED, "5550106");
    }

    private static CallEvent complete(String agent, int second, Long talk, String reason) {
        return new CallEvent.AgentCompleted(CALLER, at(second), agent, null, talk, reason, null, "support");
    }

    private static MemberEvent member(String agent, int second, Boolean paused, Integer wrapUp) {
        return new MemberEvent.MemberSeen(at(second), "support", agent, null, paused, null, 1, false, 0, wrapUp, false);
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }
}
