package org.earshot.server.demo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import org.earshot.server.demo.DemoFloor.Agent;
import org.earshot.server.demo.DemoFloor.Queue;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.Transfer;

/**
 * Now and then an agent hands the caller to a colleague of another queue (a sales caller with a
 * billing question): a blind or attended transfer to a free agent of that queue, as one call with
 * each agent's share of the talk, the way the call tracker records it.
 */
final class Transfers {

    /**
     * Who talked on an answered call.
     *
     * @param firstAgentFreeAt when a transferring agent is free again (after a short wrap-up), empty without transfer
     */
    record Handled(List<AgentTalk> talks, List<Transfer> transfers, double talkSeconds, Agent lastAgent,
                   Optional<Instant> firstAgentFreeAt) {
        static Handled alone(Agent agent, double talk) {
            return new Handled(List.of(new AgentTalk(agent.name(), agent.iface(), CallSimulator.round(talk), 1.0)), List.of(),
                    talk, agent, Optional.empty());
        }
    }

    private final Random random;
    private final BiFunction<Queue, Instant, List<Agent>> freeAgents;

    /** @param freeAgents skilled agents of a queue free and on shift at an instant */
    Transfers(Random random, BiFunction<Queue, Instant, List<Agent>> freeAgents) {
        this.random = random;
        this.freeAgents = freeAgents;
    }

    /** The call transferred part-way to a free agent of the queue that handles the question, or alone when nobody is free. */
    Handled maybeTransfer(Queue queue, Agent agent, Instant answered, double talk) {
        Queue target = DemoFloor.queue(queue.name().equals("billing") ? "support" : "billing");
        double firstPart = CallSimulator.round(talk * (0.3 + random.nextDouble() * 0.2));
        Instant at = answered.plusMillis(Math.round(firstPart * 1000));
        Agent to = freeAgents.apply(target, at).stream().filter(a -> a != agent).findFirst().orElse(null);
        if (to == null) {
            return Handled.alone(agent, talk);
        }
        double secondPart = CallSimulator.round(CallSimulator.clamp(
                target.talkMeanSeconds() * to.talkFactor() * 0.6 * Math.exp(0.4 * random.nextGaussian()), 40, 1200));
        double total = firstPart + secondPart;
        Transfer.Kind kind = random.nextDouble() < 0.6 ? Transfer.Kind.BLIND : Transfer.Kind.ATTENDED;
        return new Handled(List.of(new AgentTalk(agent.name(), agent.iface(), firstPart, firstPart / total),
                new AgentTalk(to.name(), to.iface(), secondPart, secondPart / total)),
                List.of(new Transfer(kind, agent.name(), to.extension() + "@agents", at)), total, to,
                Optional.of(at.plusSeconds(10 + random.nextInt(15))));
    }
}
