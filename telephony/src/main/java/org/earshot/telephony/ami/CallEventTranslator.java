package org.earshot.telephony.ami;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.AttendedTransferEvent;
import org.asteriskjava.manager.event.BlindTransferEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DtmfBeginEvent;
import org.asteriskjava.manager.event.DtmfEndEvent;
import org.asteriskjava.manager.event.DtmfEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HoldEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MusicOnHoldStartEvent;
import org.asteriskjava.manager.event.MusicOnHoldStopEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.UnholdEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on Asterisk-Java's reader thread: copies the few fields the tracker needs out of a library event
 * into an {@link AmiEvent} and hands it on. Never blocks and never throws back into the library.
 *
 * <p>Events we do not use (and {@code UserEvent}s) are logged once per type at DEBUG and skipped. Event
 * types Asterisk-Java has no class for never reach us: its event builder drops them (and unknown header
 * fields) itself, so a newer Asterisk cannot break the connection through this listener.
 */
final class CallEventTranslator implements ManagerEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(CallEventTranslator.class);

    private final Clock clock;
    private final Consumer<? super AmiEvent> out;
    /** Event classes already reported at DEBUG, so a chatty PBX does not flood the log. */
    private final Set<Class<?>> reported = ConcurrentHashMap.newKeySet();
    private final Set<Class<?>> failed = ConcurrentHashMap.newKeySet();

    CallEventTranslator(Clock clock, Consumer<? super AmiEvent> out) {
        this.clock = clock;
        this.out = out;
    }

    @Override
    public void onManagerEvent(ManagerEvent event) {
        try {
            AmiEvent translated = translate(event);
            if (translated == null) {
                translated = MemberEventTranslation.translate(event, at(event));
            }
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

    /** Returns null for events the call tracker does not use. */
    CallEvent translate(ManagerEvent event) {
        if (event instanceof QueueCallerJoinEvent e) {
            return e.getUniqueId() == null ? null : new CallEvent.CallerJoined(e.getUniqueId(), at(e),
                    e.getLinkedId(), known(e.getCallerIdNum()), known(e.getCallerIdName()), e.getQueue(),
                    known(e.getExten()), e.getPosition());
        }
        if (event instanceof QueueCallerLeaveEvent e) {
            return e.getUniqueId() == null ? null
                    : new CallEvent.CallerLeft(e.getUniqueId(), at(e), e.getQueue(), e.getPosition());
        }
        if (event instanceof AgentCalledEvent e) {
            return e.getUniqueId() == null ? null : new CallEvent.AgentRinging(e.getUniqueId(), at(e),
                    e.getLinkedId(), known(e.getCallerIdNum()), e.getQueue(), e.getMemberName(), e.getInterface());
        }
        if (event instanceof AgentRingNoAnswerEvent e) {
            return e.getUniqueId() == null ? null : new CallEvent.RingNoAnswer(e.getUniqueId(), at(e),
                    e.getMemberName(), e.getInterface(), e.getRingtime());
        }
        if (event instanceof AgentConnectEvent e) {
            // HoldTime and RingTime of AgentConnect are seconds (unlike AgentRingNoAnswer's milliseconds).
            return e.getUniqueId() == null ? null : new CallEvent.AgentConnected(e.getUniqueId(), at(e),
                    e.getMemberName(), e.getHoldTime(), e.getInterface(), e.getQueue(), e.getLinkedId(),
                    known(e.getCallerIdNum()));
        }
        if (event instanceof AgentCompleteEvent e) {
            return e.getUniqueId() == null ? null : new CallEvent.AgentCompleted(e.getUniqueId(), at(e),
                    e.getMemberName(), e.getHoldTime(), e.getTalkTime(), e.getReason(), e.getInterface(), e.getQueue());
        }
        if (event instanceof QueueCallerAbandonEvent e) {
            return e.getUniqueId() == null ? null
                    : new CallEvent.CallerAbandoned(e.getUniqueId(), at(e), e.getHoldTime(), e.getPosition());
        }
        return channelEvent(event);
    }

    private CallEvent channelEvent(ManagerEvent event) {
        if (event instanceof VarSetEvent e) {
            // ~40% of a busy AMI stream is VarSet; only the few variables the tracker reads go on.
            return e.getUniqueId() == null || !CallTracker.VARIABLES.contains(e.getVariable()) ? null
                    : new CallEvent.VariableSet(e.getUniqueId(), at(e), e.getVariable(), e.getValue());
        }
        if (event instanceof HangupEvent e) {
            return e.getUniqueId() == null ? null
                    : new CallEvent.ChannelHungUp(e.getUniqueId(), at(e), e.getLinkedId());
        }
        if (event instanceof HoldEvent e) {
            return e.getUniqueId() == null ? null
                    : new CallEvent.HoldChanged(e.getUniqueId(), at(e), e.getLinkedId(), true);
        }
        if (event instanceof UnholdEvent e) {
            return e.getUniqueId() == null ? null
                    : new CallEvent.HoldChanged(e.getUniqueId(), at(e), e.getLinkedId(), false);
        }
        if (event instanceof MusicOnHoldStartEvent e) {
            return e.getUniqueId() == null ? null
                    : new CallEvent.HoldChanged(e.getUniqueId(), at(e), e.getLinkedId(), true);
        }
        if (event instanceof MusicOnHoldStopEvent e) {
            return e.getUniqueId() == null ? null
                    : new CallEvent.HoldChanged(e.getUniqueId(), at(e), e.getLinkedId(), false);
        }
        if (event instanceof DialBeginEvent e) {
            return e.getUniqueId() == null || e.getDestUniqueId() == null ? null : new CallEvent.DialBegan(
                    e.getUniqueId(), at(e), e.getLinkedId(), e.getChannel(), known(e.getCallerIdNum()),
                    known(e.getCallerIdName()), known(e.getExten()), e.getDestUniqueId(), e.getDestChannel());
        }
        if (event instanceof DialEndEvent e) {
            return e.getUniqueId() == null || e.getDestUniqueId() == null ? null : new CallEvent.DialEnded(
                    e.getUniqueId(), at(e), e.getDestUniqueId(), e.getDestChannel(), e.getDialStatus());
        }
        if (event instanceof DtmfBeginEvent || event instanceof DtmfEndEvent) {
            return keyPressed((DtmfEvent) event);
        }
        if (event instanceof MixMonitorMuteEvent e) {
            return mute(e);
        }
        if (event instanceof BlindTransferEvent e) {
            return e.getTransfereeUniqueId() == null ? null : new CallEvent.Transferred(e.getTransfereeUniqueId(),
                    at(e), false, target(e.getExtension(), e.getContext()));
        }
        if (event instanceof AttendedTransferEvent e) {
            return e.getTransfereeUniqueid() == null ? null : new CallEvent.Transferred(e.getTransfereeUniqueid(),
                    at(e), true, target(e.getTransferTargetExten(), e.getTransferTargetContext()));
        }
        return null;
    }

    /** Never reads {@code getDigit()}: the digit is card data (and the connector's event classes drop it anyway). */
    private CallEvent keyPressed(DtmfEvent e) {
        if (e.getUniqueId() == null || e.getDirection() == null) {
            return null;
        }
        boolean received = DtmfEvent.DIRECTION_RECEIVED.equalsIgnoreCase(e.getDirection().trim());
        Integer duration = e instanceof DtmfEndEvent end ? end.getDurationMs() : null;
        return new CallEvent.KeyPressed(e.getUniqueId(), at(e), e.getLinkedId(), received, e instanceof DtmfEndEvent,
                duration);
    }

    /** Null for a direction or state Asterisk does not send (the event is then of no use). */
    private CallEvent mute(MixMonitorMuteEvent e) {
        String direction = e.getDirection() == null ? "" : e.getDirection().trim().toLowerCase(Locale.ROOT);
        boolean read = direction.equals("read") || direction.equals("both");
        boolean write = direction.equals("write") || direction.equals("both");
        String state = e.getState() == null ? "" : e.getState().trim();
        if (e.getUniqueId() == null || !(read || write) || !(state.equals("0") || state.equals("1"))) {
            return null;
        }
        return new CallEvent.MuteChanged(e.getUniqueId(), at(e), e.getLinkedId(), read, write, state.equals("1"));
    }

    /** The event's own Timestamp header (timestampevents=yes) when present, else when we received it. */
    Instant at(ManagerEvent event) {
        Double timestamp = event.getTimestamp();
        if (timestamp == null) {
            return clock.instant();
        }
        long micros = Math.round(timestamp * 1_000_000d);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static String target(String exten, String context) {
        if (exten == null) {
            return null;
        }
        return context == null || context.isBlank() ? exten : exten + "@" + context;
    }

    /** Asterisk writes {@code <unknown>} for a missing caller id. */
    static String known(String value) {
        return value == null || value.isBlank() || "<unknown>".equals(value) ? null : value;
    }
}
