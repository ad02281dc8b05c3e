package org.earshot.telephony.ami;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.history.QueueLogWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices an AMI gap (the last event before a {@code LinkDown} to the next {@code LinkUp}) and reads the
 * calls that queue_log says ended inside it. Runs on the call thread, never on Asterisk-Java's reader.
 *
 * <p>The gap starts at the last event seen before the drop (with {@code timestampevents = yes} that is
 * Asterisk's own clock, the one queue_log stamps with), widened by a second because queue_log keeps whole
 * seconds. Its end is not the bridge's clock at the re-login (a replay of an older day, or an Asterisk whose
 * clock differs from ours, would put it anywhere): every call that ended since the start is read, and the
 * tracker keeps only those that ended before the first call event after the reconnect, or, when none comes for
 * a while, within as long as the link was down by our clock ({@link CallTracker#fillGap}).
 * Calls the bridge already handed on are not repeated (the tracker checks their uniqueids).
 */
final class QueueLogGap {

    private static final Duration SLACK = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(QueueLogGap.class);

    private final QueueLogWindow queueLog;
    private Instant lastEvent;
    private Instant gapStart;
    /** Our clock at the drop (Asterisk-Java's DisconnectEvent has no Timestamp). */
    private Instant droppedAt;

    /**
     * What queue_log says ended since a gap began.
     *
     * @param calls         the calls that ended since the last event before the drop
     * @param reconnectedAt our clock at the re-login
     * @param endByDuration the gap's end if no event comes to tell it: its start plus how long the link was down
     *                      by our clock (right whatever day the events are of, if our clock runs at all)
     */
    record Filled(List<CallRecord> calls, Instant reconnectedAt, Instant endByDuration) {
    }

    /** @param queueLog the file, or null to never fill gaps */
    QueueLogGap(Path queueLog) {
        this.queueLog = queueLog == null ? null : new QueueLogWindow(queueLog);
    }

    /** Follows one event; on the re-login after a drop returns what ended since the gap began, else null. */
    Filled seen(AmiEvent event) {
        if (event instanceof LinkEvent.LinkDown down) {
            if (gapStart == null) {
                gapStart = lastEvent == null || lastEvent.isAfter(down.at()) ? down.at() : lastEvent;
                droppedAt = down.at();
            }
        } else if (event instanceof LinkEvent.LinkUp up) {
            Instant from = gapStart;
            gapStart = null;
            if (from != null && queueLog != null) {
                Duration down = Duration.between(droppedAt, up.at());
                return new Filled(read(from.minus(SLACK)), up.at(), from.plus(down.isNegative() ? Duration.ZERO : down));
            }
        } else if (!(event instanceof LinkEvent)) {
            lastEvent = event.at();
        }
        return null;
    }

    private List<CallRecord> read(Instant from) {
        try {
            List<CallRecord> calls = queueLog.callsEnded(from, Instant.MAX);
            LOG.info("AMI gap from {}: {} queue calls ended since according to {}", from, calls.size(), queueLog);
            return calls;
        } catch (IOException | RuntimeException e) {
            LOG.warn("AMI gap from {}: cannot read queue_log {} ({}); calls that ended in it stay partial or unseen",
                    from, queueLog, e.toString());
            return List.of();
        }
    }
}
