package org.earshot.telephony.ami;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.asteriskjava.manager.ManagerEventListener;
import org.earshot.telephony.AgentBoard;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.QueueBoard;
import org.earshot.telephony.RecordingListener;
import org.earshot.telephony.WrapUpRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AMI events to finished calls and live agent and queue state, across one thread hop: the {@link #listener()}
 * runs on Asterisk-Java's reader thread and only enqueues {@link AmiEvent}s; one named thread owned here
 * drains the queue through the {@link CallTracker} (then the sink), the {@link AgentStates} and the
 * {@link QueueStates} (then their listeners), so a slow sink (a database) never stalls the reader.
 */
public final class CallPipeline implements AutoCloseable {

    /** Far above what the tracker's few event types reach; when full we drop rather than block the reader. */
    static final int QUEUE_CAPACITY = 100_000;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    private static final long TICK_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(CallPipeline.class);

    private final BlockingQueue<AmiEvent> events = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final CallTracker tracker;
    private final AgentStates board;
    private final QueueStates queues = new QueueStates();
    private final CallEventTranslator translator;
    private final Clock clock;
    private final Consumer<CallRecord> sink;
    private final QueueLogGap gap;
    private final Thread worker;
    private volatile RecordingListener recordings = RecordingListener.NONE;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean running = true;

    public CallPipeline(Clock clock, Consumer<CallRecord> sink) {
        this(clock, clock.getZone(), WrapUpRule.DEFAULT, sink);
    }

    public CallPipeline(Clock clock, ZoneId zone, WrapUpRule wrapUp, Consumer<CallRecord> sink) {
        this(clock, zone, wrapUp, sink, null);
    }

    /** @param queueLog Asterisk's queue_log to fill AMI gaps from, or null (see {@link QueueLogGap}) */
    public CallPipeline(Clock clock, ZoneId zone, WrapUpRule wrapUp, Consumer<CallRecord> sink, Path queueLog) {
        this.clock = clock;
        this.gap = new QueueLogGap(queueLog);
        this.sink = sink;
        this.tracker = new CallTracker(wrapUp);
        this.board = new AgentStates(clock, zone);
        this.translator = new CallEventTranslator(clock, this::enqueue);
        this.worker = new Thread(this::drain, "earshot-ami-calls");
        this.worker.setDaemon(true);
    }

    /** The listener to register with a ManagerConnection; cheap and non-blocking. */
    public ManagerEventListener listener() {
        return translator;
    }

    /**
     * Asterisk would not list its channels after a login (see {@code AmiConnector}): calls open across the drop
     * that show no sign of life are closed as partial. Safe from any thread; never blocks.
     */
    public void channelsUnconfirmed() {
        enqueue(new LinkEvent.ChannelsUnconfirmed(clock.instant()));
    }

    /** Who hears of recordings as they start and channels as they hang up; set it before {@link #start()}. */
    public void onRecording(RecordingListener listener) {
        this.recordings = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** Live agent state, fed by this pipeline's thread. */
    public AgentBoard board() {
        return board;
    }

    /** Callers waiting per queue, fed by this pipeline's thread. */
    public QueueBoard queues() {
        return queues;
    }

    /** See {@link AgentStates#seedCallsHandled}; safe from any thread, before or after {@link #start()}. */
    public void seedCallsHandled(LocalDate day, Map<String, Integer> callsByAgent) {
        board.seedCallsHandled(day, callsByAgent);
    }

    /** Starts the call thread; calling it again does nothing. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            worker.start();
        }
    }

    /** Handles what is already queued (up to a few seconds), hands on calls waiting for wrap-up, then stops. */
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

    private void enqueue(AmiEvent event) {
        if (!events.offer(event) && dropped.getAndIncrement() % 1_000 == 0) {
            LOG.warn("Call event queue full ({}): dropped {} events so far; is the call sink stuck?",
                    QUEUE_CAPACITY, dropped.get());
        }
    }

    private void drain() {
        long nextTick = System.nanoTime();
        while (running || !events.isEmpty()) {
            AmiEvent event;
            try {
                event = events.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (event != null) {
                process(event);
            }
            if (System.nanoTime() - nextTick >= 0) {
                tick(clock.instant());
                nextTick = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
            }
        }
        if (started.get() && !Thread.currentThread().isInterrupted()) {
            deliver(tracker.flush());
        }
    }

    private void process(AmiEvent event) {
        try {
            announce(event);
            deliver(tracker.handle(event));
            QueueLogGap.Filled filled = gap.seen(event);
            if (filled != null) {
                tracker.fillGap(filled.calls(), filled.reconnectedAt(), filled.endByDuration());
            }
            if (tracker.repeated()) {
                return; // sent again after a reconnect: the boards have it already
            }
            board.apply(event, tracker::onHold);
            for (CallEvent derived : tracker.agentEvents()) {
                board.apply(derived, tracker::onHold); // agents rung without a queue
            }
            queues.apply(event);
        } catch (RuntimeException e) {
            LOG.error("Call tracker failed on {}; continuing with the next event", event, e);
        }
    }

    private void announce(AmiEvent event) {
        try {
            if (event instanceof CallEvent.VariableSet v && CallTracker.RECORDING_VARIABLE.equals(v.name())
                    && v.value() != null && !v.value().isBlank()) {
                recordings.recordingStarted(v.uniqueId(), v.value());
            } else if (event instanceof CallEvent.ChannelHungUp h) {
                recordings.channelHungUp(h.uniqueId());
            }
        } catch (RuntimeException e) {
            LOG.warn("Recording listener failed on {}", event, e);
        }
    }

    private void tick(Instant now) {
        try {
            deliver(tracker.tick(now));
            board.tick(now);
        } catch (RuntimeException e) {
            LOG.error("Call tracker failed on a clock tick; continuing", e);
        }
    }

    private void deliver(List<CallRecord> records) {
        for (CallRecord record : records) {
            try {
                sink.accept(record);
            } catch (RuntimeException e) {
                LOG.error("Call sink failed to take call {} ({})", record.uniqueId(), record.outcome().key(), e);
            }
        }
    }
}
