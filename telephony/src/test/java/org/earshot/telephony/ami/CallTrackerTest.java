package org.earshot.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.Test;

/** The tracker alone, fed CallEvents the way the capture orders them; no sockets, no threads. */
class CallTrackerTest {

    private static final String CALLER = "earshot-lab-1795393059.1";
    private static final String MONITOR = "/opt/ast/var/spool/asterisk/monitor/20261123-001739-5550101-" + CALLER;
    private static final Instant T0 = Instant.parse("2026-11-23T00:17:39Z");

    private final CallTracker tracker = new CallTracker();

    @Test
    void anAnsweredCallTakesWaitFromAgentConnectAndTalkFromAgentCompleteAndEndsAtTheCallerHangup() {
        feed(recording(CALLER, MONITOR + "-stereo.raw"), recording(CALLER, MONITOR + ".wav"), join(CALLER, 0));
        feed(new CallEvent.AgentConnected(CALLER, at(6), "Alice Agent", 6L));
        feed(new CallEvent.AgentCompleted(CALLER, at(30), "Alice Agent", 6L, 24L, "caller"));

        CallRecord call = hangup(CALLER, 31).orElseThrow();

        assertThat(call.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(call.agent()).isEqualTo("Alice Agent");
        assertThat(call.waitSeconds()).isEqualTo(6.0);
        assertThat(call.talkSeconds()).isEqualTo(24.0);
        assertThat(call.enteredAt()).isEqualTo(T0);
        assertThat(call.answeredAt()).isEqualTo(at(6));
        assertThat(call.endedAt()).isEqualTo(at(31));
        assertThat(call.linkedId()).isEqualTo("earshot-lab-1795393059.0");
        assertThat(call.caller()).isEqualTo("5550101");
        assertThat(call.callerName()).isEqualTo("Customer 5550101");
        assertThat(call.queue()).isEqualTo("support");
        assertThat(call.recordingFile()).isEqualTo(MONITOR + "-stereo.raw");
        assertThat(tracker.openCalls()).isZero();
    }

    @Test
    void aCallerWhoHangsUpWhileWaitingIsAbandonedWithTheAbandonHoldTime() {
        feed(join(CALLER, 0), new CallEvent.CallerAbandoned(CALLER, at(10), 10));

        CallRecord call = hangup(CALLER, 10).orElseThrow();

        assertThat(call.outcome()).isEqualTo(CallOutcome.ABANDONED);
        assertThat(call.waitSeconds()).isEqualTo(10.0);
        assertThat(call.agent()).isNull();
        assertThat(call.answeredAt()).isNull();
        assertThat(call.talkSeconds()).isNull();
    }

    @Test
    void anAbandonFollowedByQueueStatusTimeoutIsATimeout() {
        // S3's order: QueueCallerAbandon (HoldTime 12), QueueCallerLeave, VarSet QUEUESTATUS=TIMEOUT, Hangup.
        feed(join(CALLER, 0), new CallEvent.CallerAbandoned(CALLER, at(12), 12),
                new CallEvent.VariableSet(CALLER, at(12), "QUEUESTATUS", "TIMEOUT"));

        CallRecord call = hangup(CALLER, 14).orElseThrow();

        assertThat(call.outcome()).isEqualTo(CallOutcome.TIMEOUT);
        assertThat(call.waitSeconds()).isEqualTo(12.0);
    }

    @Test
    void variablesAndHangupsOfChannelsThatNeverJoinedAQueueAreIgnored() {
        String agentLeg = "earshot-lab-1795393059.2";
        feed(new CallEvent.VariableSet(agentLeg, at(2), "QUEUESTATUS", "TIMEOUT"),
                recording(agentLeg, "/tmp/agent.wav"));

        assertThat(hangup(agentLeg, 3)).isEmpty();
        assertThat(hangup("earshot-lab-1795393270.35", 4)).as("S8b, AGI only").isEmpty();
        assertThat(tracker.openCalls()).isZero();
    }

    @Test
    void uniqueIdsWithoutASystemNameAreTrackedAsTheyCome() {
        String bare = "1795393059.1";
        feed(join(bare, 0), new CallEvent.AgentConnected(bare, at(2), "Bob Agent", 2L));
        assertThat(hangup(CALLER, 5)).as("a different id, though the same digits").isEmpty();

        CallRecord call = hangup(bare, 5).orElseThrow();

        assertThat(call.uniqueId()).isEqualTo(bare);
        assertThat(call.agent()).isEqualTo("Bob Agent");
    }

    @Test
    void withoutAStereoRawTheLastRecordingNamedIsKept() {
        feed(recording(CALLER, MONITOR + "-first.wav"), join(CALLER, 0), recording(CALLER, MONITOR + ".wav"));

        assertThat(hangup(CALLER, 5).orElseThrow().recordingFile()).isEqualTo(MONITOR + ".wav");
    }

    @Test
    void aCallWithoutRecordingHasNoRecordingFile() {
        feed(join(CALLER, 0));

        assertThat(hangup(CALLER, 5).orElseThrow().recordingFile()).isNull();
    }

    @Test
    void recordingsOfAChannelThatHungUpBeforeQueueingAreNotInheritedByALaterCall() {
        feed(recording(CALLER, "/old-stereo.raw"));
        assertThat(hangup(CALLER, 1)).isEmpty();
        feed(join(CALLER, 2));

        assertThat(hangup(CALLER, 3).orElseThrow().recordingFile()).isNull();
    }

    @Test
    void aRoutedQueueOfAChannelThatHungUpBeforeDiallingIsNotInheritedByALaterDirectCall() {
        feed(new CallEvent.VariableSet(CALLER, at(0), "EARSHOT_QUEUE", "support"));
        assertThat(hangup(CALLER, 1)).isEmpty();
        feed(new CallEvent.DialBegan(CALLER, at(2), "earshot-lab-1795393059.0", "Local/5550101@from-pstn-00000000;2",
                "5550101", "Customer 5550101", "5550101", "earshot-lab-1795393059.2", "PJSIP/1009-00000001"));

        CallRecord call = hangup(CALLER, 3).orElseThrow();

        assertThat(call.queue()).isNull();
        assertThat(call.queues()).isEmpty();
    }

    @Test
    void anotherHangupOfTheSameChannelAfterTheCallEndedEmitsNothing() {
        feed(join(CALLER, 0));
        assertThat(hangup(CALLER, 5)).isPresent();

        assertThat(hangup(CALLER, 6)).isEmpty();
    }

    @Test
    void aCallHandedOnIsNotHandedOnAgainWhenAllItsEventsComeAgain() {
        CallEvent[] events = {recording(CALLER, MONITOR + ".wav"), join(CALLER, 0),
                new CallEvent.AgentConnected(CALLER, at(6), "Alice Agent", 6L),
                new CallEvent.AgentCompleted(CALLER, at(30), "Alice Agent", 6L, 24L, "caller")};
        feed(events);
        assertThat(hangup(CALLER, 31)).isPresent();

        feed(events);

        assertThat(hangup(CALLER, 31)).isEmpty();
        assertThat(tracker.openCalls()).isZero();
    }

    @Test
    void eventsOfAnOpenCallSentAgainFromItsStartAddNoSecondLegHoldOrRecording() {
        CallEvent[] before = {recording(CALLER, MONITOR + ".wav"), join(CALLER, 0),
                new CallEvent.AgentConnected(CALLER, at(6), "Alice Agent", 6L),
                new CallEvent.HoldChanged(CALLER, at(10), "earshot-lab-1795393059.0", true),
                new CallEvent.HoldChanged(CALLER, at(15), "earshot-lab-1795393059.0", false)};
        feed(before);
        tracker.handle(new LinkEvent.LinkDown(at(16)));
        // The same events again, received later (no Timestamp header: only the receipt time differs).
        for (CallEvent event : before) {
            tracker.handle(withReceipt(event, at(40)));
            assertThat(tracker.repeated()).as("%s", event).isTrue();
        }
        feed(new CallEvent.AgentCompleted(CALLER, at(41), "Alice Agent", 6L, 24L, "caller"));

        CallRecord call = hangup(CALLER, 42).orElseThrow();

        assertThat(call.agents()).hasSize(1);
        assertThat(call.holdSeconds()).isEqualTo(5.0);
        assertThat(call.waitSeconds()).isEqualTo(6.0);
        assertThat(call.talkSeconds()).isEqualTo(24.0);
        assertThat(call.recordingFiles()).containsExactly(MONITOR + ".wav");
    }

    @Test
    void anOpenCallsEventsSentAgainWithoutADropChangeNothingEither() {
        CallEvent[] events = {join(CALLER, 0), new CallEvent.AgentConnected(CALLER, at(6), "Alice Agent", 6L),
                new CallEvent.HoldChanged(CALLER, at(10), "earshot-lab-1795393059.0", true),
                new CallEvent.HoldChanged(CALLER, at(15), "earshot-lab-1795393059.0", false)};
        feed(events);

        feed(events); // a proxy re-sends the stream on the same connection: its first event opens the match
        feed(new CallEvent.AgentCompleted(CALLER, at(41), "Alice Agent", 6L, 24L, "caller"));

        CallRecord call = hangup(CALLER, 42).orElseThrow();
        assertThat(call.agents()).hasSize(1);
        assertThat(call.holdSeconds()).isEqualTo(5.0);
        assertThat(call.enteredAt()).isEqualTo(T0);
    }

    @Test
    void aSecondHoldOfTheSameChannelAfterAReconnectIsNewAndCounts() {
        feed(join(CALLER, 0), new CallEvent.AgentConnected(CALLER, at(6), "Alice Agent", 6L),
                new CallEvent.HoldChanged(CALLER, at(10), "earshot-lab-1795393059.0", true),
                new CallEvent.HoldChanged(CALLER, at(15), "earshot-lab-1795393059.0", false));
        tracker.handle(new LinkEvent.LinkDown(at(16)));
        feed(new CallEvent.HoldChanged(CALLER, at(20), "earshot-lab-1795393059.0", true),
                new CallEvent.HoldChanged(CALLER, at(23), "earshot-lab-1795393059.0", false));

        CallRecord call = hangup(CALLER, 42).orElseThrow();

        assertThat(call.holdSeconds()).isEqualTo(8.0);
    }

    @Test
    void aQueueCallerFirstSeenWhenQueueRingsAMemberIsAQueueCallWithAsterisksWaitNotADirectCall() {
        // Its QueueCallerJoin was lost: Queue() ringing Alice (DialBegin) comes first, then AgentConnect.
        feed(new CallEvent.DialBegan(CALLER, at(20), "earshot-lab-1795393059.0", "Local/5550101@from-pstn-00000000;2",
                "5550101", "Customer 5550101", "5550101", "earshot-lab-1795393059.2", "Local/1001@agents-00000001;1"),
                new CallEvent.AgentConnected(CALLER, at(22), "Alice Agent", 14L, "Local/1001@agents/n", "support",
                        "earshot-lab-1795393059.0", "5550101"),
                new CallEvent.AgentCompleted(CALLER, at(46), "Alice Agent", 14L, 24L, "caller"));

        CallRecord call = hangup(CALLER, 47).orElseThrow();

        assertThat(call.queue()).isEqualTo("support");
        assertThat(call.agent()).isEqualTo("Alice Agent");
        assertThat(call.waitSeconds()).isEqualTo(14.0);
        assertThat(call.talkSeconds()).isEqualTo(24.0);
        assertThat(call.enteredAt()).isEqualTo(at(8));
        assertThat(call.caller()).isEqualTo("5550101");
        assertThat(call.partial()).as("its join was not seen").isTrue();
    }

    @Test
    void aCallSilentSinceTheDropEndsPartialWhenAsteriskWillNotListItsChannels() {
        String other = "earshot-lab-1795393091.5";
        feed(join(CALLER, 0), new CallEvent.AgentConnected(CALLER, at(6), "Alice Agent", 6L),
                new CallEvent.CallerJoined(other, at(7), "earshot-lab-1795393091.4", "5550102", null, "support"));
        tracker.handle(new LinkEvent.LinkDown(at(10)));
        tracker.handle(new LinkEvent.LinkUp(at(12)));
        feed(new CallEvent.AgentConnected(other, at(13), "Bob Agent", 6L));

        var closed = tracker.handle(new LinkEvent.ChannelsUnconfirmed(at(20)));

        assertThat(closed).extracting(CallRecord::uniqueId).containsExactly(CALLER);
        assertThat(closed.get(0).partial()).isTrue();
        assertThat(closed.get(0).agent()).isEqualTo("Alice Agent");
        assertThat(tracker.openCalls()).as("the call heard from since the drop stays open").isEqualTo(1);
        assertThat(hangup(CALLER, 30)).as("nothing twice").isEmpty();
    }

    @Test
    void theQueueLogGapEndsAtTheFirstCallEventAfterTheReconnectByItsOwnTime() {
        CallRecord inGap = ended("earshot-lab-1795393121.9", 5);
        CallRecord afterGap = ended("earshot-lab-1795393150.13", 20);
        Instant ourClock = Instant.parse("2026-12-04T15:00:00Z"); // an older day replayed: our clock is far ahead
        tracker.fillGap(List.of(inGap, afterGap), ourClock, at(10));

        var out = tracker.handle(join("earshot-lab-1795393160.1", 12));

        assertThat(out).containsExactly(inGap);
    }

    @Test
    void withoutACallEventAfterTheReconnectTheGapLastsAsLongAsTheLinkWasDown() {
        CallRecord inGap = ended("earshot-lab-1795393121.9", 5);
        CallRecord afterGap = ended("earshot-lab-1795393150.13", 20);
        Instant ourClock = Instant.parse("2026-12-04T15:00:00Z");
        tracker.fillGap(List.of(inGap, afterGap), ourClock, at(10));

        assertThat(tracker.tick(ourClock.plusSeconds(29))).isEmpty();
        assertThat(tracker.tick(ourClock.plus(CallTracker.QUIET_AFTER_RECONNECT).plusSeconds(1))).containsExactly(inGap);
        assertThat(tracker.tick(ourClock.plusSeconds(120))).as("handed on once").isEmpty();
    }

    private static CallRecord ended(String uniqueId, int second) {
        return CallRecord.builder(uniqueId, at(0), at(second), CallOutcome.ABANDONED).waitSeconds(second).build();
    }

    private static CallEvent withReceipt(CallEvent event, Instant at) {
        if (event instanceof CallEvent.VariableSet e) {
            return new CallEvent.VariableSet(e.uniqueId(), at, e.name(), e.value());
        } else if (event instanceof CallEvent.CallerJoined e) {
            return new CallEvent.CallerJoined(e.uniqueId(), at, e.linkedId(), e.caller(), e.callerName(), e.queue(),
                    e.exten(), e.position());
        } else if (event instanceof CallEvent.AgentConnected e) {
            return new CallEvent.AgentConnected(e.uniqueId(), at, e.agent(), e.holdSeconds(), e.agentInterface(),
                    e.queue(), e.linkedId(), e.caller());
        } else if (event instanceof CallEvent.HoldChanged e) {
            return new CallEvent.HoldChanged(e.uniqueId(), at, e.linkedId(), e.onHold());
        }
        throw new IllegalArgumentException("no copy for " + event);
    }

    private void feed(CallEvent... events) {
        for (CallEvent event : events) {
            assertThat(tracker.handle(event)).as("only a hangup ends a call").isEmpty();
        }
    }

    private Optional<CallRecord> hangup(String uniqueId, int second) {
        return tracker.handle(new CallEvent.ChannelHungUp(uniqueId, at(second))).stream().findFirst();
    }

    private static CallEvent join(String uniqueId, int second) {
        return new CallEvent.CallerJoined(uniqueId, at(second), "earshot-lab-1795393059.0", "5550101",
                "Customer 5550101", "support");
    }

    private static CallEvent recording(String uniqueId, String file) {
        return new CallEvent.VariableSet(uniqueId, T0, "MIXMONITOR_FILENAME", file);
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }
}
