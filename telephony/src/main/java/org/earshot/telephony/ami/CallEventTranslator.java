package org.earshot.telephony.ami;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on Asterisk-Java's reader thread: copies the few fields the tracker needs out of a library event
 * into a {@link CallEvent} and hands it on. Never blocks and never throws back into the library.
 */
final class CallEventTranslator implements ManagerEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(CallEventTranslator.class);

    private final Clock clock;
    private final Consumer<CallEvent> out;
    /** Event classes already reported at DEBUG, so a chatty PBX does not flood the log. */
    private final Set<Class<?>> reported = ConcurrentHashMap.newKeySet();
    private final Set<Class<?>> failed = ConcurrentHashMap.newKeySet();

    CallEventTranslator(Clock clock, Consumer<CallEvent> out) {
        this.clock = clock;
        this.out = out;
    }

    @Override
    public void onManagerEvent(ManagerEvent event) {
        try {
            CallEvent translated = translate(event);
            if (translated != null) {
                out.accept(translated);
            } else if (reported.add(event.getClass())) {
                LOG.debug("Ignoring AMI events of type {}", event.getClass().getSimpleName());
            }
        } catch (RuntimeException e) {
            // A malformed event must not cost us the connection or later calls.
            if (failed.add(event.getClass())) {
                LOG.debug("Could not translate AMI event {}", event.getClass().getSimpleName(), e);
            }
        }
    }

    /** Returns null for events the tracker does not use. */
    CallEvent translate(ManagerEvent event) {
        if (event instanceof QueueCallerJoinEvent e) {
            return e.getUniqueId() == null ? null : new CallEvent.CallerJoined(e.getUniqueId(), at(e),
                    e.getLinkedId(), known(e.getCallerIdNum()), known(e.getCallerIdName()), e.getQueue());
        }
        if (event instanceof AgentConnectEvent e) {
            // HoldTime and RingTime of AgentConnect are seconds (unlike AgentRingNoAnswer's milliseconds).
            return e.getUniqueId() == null ? null
                    : new CallEvent.AgentConnected(e.getUniqueId(), at(e), e.getMemberName(), e.getHoldTime());
        }
        if (event instanceof AgentCompleteEvent e) {
            return e.getUniqueId() == null ? null : new CallEvent.AgentCompleted(e.getUniqueId(), at(e),
                    e.getMemberName(), e.getHoldTime(), e.getTalkTime(), e.getReason());
        }
        if (event instanceof QueueCallerAbandonEvent e) {
            return e.getUniqueId() == null ? null
                    : new CallEvent.CallerAbandoned(e.getUniqueId(), at(e), e.getHoldTime());
        }
        if (event instanceof VarSetEvent e) {
            // ~40% of a busy AMI stream is VarSet; only the few variables the tracker reads go on.
            return e.getUniqueId() == null || !CallTracker.VARIABLES.contains(e.getVariable()) ? null
                    : new CallEvent.VariableSet(e.getUniqueId(), at(e), e.getVariable(), e.getValue());
        }
        if (event instanceof HangupEvent e) {
            return e.getUniqueId() == null ? null : new CallEvent.ChannelHungUp(e.getUniqueId(), at(e));
        }
        return null;
    }

    /** The event's own Timestamp header (timestampevents=yes) when present, else when we received it. */
    private Instant at(ManagerEvent event) {
        Double timestamp = event.getTimestamp();
        if (timestamp == null) {
            return clock.instant();
        }
        long micros = Math.round(timestamp * 1_000_000d);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** Asterisk writes {@code <unknown>} for a missing caller id. */
    private static String known(String value) {
        return value == null || value.isBlank() || "<unknown>".equals(value) ? null : value;
    }
}
