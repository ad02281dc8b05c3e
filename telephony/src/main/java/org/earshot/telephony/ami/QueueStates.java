package org.earshot.telephony.ami;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.earshot.telephony.QueueBoard;
import org.earshot.telephony.QueueState;
import org.earshot.telephony.WaitingCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link QueueBoard}: the waiting callers per queue are touched only by the call thread ({@link #apply}),
 * readers see the last published immutable list.
 *
 * <p>Positions follow app_queue's own bookkeeping: a caller joining at position p pushes everyone from p on
 * back by one, a caller leaving moves everyone behind it up by one. Asterisk sends no event for those moves.
 *
 * <p>A QueueStatus answer replaces what we knew of each queue it lists, as the agent board's resync does
 * for members: a caller that was waiting when the queue's {@code QueueParams} arrived and is not among its
 * {@code QueueEntry} items by {@code QueueStatusComplete} left while we were not connected. A caller who
 * joins while the answer is on its way is kept.
 */
public final class QueueStates implements QueueBoard {

    private static final Logger LOG = LoggerFactory.getLogger(QueueStates.class);
    private static final Comparator<WaitingCaller> QUEUE_ORDER =
            Comparator.comparingInt(WaitingCaller::position).thenComparing(WaitingCaller::since);

    /** Queue name to its waiting callers by uniqueid; every queue ever seen stays, empty or not. */
    private final Map<String, Map<String, Waiting>> queues = new TreeMap<>();
    /** Uniqueid of a waiting caller to its queue. */
    private final Map<String, String> queueOf = new HashMap<>();
    /** Callers of the queues listed so far in the QueueStatus answer in progress, not yet listed; null when none is. */
    private Set<String> unconfirmed;
    private final List<Consumer<List<QueueState>>> listeners = new CopyOnWriteArrayList<>();
    private volatile List<QueueState> published = List.of();

    @Override
    public List<QueueState> snapshot() {
        return published;
    }

    @Override
    public Optional<QueueState> queue(String name) {
        return published.stream().filter(q -> q.queue().equals(name)).findFirst();
    }

    @Override
    public AutoCloseable subscribe(Consumer<List<QueueState>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Applies one event on the call thread. */
    void apply(AmiEvent event) {
        if (changes(event)) {
            publish();
        }
    }

    /** True when the event may have changed the board. */
    private boolean changes(AmiEvent event) {
        if (event instanceof CallEvent.CallerJoined j) {
            return j.queue() != null && join(j.queue(), j.uniqueId(), j.caller(), j.callerName(), j.position(), j.at());
        } else if (event instanceof CallEvent.CallerLeft left) {
            return leave(left.uniqueId());
        } else if (event instanceof CallEvent.CallerAbandoned abandoned) {
            return leave(abandoned.uniqueId()); // Asterisk sends QueueCallerLeave right after; the first one counts
        } else if (event instanceof CallEvent.ChannelHungUp hangup) {
            return leave(hangup.uniqueId()); // only when its QueueCallerLeave was lost
        } else if (event instanceof MemberEvent member) {
            return member.queue() != null && known(member.queue());
        } else if (event instanceof LinkEvent.QueueListed listed) {
            startListing(listed.queue());
            return false; // published once the whole answer is in, not half-way through it
        } else if (event instanceof LinkEvent.CallerListed listed) {
            listed(listed);
            return unconfirmed == null;
        } else if (event instanceof LinkEvent.QueueListComplete) {
            return endListing();
        } else if (event instanceof LinkEvent.LinkDown) {
            unconfirmed = null; // an answer cut off by the drop proves nothing
        }
        return false;
    }

    private boolean join(String queue, String uniqueId, String caller, String callerName, Integer position,
                         Instant at) {
        if (queue.equals(queueOf.get(uniqueId))) {
            return false;
        }
        leave(uniqueId); // still listed in another queue: its leave was lost
        Map<String, Waiting> callers = callers(queue);
        int place = position == null || position < 1 || position > callers.size() ? callers.size() + 1 : position;
        callers.values().stream().filter(w -> w.position >= place).forEach(w -> w.position++);
        callers.put(uniqueId, new Waiting(uniqueId, caller, callerName, place, at));
        queueOf.put(uniqueId, queue);
        return true;
    }

    private boolean leave(String uniqueId) {
        String queue = queueOf.remove(uniqueId);
        if (queue == null) {
            return false;
        }
        Map<String, Waiting> callers = queues.get(queue);
        Waiting gone = callers.remove(uniqueId);
        callers.values().stream().filter(w -> w.position > gone.position).forEach(w -> w.position--);
        if (unconfirmed != null) {
            unconfirmed.remove(uniqueId);
        }
        return true;
    }

    private void startListing(String queue) {
        if (unconfirmed == null) {
            unconfirmed = new HashSet<>();
        }
        unconfirmed.addAll(callers(queue).keySet());
    }

    /** A QueueEntry: Asterisk's word on the caller's place; when it joined, if we missed that, from its Wait. */
    private void listed(LinkEvent.CallerListed listed) {
        if (unconfirmed != null) {
            unconfirmed.remove(listed.uniqueId());
        }
        Waiting known = listed.queue().equals(queueOf.get(listed.uniqueId()))
                ? queues.get(listed.queue()).get(listed.uniqueId()) : null;
        if (known != null) {
            if (listed.position() != null) {
                known.position = listed.position();
            }
            return;
        }
        leave(listed.uniqueId());
        Map<String, Waiting> callers = callers(listed.queue());
        Instant since = listed.waitSeconds() == null ? listed.at() : listed.at().minusSeconds(listed.waitSeconds());
        int place = listed.position() == null ? callers.size() + 1 : listed.position();
        callers.put(listed.uniqueId(), new Waiting(listed.uniqueId(), listed.caller(), listed.callerName(), place, since));
        queueOf.put(listed.uniqueId(), listed.queue());
        LOG.debug("Caller {} found waiting in queue {} at position {}", listed.uniqueId(), listed.queue(), place);
    }

    private boolean endListing() {
        if (unconfirmed == null) {
            return false;
        }
        for (String gone : List.copyOf(unconfirmed)) {
            LOG.debug("Caller {} no longer waits in queue {}: it left while AMI was down", gone, queueOf.get(gone));
            leave(gone);
        }
        unconfirmed = null;
        return true;
    }

    /** Remembers a queue name; true when it is new. */
    private boolean known(String queue) {
        return queues.putIfAbsent(queue, new LinkedHashMap<>()) == null;
    }

    private Map<String, Waiting> callers(String queue) {
        return queues.computeIfAbsent(queue, q -> new LinkedHashMap<>());
    }

    private void publish() {
        List<QueueState> now = new ArrayList<>(queues.size());
        queues.forEach((queue, callers) -> now.add(new QueueState(queue,
                callers.values().stream().map(Waiting::value).sorted(QUEUE_ORDER).toList())));
        if (now.equals(published)) {
            return;
        }
        published = List.copyOf(now);
        for (Consumer<List<QueueState>> listener : listeners) {
            try {
                listener.accept(published);
            } catch (RuntimeException e) {
                LOG.warn("Queue board listener failed", e);
            }
        }
    }

    /** One waiting caller; call thread only. */
    private static final class Waiting {
        final String uniqueId;
        final String caller;
        final String callerName;
        final Instant since;
        int position;

        Waiting(String uniqueId, String caller, String callerName, int position, Instant since) {
            this.uniqueId = uniqueId;
            this.caller = caller;
            this.callerName = callerName;
            this.position = position;
            this.since = since;
        }

        WaitingCaller value() {
            return new WaitingCaller(uniqueId, caller, callerName, position, since);
        }
    }
}
