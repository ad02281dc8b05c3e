package org.earshot.telephony.ami;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.asteriskjava.manager.ManagerEventListener;
import org.earshot.telephony.CallRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AMI events to finished calls, across one thread hop: the {@link #listener()} runs on Asterisk-Java's
 * reader thread and only enqueues {@link CallEvent}s; one named thread owned here drains the queue
 * through the {@link CallTracker} and calls the sink, so a slow sink (a database) never stalls the reader.
 */
public final class CallPipeline implements AutoCloseable {

    /** Far above what the tracker's few event types reach; when full we drop rather than block the reader. */
    static final int QUEUE_CAPACITY = 100_000;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(CallPipeline.class);

    private final BlockingQueue<CallEvent> events = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final CallTracker tracker = new CallTracker();
    private final CallEventTranslator translator;
    private final Consumer<CallRecord> sink;
    private final Thread worker;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean running = true;

    public CallPipeline(Clock clock, Consumer<CallRecord> sink) {
        this.sink = sink;
        this.translator = new CallEventTranslator(clock, this::enqueue);
        this.worker = new Thread(this::drain, "earshot-ami-calls");
        this.worker.setDaemon(true);
    }

    /** The listener to register with a ManagerConnection; cheap and non-blocking. */
    public ManagerEventListener listener() {
        return translator;
    }

    /** Starts the call thread; calling it again does nothing. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            worker.start();
        }
    }

    /** Handles what is already queued (up to a few seconds), then stops the thread. */
    @Override
    public void close() {
        running = false;
        try {
            worker.join(DRAIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            LOG.warn("Call event thread still busy after {}; {} events left unprocessed", DRAIN_TIMEOUT,
                    events.size());
            worker.interrupt();
        }
    }

    private void enqueue(CallEvent event) {
        if (!events.offer(event) && dropped.getAndIncrement() % 1_000 == 0) {
            LOG.warn("Call event queue full ({}): dropped {} events so far; is the call sink stuck?",
                    QUEUE_CAPACITY, dropped.get());
        }
    }

    private void drain() {
        while (running || !events.isEmpty()) {
            CallEvent event;
            try {
                event = events.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (event != null) {
                process(event);
            }
        }
    }

    private void process(CallEvent event) {
        try {
            tracker.handle(event).ifPresent(this::deliver);
        } catch (RuntimeException e) {
            LOG.error("Call tracker failed on {}; continuing with the next event", event, e);
        }
    }

    private void deliver(CallRecord record) {
        try {
            sink.accept(record);
        } catch (RuntimeException e) {
            LOG.error("Call sink failed to take call {} ({})", record.uniqueId(), record.outcome().key(), e);
        }
    }
}
