package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.Test;

/**
 * Inbound calls that {@code Dial()} an agent without a queue, through the real Asterisk-Java client.
 *
 * <p>The lab capture has no direct call, so the messages here are the capture's own, adapted: every
 * {@code DialBegin} is S1a's (Alice's leg rung by the queue for {@code Local/5550101@from-pstn-00000000;2}),
 * every {@code DialEnd} is S1a's {@code ANSWER}, or S4's {@code NOANSWER} / {@code CANCEL} for Alice, and every
 * {@code Hangup} is S1a's caller hang-up; channel names, uniqueids, linkedids and caller numbers are
 * renamed per call (see {@link Call}), and a {@code Timestamp:} header is added (timestampevents=yes) so ring
 * and talk come out in seconds. The three {@code QueueMemberAdded} events are the capture's, unchanged:
 * they tell the bridge which interface is which agent. The route script's {@code EARSHOT_QUEUE} is S8's
 * {@code VarSet} of {@code ROUTE_QUEUE}, which Asterisk sent for the lab's own route script's
 * {@code SET VARIABLE ROUTE_QUEUE "support"} on the caller channel, with only its Variable changed (and the
 * names renamed per call like the others).
 */
class AmiBridgeDirectCallTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:30:00Z"), ZoneOffset.UTC);
    private static final Instant T0 = Instant.ofEpochSecond(1795393400);
    private static final List<String> SESSION = AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01));

    private static final String S1A_DIAL_BEGIN = find("Event: DialBegin", "Uniqueid: earshot-lab-1795393059.1");
    private static final String S1A_DIAL_END = find("Event: DialEnd", "Uniqueid: earshot-lab-1795393059.1");
    private static final String S1A_CALLER_HANGUP = find("Event: Hangup", "Uniqueid: earshot-lab-1795393059.1");
    private static final String S4_NOANSWER = find("Event: DialEnd", "DialStatus: NOANSWER");
    private static final String S4_CANCEL = find("Event: DialEnd", "DialStatus: CANCEL");
    private static final String ROUTED_FOR_SUPPORT = find("Event: VarSet", "Variable: ROUTE_QUEUE")
            .replace("\r\nVariable: ROUTE_QUEUE\r\n", "\r\nVariable: EARSHOT_QUEUE\r\n");

    private final BlockingQueue<CallRecord> calls = new LinkedBlockingQueue<>();

    @Test
    void aCallThatDialsAnAgentWithoutAQueueIsRecordedWithRingTimeAsWaitAndTheMembersName() throws Exception {
        Call call = new Call("5550201", "00000020", "1795393400.40", "Local/1001@agents-00000021", "1795393400.42");
        List<String> events = members();
        events.add(call.adapt(S1A_DIAL_BEGIN, 0));
        events.add(call.adapt(S1A_DIAL_END, 5));
        events.add(call.adapt(S1A_CALLER_HANGUP, 35));

        CallRecord record = replay(events, 1).get(0);

        assertThat(record.uniqueId()).isEqualTo("earshot-lab-1795393400.41");
        assertThat(record.linkedId()).isEqualTo("earshot-lab-1795393400.40");
        assertThat(record.queue()).as("no route script named a queue").isNull();
        assertThat(record.queues()).isEmpty();
        assertThat(record.agent()).isEqualTo("Alice Agent");
        assertThat(record.agents()).containsExactly(new AgentTalk("Alice Agent", "Local/1001@agents/n", 30.0, 1.0));
        assertThat(record.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(record.waitSeconds()).isEqualTo(5.0);
        assertThat(record.talkSeconds()).isEqualTo(30.0);
        assertThat(record.handleSeconds()).isEqualTo(30.0);
        assertThat(record.holdSeconds()).isZero();
        assertThat(record.enteredAt()).isEqualTo(T0);
        assertThat(record.answeredAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(record.endedAt()).isEqualTo(T0.plusSeconds(35));
        assertThat(record.caller()).isEqualTo("5550201");
        assertThat(record.callerName()).isEqualTo("Customer 5550201");
        assertThat(record.dnis()).isEqualTo("5550201");
        assertThat(record.endedBy()).isEqualTo(HangupSide.CALLER);
        assertThat(record.partial()).isFalse();
    }

    @Test
    void aCallTheRouteScriptSentStraightToAnAgentCountsForTheQueueItWasRoutedFor() throws Exception {
        Call call = new Call("5550201", "00000020", "1795393400.40", "Local/1001@agents-00000021", "1795393400.42");
        List<String> events = members();
        events.add(call.adapt(ROUTED_FOR_SUPPORT, 0)); // the AGI ran before Dial()
        events.add(call.adapt(S1A_DIAL_BEGIN, 0));
        events.add(call.adapt(S1A_DIAL_END, 5));
        events.add(call.adapt(S1A_CALLER_HANGUP, 35));

        CallRecord record = replay(events, 1).get(0);

        assertThat(record.uniqueId()).isEqualTo("earshot-lab-1795393400.41");
        assertThat(record.queue()).isEqualTo("support");
        assertThat(record.queues()).containsExactly("support");
        assertThat(record.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(record.agent()).isEqualTo("Alice Agent");
        assertThat(record.waitSeconds()).isEqualTo(5.0);
    }

    @Test
    void theAgentsOwnLegDiallingItsPhoneIsPartOfTheCallNotASecondCall() throws Exception {
        Call call = new Call("5550201", "00000020", "1795393400.40", "Local/1001@agents-00000021", "1795393400.42");
        // S1a's DialBegin once more, now from Alice's ;2 leg (same linkedid) to her phone PJSIP/1001.
        String agentLegDials = call.adapt(S1A_DIAL_BEGIN, 1)
                .replace("Channel: Local/5550201@from-pstn-00000020;2", "Channel: Local/1001@agents-00000021;2")
                .replace("Uniqueid: earshot-lab-1795393400.41", "Uniqueid: earshot-lab-1795393400.43")
                .replace("DestChannel: Local/1001@agents-00000021;1", "DestChannel: PJSIP/1001-00000022")
                .replace("DestUniqueid: earshot-lab-1795393400.42", "DestUniqueid: earshot-lab-1795393400.44");
        List<String> events = members();
        events.add(call.adapt(S1A_DIAL_BEGIN, 0));
        events.add(agentLegDials);
        events.add(call.adapt(S1A_DIAL_END, 5));
        events.add(call.adapt(S1A_CALLER_HANGUP, 35));

        List<CallRecord> records = replay(events, 1);

        assertThat(records).extracting(CallRecord::uniqueId).containsExactly("earshot-lab-1795393400.41");
        assertThat(calls.poll(300, TimeUnit.MILLISECONDS)).as("no second record").isNull();
    }

    @Test
    void aDeviceThatRingsOutIsARingAttemptAndTheCallTimesOutWithoutAnAgent() throws Exception {
        Call call = new Call("5550202", "00000023", "1795393400.50", "PJSIP/1009-00000024", "1795393400.52");
        List<String> events = members();
        events.add(call.adapt(S1A_DIAL_BEGIN, 0));
        events.add(call.adapt(S4_NOANSWER, 20));
        events.add(call.adapt(S1A_CALLER_HANGUP, 25));

        CallRecord record = replay(events, 1).get(0);

        assertThat(record.outcome()).as("the caller did not give up: Dial rang out").isEqualTo(CallOutcome.TIMEOUT);
        assertThat(record.queue()).isNull();
        assertThat(record.agent()).isNull();
        assertThat(record.agents()).isEmpty();
        assertThat(record.waitSeconds()).as("the ring time").isEqualTo(20.0);
        assertThat(record.talkSeconds()).isNull();
        assertThat(record.holdSeconds()).isNull();
        assertThat(record.ringAttempts()).containsExactly(new RingAttempt("PJSIP/1009", "PJSIP/1009", 20_000));
        assertThat(record.endedBy()).as("Dial's own timeout").isEqualTo(HangupSide.SYSTEM);
    }

    @Test
    void aPhoneDialledByItsExtensionIsTheMemberWhoseInterfaceHasThatExtension() throws Exception {
        Call call = new Call("5550204", "00000027", "1795393400.70", "PJSIP/1002-00000028", "1795393400.72");
        List<String> events = members();
        events.add(call.adapt(S1A_DIAL_BEGIN, 0));
        events.add(call.adapt(S1A_DIAL_END, 3));
        events.add(call.adapt(S1A_CALLER_HANGUP, 13));

        CallRecord record = replay(events, 1).get(0);

        assertThat(record.agents()).containsExactly(new AgentTalk("Bob Agent", "Local/1002@agents/n", 10.0, 1.0));
        assertThat(record.waitSeconds()).isEqualTo(3.0);
    }

    @Test
    void aCallerWhoHangsUpWhileTheAgentRingsHasAbandonedAfterTheRingTime() throws Exception {
        Call call = new Call("5550203", "00000025", "1795393400.60", "Local/1002@agents-00000026", "1795393400.62");
        List<String> events = members();
        events.add(call.adapt(S1A_DIAL_BEGIN, 0));
        events.add(call.adapt(S4_CANCEL, 4));
        events.add(call.adapt(S1A_CALLER_HANGUP, 4));

        CallRecord record = replay(events, 1).get(0);

        assertThat(record.outcome()).isEqualTo(CallOutcome.ABANDONED);
        assertThat(record.waitSeconds()).isEqualTo(4.0);
        assertThat(record.ringAttempts()).as("CANCEL is the caller's doing, not a ring-no-answer").isEmpty();
        assertThat(record.endedBy()).isEqualTo(HangupSide.CALLER);
    }

    @Test
    void aMemberRungWithoutAQueueRingsThenTalksOnTheAgentBoardAndIsFreeAfterTheCall() throws Exception {
        Call call = new Call("5550201", "00000020", "1795393400.40", "Local/1001@agents-00000021", "1795393400.42");
        List<String> events = members();
        events.add(call.adapt(S1A_DIAL_BEGIN, 0));
        events.add(call.adapt(S1A_DIAL_END, 5));
        events.add(call.adapt(S1A_CALLER_HANGUP, 35));
        BlockingQueue<AgentState> alice = new LinkedBlockingQueue<>();
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(events).start();
             AmiBridge bridge = new AmiBridge(new AmiSettings("127.0.0.1", peer.port(), "earshot", "earshot-secret",
                     Duration.ofMillis(20)), WrapUpRule.DEFAULT, CLOCK, ZoneOffset.UTC, calls::add)) {
            bridge.agentBoard().subscribe(state -> {
                if (state.agent().equals("Alice Agent")) {
                    alice.add(state);
                }
            });
            bridge.start();

            List<AgentState> seen = new ArrayList<>();
            while (seen.isEmpty() || seen.get(seen.size() - 1).today().callsHandled() == 0) {
                AgentState next = alice.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(next).as("Alice's next state after %s", seen).isNotNull();
                seen.add(next);
            }

            assertThat(seen).extracting(AgentState::activity).containsExactly(AgentActivity.AVAILABLE,
                    AgentActivity.RINGING, AgentActivity.ON_CALL, AgentActivity.AVAILABLE);
            assertThat(seen.get(1)).satisfies(ringing -> {
                assertThat(ringing.since()).isEqualTo(T0);
                assertThat(ringing.caller()).isEqualTo("5550201");
                assertThat(ringing.callId()).isEqualTo("earshot-lab-1795393400.41");
            });
            assertThat(seen.get(2).since()).isEqualTo(T0.plusSeconds(5));
            assertThat(seen.get(3).since()).isEqualTo(T0.plusSeconds(35));
            assertThat(seen.get(3).today().talkSeconds()).isEqualTo(30.0);
            assertThat(bridge.agentBoard().agent("Bob Agent")).get()
                    .satisfies(bob -> assertThat(bob.activity()).isEqualTo(AgentActivity.AVAILABLE));
        }
    }

    @Test
    void aDeviceThatIsNoMemberDoesNotAppearOnTheAgentBoard() throws Exception {
        Call call = new Call("5550202", "00000023", "1795393400.50", "PJSIP/1009-00000024", "1795393400.52");
        List<String> events = members();
        events.add(call.adapt(S1A_DIAL_BEGIN, 0));
        events.add(call.adapt(S4_NOANSWER, 20));
        events.add(call.adapt(S1A_CALLER_HANGUP, 25));
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(events).start();
             AmiBridge bridge = new AmiBridge(new AmiSettings("127.0.0.1", peer.port(), "earshot", "earshot-secret",
                     Duration.ofMillis(20)), WrapUpRule.DEFAULT, CLOCK, ZoneOffset.UTC, calls::add)) {
            bridge.start();
            assertThat(calls.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
            bridge.close(); // applies what is queued

            assertThat(bridge.agentBoard().snapshot()).extracting(AgentState::agent)
                    .containsExactly("Alice Agent", "Bob Agent", "Carol Agent");
        }
    }

    private List<CallRecord> replay(List<String> events, int expected) throws Exception {
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(events).start();
             AmiBridge bridge = new AmiBridge(new AmiSettings("127.0.0.1", peer.port(), "earshot", "earshot-secret",
                     Duration.ofMillis(20)), WrapUpRule.DEFAULT, CLOCK, ZoneOffset.UTC, calls::add)) {
            bridge.start();
            List<CallRecord> out = new ArrayList<>();
            for (int i = 0; i < expected; i++) {
                CallRecord record = calls.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(record).as("call %d of %d", i + 1, expected).isNotNull();
                out.add(record);
            }
            return out;
        }
    }

    private static List<String> members() {
        return new ArrayList<>(SESSION.stream().filter(e -> e.startsWith("Event: QueueMemberAdded\r\n")).toList());
    }

    private static String find(String event, String line) {
        return SESSION.stream().filter(e -> e.startsWith(event + "\r\n") && (e + "\r\n").contains("\r\n" + line + "\r\n"))
                .findFirst().orElseThrow(() -> new IllegalStateException(event + " with " + line));
    }

    /**
     * A direct call's names: S1a's (S4's, S8's) caller channel, uniqueids and caller number, and the member
     * leg of the S1a / S4 message being adapted, are replaced by these.
     */
    private record Call(String number, String counter, String linkedId, String destChannel, String destUniqueId) {

        String adapt(String message, int secondsAfterT0) {
            Map<String, String> renames = new LinkedHashMap<>();
            renames.put("Local/5550101@from-pstn-00000000", "Local/" + number + "@from-pstn-" + counter);
            renames.put("Local/5550105@from-pstn-00000006", "Local/" + number + "@from-pstn-" + counter);
            renames.put("Local/5550108@from-pstn-00000010", "Local/" + number + "@from-pstn-" + counter);
            renames.put("Local/1001@agents-00000001;1", destChannel + (destChannel.startsWith("Local/") ? ";1" : ""));
            renames.put("Local/1001@agents-00000007;1", destChannel + (destChannel.startsWith("Local/") ? ";1" : ""));
            renames.put("earshot-lab-1795393059.2", "earshot-lab-" + destUniqueId);
            renames.put("earshot-lab-1795393150.14", "earshot-lab-" + destUniqueId);
            renames.put("earshot-lab-1795393059.1", "earshot-lab-" + next(linkedId));
            renames.put("earshot-lab-1795393150.13", "earshot-lab-" + next(linkedId));
            renames.put("earshot-lab-1795393267.33", "earshot-lab-" + next(linkedId));
            renames.put("earshot-lab-1795393059.0", "earshot-lab-" + linkedId);
            renames.put("earshot-lab-1795393150.12", "earshot-lab-" + linkedId);
            renames.put("earshot-lab-1795393267.32", "earshot-lab-" + linkedId);
            renames.put("5550101", number);
            renames.put("5550105", number);
            renames.put("5550108", number);
            String out = message;
            for (var rename : renames.entrySet()) {
                out = out.replace(rename.getKey(), rename.getValue());
            }
            Instant at = T0.plusSeconds(secondsAfterT0);
            int firstLineEnd = out.indexOf("\r\n");
            return out.substring(0, firstLineEnd + 2)
                    + String.format(Locale.ROOT, "Timestamp: %d.%06d\r\n", at.getEpochSecond(), 0)
                    + out.substring(firstLineEnd + 2);
        }

        private static String next(String uniqueId) {
            int dot = uniqueId.lastIndexOf('.');
            return uniqueId.substring(0, dot + 1) + (Integer.parseInt(uniqueId.substring(dot + 1)) + 1);
        }
    }
}
