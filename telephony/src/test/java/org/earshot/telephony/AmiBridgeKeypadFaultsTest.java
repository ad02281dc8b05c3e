package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.earshot.telephony.AmiBridgeKeypadTest.C;
import static org.earshot.telephony.AmiBridgeKeypadTest.D;
import static org.earshot.telephony.AmiBridgeKeypadTest.E;
import static org.earshot.telephony.AmiBridgeKeypadTest.SESSION;
import static org.earshot.telephony.AmiBridgeKeypadTest.byId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.earshot.telephony.testing.ChannelsUp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Session ami-actions-01 with the link dropped in the middle of scenario D's keypad burst and every event sent
 * again, or with DTMFEnd events lost: the spans are those of the clean replay, never doubled, and a digit whose
 * end was lost still ends inside the span (at the next event of the call, or at its end).
 */
class AmiBridgeKeypadFaultsTest {

    /** The same session as the raw capture has it: no Timestamp headers, every event stamped on receipt. */
    private static final List<String> RAW = AmiCapture.events(AmiCapture.resource(AmiCapture.ACTIONS_01));

    private static CallRecord cleanC;
    private static CallRecord cleanD;

    private final BlockingQueue<CallRecord> calls = new LinkedBlockingQueue<>();

    @BeforeAll
    static void cleanRun() throws Exception {
        BlockingQueue<CallRecord> out = new LinkedBlockingQueue<>();
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(SESSION).start();
             AmiBridge bridge = AmiBridgeKeypadTest.bridge(peer.port(), out)) {
            bridge.start();
            List<CallRecord> all = AmiBridgeKeypadTest.take(out, 4);
            cleanC = byId(all, C);
            cleanD = byId(all, D);
        }
        assertThat(cleanD.keypadSpans()).hasSize(1);
        assertThat(cleanC.mutedSpans()).hasSize(2);
    }

    @Test
    void aDropInTheMiddleOfTheBurstThenEveryEventSentAgainGivesTheCleanSpansOnce() throws Exception {
        int drop = indexOf(SESSION, "Event: DTMFEnd", "Uniqueid: " + D, 8) + 1;
        List<CallRecord> seen = replay(AmiReplayPeer.replaying(SESSION).replayAfterAction("CoreShowChannels")
                .dropFirstSessionAfter(drop).thenReplaying(SESSION)
                .answering("CoreShowChannels", login -> ChannelsUp.after(SESSION, login == 1 ? 0 : drop)));

        assertThat(seen).extracting(CallRecord::uniqueId).doesNotHaveDuplicates();
        assertThat(byId(seen, D).keypadSpans()).isEqualTo(cleanD.keypadSpans());
        assertThat(byId(seen, C).mutedSpans()).isEqualTo(cleanC.mutedSpans());
        assertThat(byId(seen, D).partial()).isFalse();
    }

    @Test
    void withoutTimestampHeadersEveryEventSentAgainStillCountsSixteenDigitsInOneSpan() throws Exception {
        int drop = indexOf(RAW, "Event: DTMFEnd", "Uniqueid: " + D, 8) + 1;
        List<CallRecord> seen = replay(AmiReplayPeer.replaying(RAW).replayAfterAction("CoreShowChannels")
                .dropFirstSessionAfter(drop).thenReplaying(RAW)
                .answering("CoreShowChannels", login -> ChannelsUp.after(RAW, login == 1 ? 0 : drop)));

        assertThat(seen).extracting(CallRecord::uniqueId).doesNotHaveDuplicates();
        assertThat(byId(seen, D).keypadSpans()).singleElement().satisfies(span -> {
            assertThat(span.party()).isEqualTo(Party.CUSTOMER);
            assertThat(span.digits()).isEqualTo(16);
        });
        assertThat(byId(seen, C).mutedSpans()).extracting(MutedSpan::party).containsExactly(Party.CUSTOMER, Party.AGENT);
    }

    @Test
    void aDigitWhoseEndWasLostMidBurstEndsAtTheNextDigitAndTheSpanIsUnchanged() throws Exception {
        List<String> events = new ArrayList<>(SESSION);
        events.remove(indexOf(SESSION, "Event: DTMFEnd", "Uniqueid: " + D, 8));

        CallRecord d = byId(replayWhole(events), D);

        assertThat(d.keypadSpans()).isEqualTo(cleanD.keypadSpans());
    }

    @Test
    void aLastDigitWhoseEndWasLostEndsTheSpanAtTheCallsNextEventHereItsEnd() throws Exception {
        List<String> events = new ArrayList<>(SESSION);
        events.remove(indexOf(SESSION, "Event: DTMFEnd", "Uniqueid: " + D, 16));

        CallRecord d = byId(replayWhole(events), D);

        // After the burst the call's next event is its hang-up (15:09:01.275, the ;1 half first).
        assertThat(d.keypadSpans()).singleElement().satisfies(span -> {
            assertThat(span.start()).isEqualTo(cleanD.keypadSpans().get(0).start());
            assertThat(span.digits()).isEqualTo(16);
            assertThat(span.end()).isBetween(Instant.parse("2026-12-04T15:09:01.275Z"), d.endedAt());
        });
    }

    @Test
    void aMuteWhoseEndWasLostLastsUntilTheCallEnds() throws Exception {
        List<String> events = new ArrayList<>(SESSION);
        events.remove(indexOf(SESSION, "Event: MixMonitorMute", "State: 0", 1));

        CallRecord c = byId(replayWhole(events), C);

        assertThat(c.mutedSpans()).extracting(MutedSpan::party).containsExactly(Party.CUSTOMER, Party.AGENT);
        assertThat(c.mutedSpans()).allSatisfy(span -> assertThat(span.end()).isEqualTo(c.endedAt()));
        assertThat(c.endedAt()).isEqualTo(Instant.parse("2026-12-04T15:08:35.757427Z"));
    }

    private List<CallRecord> replayWhole(List<String> events) throws Exception {
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(events).start();
             AmiBridge bridge = AmiBridgeKeypadTest.bridge(peer.port(), calls)) {
            bridge.start();
            return AmiBridgeKeypadTest.take(calls, 4);
        }
    }

    /**
     * Replays until E (the session's last call) arrives after the second login, then closes the bridge, which hands
     * on whatever it had: every call it ever gave.
     */
    private List<CallRecord> replay(AmiReplayPeer.Builder builder) throws Exception {
        List<CallRecord> seen = new ArrayList<>();
        try (AmiReplayPeer peer = builder.start()) {
            try (AmiBridge bridge = AmiBridgeKeypadTest.bridge(peer.port(), calls)) {
                bridge.start();
                CallRecord call;
                do {
                    call = calls.poll(AmiBridgeKeypadTest.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    assertThat(call).as("calls so far: %s", seen.stream().map(CallRecord::uniqueId).toList()).isNotNull();
                    seen.add(call);
                } while (!call.uniqueId().equals(E) || peer.logins() < 2);
            }
            calls.drainTo(seen);
            assertThat(peer.logins()).isEqualTo(2);
        }
        return seen;
    }

    /** Index of the n-th (1 = first) event of this type holding this line. */
    private static int indexOf(List<String> session, String event, String line, int n) {
        int seen = 0;
        for (int i = 0; i < session.size(); i++) {
            String e = session.get(i) + "\r\n";
            if (e.startsWith(event + "\r\n") && e.contains("\r\n" + line + "\r\n") && ++seen == n) {
                return i;
            }
        }
        throw new IllegalStateException(event + " with " + line + " #" + n);
    }
}
