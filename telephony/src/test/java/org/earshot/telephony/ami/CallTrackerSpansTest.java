package org.earshot.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.KeypadSpan;
import org.earshot.telephony.MutedSpan;
import org.earshot.telephony.Party;
import org.junit.jupiter.api.Test;

/** Keypad runs and recording mutes as the tracker folds them, fed CallEvents; no sockets, no threads. */
class CallTrackerSpansTest {

    private static final String CALLER = "earshot-lab-1796396917.21";
    private static final String LINKED = "earshot-lab-1796396917.20";
    private static final String AGENT_LEG = "earshot-lab-1796396917.22";
    private static final Instant T0 = Instant.parse("2026-12-04T15:08:37Z");

    private final CallTracker tracker = new CallTracker();

    @Test
    void digitsMoreThanThreeSecondsApartAreTwoSpans() {
        answered();
        digit(CALLER, true, 3_000);
        digit(CALLER, true, 3_350);
        digit(CALLER, true, 6_450 + 100); // 3.1 s after the last end: a new run (an expiry date after the number)

        CallRecord call = hangUp(20_000);

        assertThat(call.keypadSpans()).containsExactly(
                new KeypadSpan(Party.CUSTOMER, at(3_000), at(3_450), 2),
                new KeypadSpan(Party.CUSTOMER, at(6_550), at(6_650), 1));
    }

    @Test
    void digitsSentToTheCallerChannelAreTheAgentSidesOwnRun() {
        answered();
        digit(CALLER, true, 3_000);
        digit(CALLER, false, 3_200); // interleaved: each party its own run

        CallRecord call = hangUp(20_000);

        assertThat(call.keypadSpans()).containsExactly(
                new KeypadSpan(Party.CUSTOMER, at(3_000), at(3_100), 1),
                new KeypadSpan(Party.AGENT, at(3_200), at(3_300), 1));
    }

    @Test
    void theSameDigitsOnTheAgentsLegsAreNotCountedAgain() {
        answered();
        for (int i = 0; i < 4; i++) {
            long t = 3_000 + i * 350L;
            feed(key(CALLER, true, false, t), key(AGENT_LEG, false, false, t), key(AGENT_LEG, true, false, t));
            feed(key(CALLER, true, true, t + 100), key(AGENT_LEG, false, true, t + 100), key(AGENT_LEG, true, true, t + 100));
        }

        CallRecord call = hangUp(20_000);

        assertThat(call.keypadSpans()).containsExactly(new KeypadSpan(Party.CUSTOMER, at(3_000), at(4_150), 4));
    }

    @Test
    void anEndWhoseBeginWasNotSeenCountsAsADigitThatBeganItsDurationEarlier() {
        answered();
        feed(key(CALLER, true, true, 3_100));

        CallRecord call = hangUp(20_000);

        assertThat(call.keypadSpans()).containsExactly(new KeypadSpan(Party.CUSTOMER, at(3_000), at(3_100), 1));
    }

    @Test
    void aDigitStillDownAtHangUpEndsWithTheCall() {
        answered();
        feed(key(CALLER, true, false, 3_000));

        CallRecord call = hangUp(9_000);

        assertThat(call.keypadSpans()).containsExactly(new KeypadSpan(Party.CUSTOMER, at(3_000), at(9_000), 1));
    }

    @Test
    void readWriteAndBothMuteEachPartyOnItsOwnAndAMuteOnAtHangUpEndsWithTheCall() {
        answered();
        feed(mute(CALLER, true, false, true, 3_000), mute(CALLER, true, true, true, 7_000),
                mute(CALLER, false, true, false, 11_000)); // write off: the customer stays muted

        CallRecord call = hangUp(19_000);

        assertThat(call.mutedSpans()).containsExactly(
                new MutedSpan(Party.CUSTOMER, at(3_000), at(19_000)),
                new MutedSpan(Party.AGENT, at(7_000), at(11_000)));
    }

    @Test
    void aMuteOfAnotherChannelDoesNotTouchTheCallersRecording() {
        answered();
        feed(mute(AGENT_LEG, true, true, true, 3_000));

        assertThat(hangUp(19_000).mutedSpans()).isEmpty();
    }

    @Test
    void keysAndMutesOfChannelsWeDoNotFollowAreIgnored() {
        feed(key("earshot-lab-1.1", true, false, 1_000), mute("earshot-lab-1.1", true, true, true, 1_000));

        assertThat(tracker.openCalls()).isZero();
    }

    @Test
    void aCallThatDialsItsAgentWithoutAQueueGetsItsSpansToo() {
        feed(new CallEvent.DialBegan(CALLER, at(0), LINKED, "PJSIP/trunk-00000001", "5550204", "Customer 5550204",
                        "8000", AGENT_LEG, "PJSIP/1001-00000002"),
                new CallEvent.DialEnded(CALLER, at(2_000), AGENT_LEG, "PJSIP/1001-00000002", "ANSWER"));
        digit(CALLER, true, 3_000);
        feed(mute(CALLER, true, true, true, 5_000));

        CallRecord call = hangUp(9_000);

        assertThat(call.queue()).as("a direct call").isNull();
        assertThat(call.keypadSpans()).containsExactly(new KeypadSpan(Party.CUSTOMER, at(3_000), at(3_100), 1));
        assertThat(call.mutedSpans()).containsExactly(new MutedSpan(Party.CUSTOMER, at(5_000), at(9_000)),
                new MutedSpan(Party.AGENT, at(5_000), at(9_000)));
    }

    private void answered() {
        feed(new CallEvent.CallerJoined(CALLER, T0, LINKED, "5550204", "Customer 5550204", "support"),
                new CallEvent.AgentConnected(CALLER, at(1_000), "Alice Agent", 1L));
    }

    private void digit(String channel, boolean received, long beginMillis) {
        feed(key(channel, received, false, beginMillis), key(channel, received, true, beginMillis + 100));
    }

    private static CallEvent key(String channel, boolean received, boolean end, long millis) {
        return new CallEvent.KeyPressed(channel, at(millis), LINKED, received, end, end ? 100 : null);
    }

    private static CallEvent mute(String channel, boolean read, boolean write, boolean muted, long millis) {
        return new CallEvent.MuteChanged(channel, at(millis), LINKED, read, write, muted);
    }

    private void feed(CallEvent... events) {
        for (CallEvent event : events) {
            assertThat(tracker.handle(event)).isEmpty();
        }
    }

    private CallRecord hangUp(long millis) {
        return tracker.handle(new CallEvent.ChannelHungUp(CALLER, at(millis), LINKED)).get(0);
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }
}
