package org.earshot.server.alerts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Today's service level of each queue below its target, once enough calls were offered to judge it. */
final class ServiceLevelRule {

    /** The episodes this rule owns. */
    static final Predicate<String> SCOPE = key -> key.startsWith(AlertRule.SERVICE_LEVEL.key() + "|");

    /**
     * A queue's figures of today (the KPI service's, with its own service-level definition).
     *
     * @param serviceLevel a share of 0 to 1, or null when nothing was offered
     */
    record QueueToday(String queue, long offered, Double serviceLevel) {
    }

    private final AlertSettings settings;

    ServiceLevelRule(AlertSettings settings) {
        this.settings = settings;
    }

    /** The conditions that hold; each day is an episode of its own, so a new day starts clean. */
    List<Episodes.Condition> evaluate(List<QueueToday> queues, LocalDate today) {
        List<Episodes.Condition> holding = new ArrayList<>();
        for (QueueToday q : queues) {
            if (q.queue() == null || q.queue().isEmpty() || q.serviceLevel() == null) {
                continue;
            }
            AlertSettings.Rules rules = settings.forQueue(q.queue());
            double percent = q.serviceLevel() * 100;
            if (rules.serviceLevelTarget() > 0 && q.offered() >= rules.serviceLevelMinOffered()
                    && percent < rules.serviceLevelTarget()) {
                holding.add(new Episodes.Condition(AlertRule.SERVICE_LEVEL.episode(q.queue(), today.toString()),
                        AlertRule.SERVICE_LEVEL, null, null, q.queue(), String.format(Locale.ROOT,
                        "service level of %s today %.0f %%, below the target of %s %% (%d calls offered)", q.queue(),
                        percent, Durations.number(rules.serviceLevelTarget()), q.offered())));
            }
        }
        return holding;
    }
}
