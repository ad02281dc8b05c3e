package org.earshot.server.live;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.earshot.telephony.QueueBoard;
import org.earshot.telephony.QueueState;

/** The queue board of a server without AMI: no queue is known, nothing changes. */
public final class NoQueues implements QueueBoard {

    @Override
    public List<QueueState> snapshot() {
        return List.of();
    }

    @Override
    public Optional<QueueState> queue(String name) {
        return Optional.empty();
    }

    @Override
    public AutoCloseable subscribe(Consumer<List<QueueState>> listener) {
        return () -> { };
    }
}
