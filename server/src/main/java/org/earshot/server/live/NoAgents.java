package org.earshot.server.live;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.earshot.telephony.AgentBoard;
import org.earshot.telephony.AgentState;

/** The agent board of a server without AMI: nobody is known, nothing changes. */
public final class NoAgents implements AgentBoard {

    @Override
    public List<AgentState> snapshot() {
        return List.of();
    }

    @Override
    public Optional<AgentState> agent(String name) {
        return Optional.empty();
    }

    @Override
    public AutoCloseable subscribe(Consumer<AgentState> listener) {
        return () -> { };
    }
}
