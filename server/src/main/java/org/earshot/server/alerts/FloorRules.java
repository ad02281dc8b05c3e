package org.earshot.server.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.earshot.telephony.AgentActivity;
import org.earshot.telephony.AgentState;
import org.earshot.telephony.QueueState;
import org.earshot.telephony.WaitingCaller;

/**
 * The rules over the live boards: a caller waiting, a caller on hold, an agent paused with one reason, each
 * longer than its limit. Evaluated whole on every board change and every tick. One thread.
 */
final class FloorRules {

    /** The episodes these rules own (what {@link Episodes#reconcile} may end). */
    static final Predicate<String> SCOPE = key -> key.startsWith(AlertRule.LONG_WAIT.key() + "|")
            || key.startsWith(AlertRule.HOLD.key() + "|") || key.startsWith(AlertRule.LONG_PAUSE.key() + "|");

    /** An agent's current pause reason and since when it holds. */
    private record Pause(String reason, Instant since) {
    }

    private final AlertSettings settings;
    private final Map<String, Pause> pauses = new HashMap<>();

    FloorRules(AlertSettings settings) {
        this.settings = settings;
    }

    /**
     * The conditions that hold at {@code now}.
     *
     * @param queueOfCall the queue a call id waited in, or null when not known
     */
    List<Episodes.Condition> evaluate(List<AgentState> agents, List<QueueState> queues, Instant now,
                                      Function<String, String> queueOfCall) {
        List<Episodes.Condition> holding = new ArrayList<>();
        for (QueueState queue : queues) {
            double limit = settings.forQueue(queue.queue()).waitSeconds();
            for (WaitingCaller caller : queue.callers()) {
                double waited = seconds(caller.since(), now);
                if (limit > 0 && waited >= limit) {
                    holding.add(new Episodes.Condition(AlertRule.LONG_WAIT.episode(queue.queue(), caller.uniqueId()),
                            AlertRule.LONG_WAIT, caller.uniqueId(), null, queue.queue(), "a caller has waited "
                            + Durations.words(waited) + " in " + queue.queue() + " (limit " + Durations.words(limit) + ")"));
                }
            }
        }
        Map<String, Pause> stillPaused = new HashMap<>();
        for (AgentState agent : agents) {
            if (agent.activity() == AgentActivity.ON_HOLD && agent.since() != null) {
                hold(agent, now, queueOfCall).ifPresent(holding::add);
            }
            if (agent.activity() == AgentActivity.PAUSED) {
                String reason = agent.pauseReason() == null ? "" : agent.pauseReason();
                Pause known = pauses.get(agent.agent());
                // The board's since is when the pause began; a new reason within it begins now.
                Pause pause = known != null && known.reason().equals(reason) ? known
                        : new Pause(reason, known == null && agent.since() != null ? agent.since() : now);
                stillPaused.put(agent.agent(), pause);
                pause(agent, pause, now).ifPresent(holding::add);
            }
        }
        pauses.clear();
        pauses.putAll(stillPaused);
        return holding;
    }

    private java.util.Optional<Episodes.Condition> hold(AgentState agent, Instant now, Function<String, String> queueOfCall) {
        String queue = agent.callId() == null ? null : queueOfCall.apply(agent.callId());
        if (queue == null && !agent.queues().isEmpty()) {
            queue = agent.queues().get(0);
        }
        double limit = settings.forQueue(queue).holdSeconds();
        double held = seconds(agent.since(), now);
        if (limit <= 0 || held < limit) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Episodes.Condition(AlertRule.HOLD.episode(agent.agent(), agent.callId()),
                AlertRule.HOLD, agent.callId(), agent.agent(), queue, agent.agent() + " has had the caller on hold for "
                + Durations.words(held) + " (limit " + Durations.words(limit) + ")"));
    }

    /** The shortest limit of the agent's queues counts: a queue that allows 5 minutes is not served for 15. */
    private java.util.Optional<Episodes.Condition> pause(AgentState agent, Pause pause, Instant now) {
        double limitMinutes = agent.queues().isEmpty() ? settings.global().pauseMinutes()
                : agent.queues().stream().mapToDouble(q -> settings.forQueue(q).pauseMinutes()).filter(m -> m > 0)
                        .min().orElse(0);
        double paused = seconds(pause.since(), now);
        if (limitMinutes <= 0 || paused < limitMinutes * 60) {
            return java.util.Optional.empty();
        }
        String reason = pause.reason().isEmpty() ? "no reason" : pause.reason();
        return java.util.Optional.of(new Episodes.Condition(AlertRule.LONG_PAUSE.episode(agent.agent(), pause.reason()),
                AlertRule.LONG_PAUSE, null, agent.agent(), agent.queues().size() == 1 ? agent.queues().get(0) : null,
                agent.agent() + " has been paused (" + reason + ") for " + Durations.words(paused) + " (limit "
                        + Durations.words(limitMinutes * 60) + ")"));
    }

    private static double seconds(Instant since, Instant now) {
        return Duration.between(since, now).toMillis() / 1000.0;
    }
}
