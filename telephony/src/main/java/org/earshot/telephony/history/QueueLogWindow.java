package org.earshot.telephony.history;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.earshot.telephony.CallRecord;

/**
 * The calls of a live {@code queue_log} that ended within a time window, e.g. while the AMI link was down.
 *
 * <pre>{@code
 * List<CallRecord> missed = new QueueLogWindow(Path.of("/var/log/asterisk/queue_log")).callsEnded(drop, relogin);
 * }</pre>
 *
 * <p>queue_log stamps whole seconds, so callers widen their window by a second on each side. Calls are read
 * from {@link #LOOKBACK} before the window, so a call that waited and talked for hours before ending in it
 * still has its ENTERQUEUE. The file is scanned from its start each time: this runs once per reconnect.
 */
public final class QueueLogWindow {

    /** How long before the window a call that ends inside it may have entered its queue. */
    public static final Duration LOOKBACK = Duration.ofHours(12);

    private final Path file;

    public QueueLogWindow(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** Calls whose final queue_log line (COMPLETE*, ABANDON, EXIT*, *TRANSFER) is stamped {@code from}..{@code to}. */
    public List<CallRecord> callsEnded(Instant from, Instant to) throws IOException {
        return new QueueLogFold(CdrReader.Rows.NONE).read(file, from.minus(LOOKBACK), to).calls().stream()
                .filter(call -> !call.endedAt().isBefore(from))
                .toList();
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
