package org.earshot.server.coaching;

import java.util.Collection;

/** Count, mean and spread of some values, added one at a time (Welford's method: stable in one pass). */
final class Stats {

    private long n;
    private double mean;
    private double m2;

    void add(Double value) {
        if (value == null) {
            return;
        }
        n++;
        double delta = value - mean;
        mean += delta / n;
        m2 += delta * (value - mean);
    }

    /** The metric over the calls that have it. */
    static Stats of(Collection<CoachingCall> calls, Metric metric) {
        Stats stats = new Stats();
        calls.forEach(call -> stats.add(metric.of(call)));
        return stats;
    }

    long n() {
        return n;
    }

    Double mean() {
        return n == 0 ? null : mean;
    }

    /** Sample variance (n − 1), or null below two values. */
    Double variance() {
        return n < 2 ? null : m2 / (n - 1);
    }

    Double sd() {
        Double variance = variance();
        return variance == null ? null : Math.sqrt(variance);
    }
}
