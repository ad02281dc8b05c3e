package org.earshot.server.live;

import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.earshot.server.kpi.KpiQuery;
import org.earshot.server.kpi.KpiService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes today's KPIs (in the KPI time zone) to live clients when calls finish; at most once a
 * second however many calls finish, so a busy center does not recompute per call.
 */
public final class LiveKpis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveKpis.class);

    private final KpiService kpis;
    private final LiveHub hub;
    private final Clock clock;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-kpis");
        t.setDaemon(true);
        return t;
    });

    public LiveKpis(KpiService kpis, LiveHub hub, Clock clock) {
        this.kpis = kpis;
        this.hub = hub;
        this.clock = clock;
    }

    /** A call finished: today's figures changed. */
    public void callFinished() {
        if (pending.compareAndSet(false, true)) {
            timer.schedule(this::push, 1, TimeUnit.SECONDS);
        }
    }

    private void push() {
        pending.set(false);
        if (hub.clients() == 0) {
            return;
        }
        try {
            var zone = kpis.definitions().zone();
            LocalDate today = LocalDate.now(clock.withZone(zone));
            var rows = kpis.compute(new KpiQuery(today.atStartOfDay(zone).toInstant(),
                    today.plusDays(1).atStartOfDay(zone).toInstant(), KpiQuery.GroupBy.NONE, null, null));
            hub.publish("kpis", "rows", rows);
        } catch (RuntimeException e) {
            log.warn("Computing today's KPIs for live clients failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
