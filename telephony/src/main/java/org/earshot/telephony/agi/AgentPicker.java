package org.earshot.telephony.agi;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.earshot.telephony.AgentState;

/**
 * SPEC's assignment rules over the available agents of one queue. Holds the round-robin position per queue
 * (in memory: a restart begins again at the first name, which the rule allows).
 */
final class AgentPicker {

    private static final Comparator<String> NAME_ORDER =
            String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());
    private static final Comparator<AgentState> BY_NAME = Comparator.comparing(AgentState::agent, NAME_ORDER);

    private final Map<String, String> lastChosen = new ConcurrentHashMap<>();

    /** The next agent after the last one chosen for this queue, alphabetically, wrapping round. */
    Optional<AgentState> roundRobin(String queue, List<AgentState> available) {
        List<AgentState> sorted = available.stream().sorted(BY_NAME).toList();
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        AgentState[] chosen = new AgentState[1];
        // compute() makes read-choose-write atomic per queue when calls arrive together.
        lastChosen.compute(queue, (q, last) -> {
            chosen[0] = last == null ? sorted.get(0) : sorted.stream()
                    .filter(a -> NAME_ORDER.compare(a.agent(), last) > 0).findFirst().orElse(sorted.get(0));
            return chosen[0].agent();
        });
        return Optional.of(chosen[0]);
    }

    /** The agent with the fewest calls handled today (counts of an earlier day are 0), ties by name. */
    Optional<AgentState> balanced(List<AgentState> available, LocalDate today) {
        Comparator<AgentState> fewest = Comparator.comparingInt(a -> callsToday(a, today));
        return available.stream().min(fewest.thenComparing(BY_NAME));
    }

    private static int callsToday(AgentState a, LocalDate today) {
        return a.today() != null && today.equals(a.today().date()) ? a.today().callsHandled() : 0;
    }
}
