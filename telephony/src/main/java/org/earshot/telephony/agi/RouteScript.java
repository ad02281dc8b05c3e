package org.earshot.telephony.agi;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.earshot.telephony.AgentState;
import org.earshot.telephony.AgiSettings;
import org.earshot.telephony.QueueRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code agi://host:4573/route?queue=support}: picks an agent by the queue's assignment rule and tells the
 * dialplan through channel variables:
 * <ul>
 * <li>{@code EARSHOT_ROUTE=agent}, {@code EARSHOT_AGENT=<interface>}, {@code EARSHOT_AGENT_NAME=<name>}: Dial it;</li>
 * <li>{@code EARSHOT_ROUTE=queue}: the queue is {@code unassigned}, let the call wait in Queue();</li>
 * <li>{@code EARSHOT_ROUTE=fallback}: no agent available (or no queue= given): fall back to Queue().</li>
 * </ul>
 * and always {@code EARSHOT_QUEUE=<queue>} (empty without queue=): a call Dial()ed straight to the agent never
 * joins the queue, so the AMI tracker reads this variable's {@code VarSet} to keep the call in that queue's
 * KPIs.
 * Available = logged in to that queue, not paused, not busy, with a known interface, per the live board.
 */
public final class RouteScript implements AgiScript {

    /** The queue the call was routed for; the AMI tracker reads the same name (CallTracker.ROUTED_QUEUE_VARIABLE). */
    static final String QUEUE_VARIABLE = "EARSHOT_QUEUE";

    private static final Logger log = LoggerFactory.getLogger(RouteScript.class);

    private final AgiSettings settings;
    private final Supplier<List<AgentState>> agents;
    private final Clock clock;
    private final AgentPicker picker = new AgentPicker();

    public RouteScript(AgiSettings settings, Supplier<List<AgentState>> agents, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void run(AgiChannel channel) throws IOException {
        AgiRequest call = channel.request();
        Optional<String> queue = call.parameter("queue");
        if (queue.isEmpty()) {
            log.warn("route for call {}: the AGI URL has no queue= parameter ({})", call.uniqueId(),
                    call.environment().get("agi_request"));
            set(channel, null, "fallback", null);
            return;
        }
        QueueRouting rules = settings.queue(queue.get());
        if (rules.assignment() == QueueRouting.Assignment.UNASSIGNED) {
            set(channel, rules.queue(), "queue", null);
            return;
        }
        List<AgentState> available = agents.get().stream()
                .filter(a -> a.available() && a.queues().contains(rules.queue()) && a.agentInterface() != null)
                .toList();
        Optional<AgentState> chosen = rules.assignment() == QueueRouting.Assignment.ROUND_ROBIN
                ? picker.roundRobin(rules.queue(), available)
                : picker.balanced(available, LocalDate.now(clock.withZone(settings.zone())));
        log.info("route call {} in {} ({}): {}", call.uniqueId(), rules.queue(), rules.assignment().key(),
                chosen.map(AgentState::agent).orElse("no agent available, fallback to the queue"));
        set(channel, rules.queue(), chosen.isPresent() ? "agent" : "fallback", chosen.orElse(null));
    }

    private static void set(AgiChannel channel, String queue, String route, AgentState agent) throws IOException {
        channel.setVariable(QUEUE_VARIABLE, queue == null ? "" : queue);
        channel.setVariable("EARSHOT_AGENT", agent == null ? "" : agent.agentInterface());
        channel.setVariable("EARSHOT_AGENT_NAME", agent == null ? "" : agent.agent());
        channel.setVariable("EARSHOT_ROUTE", route);
    }
}
