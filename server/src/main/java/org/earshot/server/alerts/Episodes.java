package org.earshot.server.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.earshot.server.store.AlertStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open condition episodes, and the one place that raises and clears them: an episode is raised once,
 * however often its rule finds it holds, until it is cleared. Starts from the episodes the store holds open,
 * so a restarted node does not raise them again. Used by one thread (the alert monitor's).
 */
final class Episodes {

    /** A condition a rule finds holding now; {@code key} names its episode ({@link AlertRule#episode}). */
    record Condition(String key, AlertRule rule, String callId, String agent, String queue, String detail) {
    }

    private static final Logger log = LoggerFactory.getLogger(Episodes.class);

    private final AlertStore store;
    private final Clock clock;
    private final Duration grace;
    private final Consumer<AlertStore.Alert> onRaised;
    private final Set<String> open;
    /** Open episodes of a board rule its last evaluation did not find, since when. */
    private final Map<String, Instant> missingSince = new HashMap<>();

    /**
     * @param grace    how long a board condition must stay gone before its episode ends: an AMI reconnect or a
     *                 restart rebuilds the boards from empty, which must neither end nor re-raise what holds
     * @param onRaised told of each alert stored (the wall, /metrics)
     */
    Episodes(AlertStore store, Clock clock, Duration grace, Consumer<AlertStore.Alert> onRaised) {
        this.store = store;
        this.clock = clock;
        this.grace = grace;
        this.onRaised = onRaised;
        this.open = new HashSet<>(store.openEpisodes());
    }

    boolean isOpen(String key) {
        return open.contains(key);
    }

    /** Raises the condition unless its episode is open already. */
    void raise(Condition c) {
        missingSince.remove(c.key());
        if (open.contains(c.key())) {
            return;
        }
        try {
            // Empty when another node raised it first: it is open all the same.
            store.raise(new AlertStore.Raise(c.key(), c.rule().key(), c.callId(), c.agent(), c.queue(), clock.instant(),
                    c.detail())).ifPresent(onRaised);
            open.add(c.key());
        } catch (RuntimeException e) {
            // Not marked open: the next evaluation tries again.
            log.warn("Could not raise alert {}", c.key(), e);
        }
    }

    /** The episode's condition ended now. */
    void clear(String key) {
        missingSince.remove(key);
        if (!open.contains(key)) {
            return;
        }
        try {
            store.clear(key, clock.instant());
            open.remove(key);
        } catch (RuntimeException e) {
            log.warn("Could not clear alert {}", key, e);
        }
    }

    /** Clears every open episode whose key {@code scope} accepts. */
    void clearWhere(Predicate<String> scope) {
        List.copyOf(open).stream().filter(scope).forEach(this::clear);
    }

    /**
     * The conditions of {@code scope} that hold now are {@code holding}: each is raised unless open, and an open
     * episode of the scope not among them ends once it has been missing for the grace period.
     */
    void reconcile(Predicate<String> scope, Collection<Condition> holding) {
        Set<String> held = new HashSet<>();
        for (Condition c : holding) {
            held.add(c.key());
            raise(c);
        }
        Instant now = clock.instant();
        for (String key : List.copyOf(open)) {
            if (!scope.test(key) || held.contains(key)) {
                continue;
            }
            Instant since = missingSince.computeIfAbsent(key, k -> now);
            if (!now.isBefore(since.plus(grace))) {
                clear(key);
            }
        }
        missingSince.keySet().removeIf(key -> !open.contains(key));
    }
}
