package org.earshot.server.live;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.earshot.server.store.AgentIntervalStore;
import org.earshot.telephony.AgentActivity;
import org.earshot.telephony.AgentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every agent state change to the store (for occupancy, and the reasons of pauses), off the
 * telephony thread: the board's listener only queues the change.
 */
public final class AgentLog implements Consumer<AgentState>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentLog.class);

    private final AgentIntervalStore store;
    private final Clock clock;
    private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(100_000), r -> new Thread(r, "agent-log"), new ThreadPoolExecutor.DiscardPolicy());

    public AgentLog(AgentIntervalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void accept(AgentState state) {
        writer.execute(() -> {
            try {
                store.record(state.agent(), state.activity().key(),
                        state.activity() == AgentActivity.PAUSED ? state.pauseReason() : null,
                        state.since() != null ? state.since() : clock.instant());
            } catch (RuntimeException e) {
                log.warn("Could not record agent {} as {}", state.agent(), state.activity().key(), e);
            }
        });
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
