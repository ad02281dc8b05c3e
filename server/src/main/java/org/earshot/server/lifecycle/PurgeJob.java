package org.earshot.server.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.earshot.server.store.PurgeLeaseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily retention run on serve nodes. Every node looks each hour; the one that leases the store's
 * purge row runs it, so with several nodes on one database it runs once a day. A node that dies mid-run
 * loses its lease after {@link #LEASE}, and the next run finishes the work.
 */
public final class PurgeJob implements AutoCloseable {

    static final Duration EVERY = Duration.ofDays(1);
    static final Duration LEASE = Duration.ofHours(1);
    private static final Duration LOOK_EVERY = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(PurgeJob.class);
    static final String WHO = "system:retention";

    private final Retention retention;
    private final PurgeLeaseStore lease;
    private final Clock clock;
    private final String nodeId;
    private ScheduledExecutorService timer;

    public PurgeJob(Retention retention, PurgeLeaseStore lease, Clock clock, String nodeId) {
        this.retention = retention;
        this.lease = lease;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** Looks a minute after the start, then every hour; does nothing while the policy keeps everything. */
    public synchronized void start() {
        if (retention.policy().keepsEverything() || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::lookQuietly, 60, LOOK_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** Runs the purge if no run finished within a day and no other node holds the lease; true if this node ran it. */
    public boolean runIfDue() {
        if (!lease.claim(nodeId, clock.instant(), LEASE, EVERY)) {
            return false;
        }
        retention.run(false, WHO);
        lease.finish(nodeId, clock.instant());
        return true;
    }

    private void lookQuietly() {
        try {
            runIfDue();
        } catch (RuntimeException e) {
            // The next look (or node) takes it up: every step is idempotent.
            log.error("The retention run failed; it is tried again within the hour", e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            // Not interrupted: an interrupt inside embedded H2's file I/O closes the database under everyone.
            timer.shutdown();
            try {
                timer.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
