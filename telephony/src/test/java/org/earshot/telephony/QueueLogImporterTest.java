package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's queue_log and Master.csv give the same calls as replaying the AMI session of the same hour. */
class QueueLogImporterTest {

    private static final ZoneOffset LAB_ZONE = ZoneOffset.UTC; // the README: local time = UTC in the lab

    @TempDir
    Path dir;

    @Test
    void importingTheLabsQueueLogAndCdrGivesTheSameCallsAsTheAmiReplay() throws Exception {
        ImportResult imported = new QueueLogImporter(LAB_ZONE).read(resource("queue_log"), resource("Master.csv"));
        List<CallRecord> live = amiReplay();

        assertThat(imported.skipped()).isEmpty();
        assertThat(imported.calls()).extracting(CallRecord::uniqueId)
                .containsExactlyElementsOf(live.stream().map(CallRecord::uniqueId).toList());
        for (int i = 0; i < live.size(); i++) {
            CallRecord a = live.get(i);
            CallRecord b = imported.calls().get(i);
            assertThat(b.outcome()).as(a.uniqueId()).isEqualTo(a.outcome());
            assertThat(b.waitSeconds()).as(a.uniqueId()).isEqualTo(a.waitSeconds());
            assertThat(b.talkSeconds()).as(a.uniqueId()).isEqualTo(a.talkSeconds());
            assertThat(b.agent()).as(a.uniqueId()).isEqualTo(a.agent());
            assertThat(b.queue()).as(a.uniqueId()).isEqualTo(a.queue());
            assertThat(b.caller()).as(a.uniqueId()).isEqualTo(a.caller());
            assertThat(b.callerName()).as(a.uniqueId()).isEqualTo(a.callerName());
            assertThat(b.linkedId()).as(a.uniqueId()).isEqualTo(a.linkedId());
            assertThat(b.ringAttempts()).extracting(RingAttempt::agent, RingAttempt::ringMillis).as(a.uniqueId())
                    .containsExactlyElementsOf(a.ringAttempts().stream()
                            .map(r -> org.assertj.core.groups.Tuple.tuple(r.agent(), r.ringMillis())).toList());
            assertThat(b.transfers()).extracting(Transfer::kind).as(a.uniqueId())
                    .containsExactlyElementsOf(a.transfers().stream().map(Transfer::kind).toList());
            assertThat(b.endedBy()).as(a.uniqueId()).isEqualTo(a.endedBy());
            assertThat(b.holdSeconds()).as("queue_log has no hold verbs").isNull();
        }
    }

    @Test
    void theImportCarriesTheQueueLogsOwnTimes() throws Exception {
        CallRecord s1a = new QueueLogImporter(LAB_ZONE).read(resource("queue_log"), null).calls().get(0);

        assertThat(s1a.enteredAt()).isEqualTo(Instant.ofEpochSecond(1795393059));
        assertThat(s1a.answeredAt()).isEqualTo(Instant.ofEpochSecond(1795393065));
        assertThat(s1a.endedAt()).isEqualTo(Instant.ofEpochSecond(1795393089));
        assertThat(s1a.joinPosition()).isEqualTo(1);
    }

    @Test
    void malformedLinesAreReportedWithTheirNumbersAndTheRestImports() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(resource("queue_log")));
        lines.add(2, "not a queue_log line");
        lines.add(5, "17953930xx|NONE|support|Bob Agent|PAUSE|lunch");
        int s8End = lines.indexOf("1795393297|earshot-lab-1795393267.33|support|Alice Agent|COMPLETECALLER|2|25|1");
        lines.add(s8End, "1795393296|earshot-lab-1795393267.33|support|Alice Agent|COMPLETECALLER|2|oops|1");
        Path broken = dir.resolve("queue_log");
        Files.write(broken, lines);

        ImportResult result = new QueueLogImporter(LAB_ZONE).read(broken, null);

        assertThat(result.calls()).hasSize(9);
        assertThat(result.skipped()).extracting(ImportResult.SkippedLine::line).containsExactly(3, 6, s8End + 1);
        assertThat(result.skipped().get(1).reason()).contains("17953930xx");
        assertThat(result.skipped().get(2).reason()).contains("oops");
        assertThat(result.lines()).isEqualTo(lines.size());
    }

    private static Path resource(String name) throws Exception {
        return Path.of(QueueLogImporterTest.class.getResource("/asterisk/" + name).toURI());
    }

    private static List<CallRecord> amiReplay() throws Exception {
        BlockingQueue<CallRecord> calls = new LinkedBlockingQueue<>();
        List<CallRecord> out = new ArrayList<>();
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01))).start();
             AmiBridge bridge = new AmiBridge(new AmiSettings("127.0.0.1", peer.port(), "earshot", "earshot-secret",
                     Duration.ofMillis(20)), Clock.fixed(Instant.parse("2026-11-23T00:30:00Z"), LAB_ZONE), calls::add)) {
            bridge.start();
            for (int i = 0; i < 9; i++) {
                CallRecord call = calls.poll(20, TimeUnit.SECONDS);
                assertThat(call).isNotNull();
                out.add(call);
            }
        }
        return out;
    }
}
