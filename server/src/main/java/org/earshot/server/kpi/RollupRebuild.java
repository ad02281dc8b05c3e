package org.earshot.server.kpi;

import org.earshot.server.store.AgentIntervalStore;
import org.earshot.server.store.KpiRollupStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the KPI rollups in the background when they were built with other definitions (a changed
 * service-level threshold, repeat window, time zone, ...) or before rollups existed (an upgrade), and
 * the agent-state rollups of occupancy likewise. Meanwhile {@link KpiService} computes from the calls
 * (and occupancy from the raw intervals), exact but slower, and says so.
 */
public final class RollupRebuild implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RollupRebuild.class);

    private final KpiRollupStore rollups;
    private final AgentIntervalStore agentIntervals;
    private Thread thread;

    public RollupRebuild(KpiRollupStore rollups, AgentIntervalStore agentIntervals) {
        this.rollups = rollups;
        this.agentIntervals = agentIntervals;
    }

    public synchronized void start() {
        // A new store has nothing to count: its rollups are current from the first call on.
        if ((rollups.current() || rollups.markCurrentIfEmpty()) && agentIntervals.rollupsCurrent()) {
            return;
        }
        thread = new Thread(this::run, "kpi-rollup-rebuild");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        if (!agentIntervals.rollupsCurrent()) {
            long started = System.nanoTime();
            // Also after an upgrade to V17: pauses stored before it get their day rollups (pause reports read raw till then).
            log.info("Agent-state rollups (occupancy, pauses) were built for another time zone (or none yet): rebuilding them");
            agentIntervals.rebuildRollups();
            log.info("Agent-state rollups rebuilt in {} s", (System.nanoTime() - started) / 1_000_000_000L);
        }
        if (rollups.current()) {
            return;
        }
        long started = System.nanoTime();
        log.info("KPI rollups were built with other definitions (or none yet): rebuilding them; KPIs are computed"
                + " from the calls until then");
        try {
            rollups.rebuild(day -> {
                if (Thread.currentThread().isInterrupted()) {
                    throw new Stopped();
                }
                if (day.endsWith("-01")) {
                    log.info("KPI rollups rebuilt up to {}", day);
                }
            });
            log.info("KPI rollups rebuilt in {} s", (System.nanoTime() - started) / 1_000_000_000L);
        } catch (Stopped e) {
            log.info("KPI rollup rebuild stopped; it starts again with the next start");
        } catch (RuntimeException e) {
            log.error("Rebuilding the KPI rollups failed; KPIs are computed from the calls", e);
        }
    }

    /** Waits until a rebuild started by {@link #start()} has ended (at once when none was needed). */
    public void awaitDone() throws InterruptedException {
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            running.join();
        }
    }

    /** Ends a rebuild cut short by {@link #close()}. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join();
        }
    }
}
