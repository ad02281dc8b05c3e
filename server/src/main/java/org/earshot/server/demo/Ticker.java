package org.earshot.server.demo;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs the demo floor's next tick after a delay: one daemon thread in the server, stepped by hand in tests. */
interface Ticker extends AutoCloseable {

    /** Runs {@code tick} once, {@code delay} from now; ignored once closed. */
    void schedule(Runnable tick, Duration delay);

    /** Stops: a tick scheduled but not yet run never runs. */
    @Override
    void close();

    /**
     * One thread, {@code earshot-demo-floor}: a daemon, because what keeps the server up is its own
     * threads and its shutdown hook, which closes this too.
     */
    static Ticker daemon() {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "earshot-demo-floor");
            t.setDaemon(true);
            return t;
        });
        return new Ticker() {
            @Override
            public void schedule(Runnable tick, Duration delay) {
                try {
                    thread.schedule(tick, delay.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closing) {
                    // closed while the last tick ran: nothing more to run
                }
            }

            @Override
            public void close() {
                thread.shutdownNow();
                try {
                    thread.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
