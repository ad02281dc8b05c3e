package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.earshot.telephony.testing.TimedCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each way a caller leaves a queue unanswered has the same outcome live (AMI) as imported (queue_log).
 *
 * <p>The lab has two such calls: S2 hangs up (ABANDON) and S3's queue times out (EXITWITHTIMEOUT). The other
 * exits are S3 ended the way app_queue ({@code queue_exec}) ends them instead. Live, S3's own events from
 * the timed capture with only a QUEUESTATUS value changed, or the events app_queue does not send for that
 * exit left out, or S3's QUEUESTATUS {@code VarSet} copied with only its Value changed; imported, S3's own
 * queue_log lines with the last one's verb and data changed to what app_queue writes for that exit.
 */
class AmiBridgeQueueExitTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:30:00Z"), ZoneOffset.UTC);
    private static final List<String> TIMED = TimedCapture.events(AmiCapture.resource(TimedCapture.SESSION_01_LOG));
    private static final String S2 = "earshot-lab-1795393121.9";
    private static final String S3 = "earshot-lab-1795393133.11";

    @TempDir
    Path dir;

    private final BlockingQueue<CallRecord> calls = new LinkedBlockingQueue<>();

    @ParameterizedTest
    @ValueSource(strings = {"LEAVEEMPTY", "LEAVEUNAVAIL"})
    void aCallerSentOutForLackOfAgentsIsATimeoutAsTheImportCountsExitEmpty(String queueStatus) throws Exception {
        CallRecord live = live(withQueueStatus(eventsOf(S3), queueStatus));
        CallRecord imported = imported("EXITWITHTIMEOUT|1|1|12", "EXITEMPTY|1|1|12");

        assertThat(live.outcome()).isEqualTo(CallOutcome.TIMEOUT);
        assertSameExit(live, imported);
    }

    @Test
    void aCallerWithdrawnFromTheQueueIsATimeoutAsTheImportCountsWithdraw() throws Exception {
        CallRecord live = live(withQueueStatus(eventsOf(S3), "WITHDRAW"));
        CallRecord imported = imported("EXITWITHTIMEOUT|1|1|12", "WITHDRAW|1|1|12|");

        assertThat(live.outcome()).isEqualTo(CallOutcome.TIMEOUT);
        assertSameExit(live, imported);
    }

    @Test
    void aCallerWhoLeavesWithAKeyIsAnExitWithKeyAsTheImportCountsExitWithKey() throws Exception {
        // A key press is the one way out without record_abandoned() (QueueCallerAbandon, ABANDONED=TRUE) and
        // without QUEUESTATUS: the caller just leaves (QueueCallerLeave) for the queue's exit context.
        List<String> keyPressed = eventsOf(S3).stream().filter(e -> !e.startsWith("Event: QueueCallerAbandon\r\n")
                && !isVarSet(e, "ABANDONED") && !isVarSet(e, "QUEUESTATUS")).toList();

        CallRecord live = live(keyPressed);
        CallRecord imported = imported("EXITWITHTIMEOUT|1|1|12", "EXITWITHKEY|5|1|1|12");

        assertThat(live.outcome()).isEqualTo(CallOutcome.EXIT_WITH_KEY).isEqualTo(imported.outcome());
        assertThat(live.endedBy()).isEqualTo(HangupSide.SYSTEM).isEqualTo(imported.endedBy());
        assertThat(live.abandonPosition()).isEqualTo(1).isEqualTo(imported.abandonPosition());
        // No HoldTime without QueueCallerAbandon: join to leave by their Timestamps (12.01 s in the lab).
        assertThat(live.waitSeconds()).isCloseTo(imported.waitSeconds(), within(0.5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JOINEMPTY", "FULL", "JOINUNAVAIL"})
    void aLaterQueueThatTurnsTheCallerAwayDoesNotChangeHowItLeftTheQueueItWasIn(String queueStatus) throws Exception {
        // After S3's timeout the dialplan tries another Queue(), which the caller cannot join.
        List<String> events = new ArrayList<>(eventsOf(S3));
        int timedOut = events.indexOf(events.stream().filter(e -> isVarSet(e, "QUEUESTATUS")).findFirst().orElseThrow());
        events.add(timedOut + 1, events.get(timedOut).replace("\r\nValue: TIMEOUT", "\r\nValue: " + queueStatus));

        assertThat(live(events).outcome()).isEqualTo(CallOutcome.TIMEOUT);
    }

    @Test
    void aCallerTheQueueTurnedAwayWithoutJoiningIsNoCallAtAll() throws Exception {
        // S3's channel as Queue() ends it when it refuses to join: no QueueCaller* events, QUEUESTATUS=JOINEMPTY.
        List<String> events = new ArrayList<>(withQueueStatus(eventsOf(S3).stream()
                .filter(e -> !e.startsWith("Event: QueueCaller") && !isVarSet(e, "ABANDONED")).toList(), "JOINEMPTY"));
        events.addAll(eventsOf(S2));

        // Calls are handed on in the order they end: S3's hang-up came first.
        assertThat(live(events).uniqueId()).isEqualTo(S2);
    }

    private static void assertSameExit(CallRecord live, CallRecord imported) {
        assertThat(live.outcome()).isEqualTo(imported.outcome());
        assertThat(live.endedBy()).isEqualTo(imported.endedBy());
        assertThat(live.abandonPosition()).isEqualTo(imported.abandonPosition());
        assertThat(live.waitSeconds()).isEqualTo(imported.waitSeconds());
    }

    /** The first call the bridge hands on when it replays these events. */
    private CallRecord live(List<String> events) throws Exception {
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(events).start();
             AmiBridge bridge = new AmiBridge(new AmiSettings("127.0.0.1", peer.port(), "earshot", "earshot-secret",
                     Duration.ofMillis(20)), WrapUpRule.DEFAULT, CLOCK, ZoneOffset.UTC, calls::add)) {
            bridge.start();
            CallRecord call = calls.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(call).as("a call within %s", TIMEOUT).isNotNull();
            return call;
        }
    }

    /** S3 imported from the lab's queue_log, its last line's {@code verb|data} replaced. */
    private CallRecord imported(String labEnd, String replacedBy) throws IOException, URISyntaxException {
        Path lab = Path.of(getClass().getResource("/asterisk/queue_log").toURI());
        List<String> s3 = Files.readAllLines(lab).stream().filter(l -> l.contains("|" + S3 + "|")).toList();
        assertThat(s3).hasSize(2).last().asString().endsWith("|" + labEnd);
        Path queueLog = dir.resolve("queue_log");
        Files.write(queueLog, List.of(s3.get(0), s3.get(1).replace("|" + labEnd, "|" + replacedBy)));

        ImportResult result = new QueueLogImporter(ZoneOffset.UTC).read(queueLog, null);

        assertThat(result.skipped()).isEmpty();
        return result.calls().get(0);
    }

    private static List<String> eventsOf(String uniqueId) {
        return TIMED.stream().filter(e -> (e + "\r\n").contains("\r\nUniqueid: " + uniqueId + "\r\n")).toList();
    }

    private static List<String> withQueueStatus(List<String> events, String value) {
        return events.stream().map(e -> isVarSet(e, "QUEUESTATUS")
                ? e.replace("\r\nValue: TIMEOUT", "\r\nValue: " + value) : e).toList();
    }

    private static boolean isVarSet(String event, String variable) {
        return event.startsWith("Event: VarSet\r\n") && (event + "\r\n").contains("\r\nVariable: " + variable + "\r\n");
    }
}
