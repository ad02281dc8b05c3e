package org.earshot.server.store;

import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * The KPI rules the rollups are built with (implemented by the KPI package, which owns them): the
 * store keeps the sums up to date as calls change, the rules say what a call adds.
 */
public interface RollupRules {

    /** Whether a caller id names a customer; only known callers get caller facts and count in FCR, cases and retention. */
    boolean knownCaller(String caller);

    /** A caller's call within this time after their previous call ended continues its case. */
    Duration repeatWindow(String queue);

    /** The zone of day rollups. */
    ZoneId zone();

    /** Everything the sums depend on, as text: rollups built with other definitions are rebuilt. */
    String fingerprint();

    /**
     * Adds the call to the sums of its rows: once under its first agent, or, with {@code perAgent},
     * once per agent who talked on it (each their own part); {@code sumsOf} gives the sums of an agent's
     * row ("" for none).
     */
    void add(CallFacts call, boolean perAgent, Function<String, KpiSums> sumsOf);
}
