package org.earshot.server.demo;

import java.time.Duration;

/** The demo floor's ticker, stepped by the test: each step moves the clock by the delay the floor asked for. */
final class ManualTicker implements Ticker {

    private final StepClock clock;
    private Runnable next;
    private Duration delay;
    private boolean closed;

    ManualTicker(StepClock clock) {
        this.clock = clock;
    }

    @Override
    public void schedule(Runnable tick, Duration delay) {
        if (!closed) {
            this.next = tick;
            this.delay = delay;
        }
    }

    /** The tick scheduled now, or null. */
    Runnable pending() {
        return next;
    }

    Duration delay() {
        return delay;
    }

    /** Moves the clock to the scheduled tick and runs it. */
    void step() {
        Runnable tick = next;
        if (tick == null) {
            throw new IllegalStateException("no tick scheduled");
        }
        next = null;
        clock.advance(delay);
        tick.run();
    }

    @Override
    public void close() {
        closed = true;
        next = null;
    }
}
