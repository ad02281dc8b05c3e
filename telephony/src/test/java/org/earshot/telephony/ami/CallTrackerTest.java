package org.earshot.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
    void eventsOfChannelsThatNeverJoinedAQueueAreIgnored() {
        String agentLeg = "earshot-lab-1795393059.2";
        feed(new CallEvent.AgentConnected(agentLeg, at(1), "Alice Agent", 6L),
                new CallEvent.CallerAbandoned(agentLeg, at(2), 3),
                new CallEvent.VariableSet(agentLeg, at(2), "QUEUESTATUS", "TIMEOUT"),
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
