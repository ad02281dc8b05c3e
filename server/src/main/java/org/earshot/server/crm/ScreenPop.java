package org.earshot.server.crm;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.earshot.server.store.CallCrmStore;
import org.earshot.telephony.AgentState;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.QueueState;
import org.earshot.telephony.WaitingCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screen-pop: a caller who joins a queue (or rings an agent) is looked up in the CRM; the live wall
 * shows the name and a link to the record once the CRM answered, and the call is stored with its CRM id.
 * Every step is asynchronous: the boards' listeners only start lookups, the wall shows the caller without
 * a name until the answer comes, and {@link #onAnswer} listeners push it then.
 *
 * <pre>{@code
 * queues.subscribe(wall -> { hub.publish(QueueView.of(wall, pop)); pop.queuesChanged(wall); });
 * pop.onAnswer(caller -> hub.publish(QueueView.of(queues.snapshot(), pop)));
 * intake: (call, isNew) -> pop.callStored(call);
 * }</pre>
 */
public final class ScreenPop implements CallerCards {

    private static final Logger log = LoggerFactory.getLogger(ScreenPop.class);

    private final CrmLookup lookup;
    private final CrmSettings settings;
    private final CallCrmStore links;
    private final Clock clock;
    private final List<Consumer<String>> answered = new CopyOnWriteArrayList<>();
    // The waiting callers (uniqueids) whose lookup has started: a queue change must not ask again for each.
    private volatile Set<String> asked = Set.of();

    /**
     * @param lookup   the CRM lookup, or null on a node without {@code crm.lookup-url}: then nothing is
     *                 looked up, and calls linked earlier are still shown with their CRM id
     * @param settings the lookup's settings (for the record links), or null with it
     */
    public ScreenPop(CrmLookup lookup, CrmSettings settings, CallCrmStore links, Clock clock) {
        this.lookup = lookup;
        this.settings = settings;
        this.links = links;
        this.clock = clock;
    }

    /** Calls {@code listener} with a caller number whose CRM card became known, on the lookup's thread. */
    public void onAnswer(Consumer<String> listener) {
        answered.add(listener);
    }

    /** The queue wall changed: looks up each caller who joined since the last change. Never waits. */
    public void queuesChanged(List<QueueState> wall) {
        if (lookup == null) {
            return;
        }
        Set<String> waiting = new HashSet<>();
        for (QueueState queue : wall) {
            for (WaitingCaller caller : queue.callers()) {
                waiting.add(caller.uniqueId());
                if (!asked.contains(caller.uniqueId())) {
                    lookUp(caller.caller());
                }
            }
        }
        asked = Set.copyOf(waiting);
    }

    /** An agent's state changed: a caller routed straight to the agent never waited in a queue. Never waits. */
    public void agentChanged(AgentState agent) {
        if (lookup != null && agent.caller() != null && lookup.known(agent.caller()).isEmpty()) {
            lookUp(agent.caller());
        }
    }

    private void lookUp(String caller) {
        if (caller == null || lookup.known(caller).isPresent()) {
            return;
        }
        lookup.find(caller).thenAccept(contact -> contact.ifPresent(c -> {
            for (Consumer<String> listener : answered) {
                try {
                    listener.accept(caller);
                } catch (RuntimeException e) {
                    log.warn("Showing the CRM answer on the live wall failed", e);
                }
            }
        }));
    }

    /** The caller's card when the CRM answered already; never waits. */
    @Override
    public Optional<CrmCard> card(String caller) {
        if (lookup == null || caller == null) {
            return Optional.empty();
        }
        return lookup.known(caller).filter(c -> c.crmId() != null).map(this::card);
    }

    /**
     * A call was stored: links it to its caller's CRM record, from the cache (the caller was looked up on
     * joining the queue) or once the CRM answers. Never waits.
     */
    public void callStored(CallRecord call) {
        if (lookup == null || call.caller() == null) {
            return;
        }
        lookup.find(call.caller()).thenAccept(contact -> contact.filter(c -> c.crmId() != null).ifPresent(c -> {
            if (c.crmId().length() > CallCrmStore.MAX_ID) {
                log.warn("Call {} not linked to its CRM record: the id is longer than {} characters", call.uniqueId(),
                        CallCrmStore.MAX_ID);
                return;
            }
            try {
                if (links.link(call.uniqueId(), c.crmId(), c.name(), clock.instant())) {
                    log.info("Call {} linked to CRM record {}", call.uniqueId(), c.crmId());
                }
            } catch (RuntimeException e) {
                log.warn("Linking call {} to CRM record {} failed", call.uniqueId(), c.crmId(), e);
            }
        }));
    }

    /** The CRM record a stored call was linked to, with its link when {@code crm.record-url} is set. */
    public Optional<CrmCard> ofCall(String callId) {
        return links.find(callId).map(l -> new CrmCard(l.crmId(), l.crmName(), settings == null ? null
                : settings.recordUrl(l.crmId())));
    }

    /** The caller's name for FastAGI's lookup script: waits at most the lookup's timeout. */
    public Optional<String> callerName(String caller) {
        return lookup == null ? Optional.empty() : lookup.await(caller).map(CrmContact::name);
    }

    private CrmCard card(CrmContact contact) {
        return new CrmCard(contact.crmId(), contact.name(), settings.recordUrl(contact.crmId()));
    }
}
