package org.earshot.telephony;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import org.earshot.telephony.ami.AmiConnector;
import org.earshot.telephony.ami.CallPipeline;

/**
 * Follows queue calls on an Asterisk over AMI and hands each finished call to a sink.
 *
 * <p>Asterisk's events flow top-down: socket and login ({@code AmiConnector}, its own thread, retries
 * with backoff) → Asterisk-Java's reader thread translates each event into a small immutable record and
 * queues it → one telephony-owned thread, {@code earshot-ami-calls}, folds them into calls and calls the
 * sink. The sink may therefore block (write to a database) without stalling AMI.
 *
 * <pre>{@code
 * try (var bridge = new AmiBridge(settings, Clock.systemUTC(), store::save)) {
 *     bridge.start();   // returns at once; connection problems are logged and retried
 *     ...
 * }
 * }</pre>
 */
public final class AmiBridge implements AutoCloseable {

    private final CallPipeline calls;
    private final AmiConnector connector;

    /**
     * @param settings where Asterisk is and how to log in
     * @param clock    receipt time for events without a {@code Timestamp} header
     * @param sink     receives each finished call, always on the {@code earshot-ami-calls} thread
     */
    public AmiBridge(AmiSettings settings, Clock clock, Consumer<CallRecord> sink) {
        Objects.requireNonNull(settings, "settings");
        this.calls = new CallPipeline(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(sink, "sink"));
        this.connector = new AmiConnector(settings, calls.listener());
    }

    /** Starts the call thread and connecting in the background; never blocks, never throws for AMI trouble. */
    public synchronized void start() {
        calls.start();
        connector.start();
    }

    /** True while logged in to Asterisk. */
    public boolean isConnected() {
        return connector.isConnected();
    }

    /** Logs off, stops retrying, hands the calls already received to the sink, then stops the call thread. */
    @Override
    public synchronized void close() {
        connector.close();
        calls.close();
    }
}
