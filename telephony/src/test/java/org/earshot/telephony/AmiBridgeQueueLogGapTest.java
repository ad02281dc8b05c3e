package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.earshot.telephony.testing.TimedCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AMI link drops after S1a (or in the middle of S1b) and comes back just before S4; Asterisk's
 * queue_log (the lab's own, in a temp file) is readable, so the calls that ended while the link was down
 * are completed from it. The session is the timed replay (Timestamp headers = the lab's clock, the clock
 * queue_log stamps with); the bridge's clock stands at the re-login, 1795393147, two seconds after S3's
 * EXITWITHTIMEOUT and three before S4's ENTERQUEUE.
 */
class AmiBridgeQueueLogGapTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Clock AT_RELOGIN = Clock.fixed(Instant.ofEpochSecond(1795393147), ZoneOffset.UTC);
    private static final List<String> SESSION = TimedCapture.events(AmiCapture.resource(TimedCapture.SESSION_01_LOG));
    private static final String S1A = "earshot-lab-1795393059.1";
    private static final String S1B = "earshot-lab-1795393091.5";
    private static final String S2 = "earshot-lab-1795393121.9";
    private static final String S3 = "earshot-lab-1795393133.11";

    @TempDir
    Path dir;

    /** A replay of that older day today: the bridge's clock is days past every time in the events and queue_log. */
    private static final Clock DAYS_LATER = Clock.fixed(Instant.parse("2026-12-04T15:00:00Z"), ZoneOffset.UTC);

    private final BlockingQueue<CallRecord> calls = new LinkedBlockingQueue<>();
    private Clock clock = AT_RELOGIN;

    @Test
    void callsThatEndedWhileTheLinkWasDownAreCompletedFromQueueLogAndNoCallIsLostOrRepeated() throws Exception {
        Map<String, CallRecord> byId = replayWithGap(indexOf("Event: AgentConnect", "Uniqueid: " + S1B) + 1);

        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(
                ExpectedFacts.queuedCalls().stream().map(ExpectedFacts::callerUniqueId).toList());
        assertThat(byId.values()).noneMatch(CallRecord::partial);

        CallRecord s2 = byId.get(S2);
        assertThat(s2.outcome()).isEqualTo(CallOutcome.ABANDONED);
        assertThat(s2.waitSeconds()).isEqualTo(10.0);
        assertThat(s2.abandonPosition()).isEqualTo(1);
        assertThat(s2.queue()).isEqualTo("support");
        assertThat(s2.caller()).isEqualTo("5550103");
        CallRecord s3 = byId.get(S3);
        assertThat(s3.outcome()).isEqualTo(CallOutcome.TIMEOUT);
        assertThat(s3.waitSeconds()).isEqualTo(12.0);
        assertThat(s3.endedAt()).isEqualTo(Instant.ofEpochSecond(1795393145));
    }

    @Test
    void theGapOfAnOlderDaysReplayIsFilledFromItsOwnTimesNotTheBridgesClock() throws Exception {
        clock = DAYS_LATER;

        Map<String, CallRecord> byId = replayWithGap(indexOf("Event: AgentConnect", "Uniqueid: " + S1B) + 1);

        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(
                ExpectedFacts.queuedCalls().stream().map(ExpectedFacts::callerUniqueId).toList());
        assertThat(byId.values()).noneMatch(CallRecord::partial);
        assertThat(byId.get(S2).outcome()).isEqualTo(CallOutcome.ABANDONED);
        assertThat(byId.get(S3).outcome()).isEqualTo(CallOutcome.TIMEOUT);
        assertThat(byId.get(S1B).talkSeconds()).isEqualTo(15.0);
        assertThat(byId.get("earshot-lab-1795393150.13").recordingFiles())
                .as("S4 began after the reconnect: AMI's record, not queue_log's").isNotEmpty();
    }

    @Test
    void aCallAnsweredBeforeTheDropTakesItsTalkAndEndFromQueueLogAndKeepsWhatOnlyAmiKnew() throws Exception {
        CallRecord s1b = replayWithGap(indexOf("Event: AgentConnect", "Uniqueid: " + S1B) + 1).get(S1B);

        assertThat(s1b.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(s1b.agent()).isEqualTo("Bob Agent");
        assertThat(s1b.agents()).containsExactly(new AgentTalk("Bob Agent", "Local/1002@agents/n", 15.0, 1.0));
        assertThat(s1b.waitSeconds()).isEqualTo(13.0);
        assertThat(s1b.talkSeconds()).isEqualTo(15.0);
        assertThat(s1b.endedBy()).isEqualTo(HangupSide.AGENT);
        assertThat(s1b.endedAt()).isEqualTo(Instant.ofEpochSecond(1795393119));
        assertThat(s1b.linkedId()).isEqualTo("earshot-lab-1795393091.4");
        assertThat(s1b.dnis()).isEqualTo("5550102");
        assertThat(s1b.recordingFiles()).isNotEmpty();
        assertThat(s1b.holdSeconds()).as("hold during the gap is unknown").isNull();
        assertThat(s1b.partial()).isFalse();
    }

    @Test
    void aCallFinishedFromAmiJustBeforeTheDropIsNotRepeatedFromQueueLog() throws Exception {
        // The link drops right after S1a's caller hangs up: the gap starts within a second of S1a's COMPLETECALLER.
        Map<String, CallRecord> byId = replayWithGap(indexOf("Event: Hangup", "Uniqueid: " + S1A) + 1);

        assertThat(byId).hasSize(9);
        assertThat(byId.get(S1A).recordingFiles()).as("S1a is AMI's record").isNotEmpty();
        assertThat(byId.get(S1B).talkSeconds()).isEqualTo(15.0);
        assertThat(byId.get(S1B).linkedId()).as("S1b never reached AMI: queue_log only").isNull();
        assertThat(calls.poll(300, TimeUnit.MILLISECONDS)).as("nothing twice").isNull();
    }

    @Test
    void withoutAQueueLogTheCallsOfTheGapAreNotInvented() throws Exception {
        List<CallRecord> seen = new ArrayList<>();
        int drop = indexOf("Event: AgentConnect", "Uniqueid: " + S1B) + 1;
        try (AmiReplayPeer peer = peer(drop).start();
             AmiBridge bridge = bridge(peer.port(), null)) {
            bridge.start();
            for (int i = 0; i < 7; i++) { // S1a, S1b (partial), S4-S8
                CallRecord call = calls.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(call).as("call %d", i + 1).isNotNull();
                seen.add(call);
            }
        }
        assertThat(seen).extracting(CallRecord::uniqueId).doesNotContain(S2, S3);
        assertThat(seen.stream().filter(c -> c.uniqueId().equals(S1B)).findFirst().orElseThrow().partial()).isTrue();
    }

    /** Drops the first session after {@code drop} events; the second login replays S4 onwards. */
    private Map<String, CallRecord> replayWithGap(int drop) throws Exception {
        Path queueLog = dir.resolve("queue_log");
        try (InputStream in = getClass().getResourceAsStream("/asterisk/queue_log")) {
            Files.write(queueLog, in.readAllBytes());
        }
        List<CallRecord> seen = new ArrayList<>();
        try (AmiReplayPeer peer = peer(drop).start(); AmiBridge bridge = bridge(peer.port(), queueLog)) {
            bridge.start();
            for (int i = 0; i < 9; i++) {
                CallRecord call = calls.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(call).as("call %d of 9", i + 1).isNotNull();
                seen.add(call);
            }
            assertThat(peer.logins()).isEqualTo(2);
        }
        assertThat(seen).extracting(CallRecord::uniqueId).doesNotHaveDuplicates();
        return seen.stream().collect(Collectors.toMap(CallRecord::uniqueId, Function.identity()));
    }

    private static AmiReplayPeer.Builder peer(int drop) {
        int s4 = indexOf("Event: Newchannel", "Channel: Local/5550105@from-pstn-00000006;1");
        return AmiReplayPeer.replaying(SESSION).replayAfterAction("CoreShowChannels").dropFirstSessionAfter(drop)
                .thenReplaying(SESSION.subList(s4, SESSION.size()))
                .answering("CoreShowChannels", login -> List.of());
    }

    private AmiBridge bridge(int port, Path queueLog) {
        return new AmiBridge(new AmiSettings("127.0.0.1", port, "earshot", "earshot-secret", Duration.ofMillis(20))
                .withQueueLog(queueLog), WrapUpRule.DEFAULT, clock, ZoneOffset.UTC, calls::add);
    }

    private static int indexOf(String event, String line) {
        for (int i = 0; i < SESSION.size(); i++) {
            String e = SESSION.get(i) + "\r\n";
            if (e.startsWith(event + "\r\n") && e.contains("\r\n" + line + "\r\n")) {
                return i;
            }
        }
        throw new IllegalStateException(event + " with " + line);
    }
}
