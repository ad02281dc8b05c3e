package org.earshot.telephony.ami;

import java.time.Instant;
import org.asteriskjava.manager.event.AbstractQueueMemberEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.CoreShowChannelsCompleteEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberPausedEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.event.QueueStatusCompleteEvent;

/**
 * Queue member events, the items of the QueueStatus and CoreShowChannels listings, and connection events of
 * Asterisk-Java into our records; null for anything else.
 */
final class MemberEventTranslation {

    private MemberEventTranslation() {
    }

    static AmiEvent translate(ManagerEvent event, Instant at) {
        if (event instanceof QueueMemberStatusEvent e) { // a subclass of QueueMemberEvent: test it first
            return member(at, e.getQueue(), e.getMemberName(), e.getInterface(), e.getPaused(), e.getPausedreason(),
                    e.getStatus(), flag(e.getIncall()), e.getCallsTaken(), e.getWrapuptime(), false);
        }
        if (event instanceof QueueMemberEvent e) {
            // QueueStatus items name the agent "Name:" where every other member event says "MemberName:".
            String name = e.getName() != null ? e.getName() : e.getMemberName();
            return member(at, e.getQueue(), name, e.getLocation(), e.getPaused(), e.getPausedreason(), e.getStatus(),
                    flag(e.getIncall()), e.getCallsTaken(), e.getWrapuptime(), true);
        }
        if (event instanceof QueueMemberPausedEvent e) {
            // Asterisk 22's QueueMemberPause fills QueueMemberPauseEvent's own pausedreason field, which
            // hides the inherited getPausedReason(): without it every real pause came without its reason.
            String reason = e instanceof QueueMemberPauseEvent p && p.getPausedreason() != null ? p.getPausedreason()
                    : e.getPausedReason() != null ? e.getPausedReason() : e.getReason();
            return member(at, e.getQueue(), e.getMemberName(), e.getInterface(), e.getPaused(), reason, null,
                    flag(e.getInCall()), null, null, false);
        }
        if (event instanceof QueueMemberAddedEvent e) {
            return member(at, e.getQueue(), e.getMemberName(), e.getInterface(), e.getPaused(), e.getPausedReason(),
                    e.getStatus(), flag(e.getInCall()), e.getCallsTaken(), null, false);
        }
        if (event instanceof QueueMemberRemovedEvent e) {
            String name = name(e);
            return name == null ? null : new MemberEvent.MemberRemoved(at, e.getQueue(), name, e.getInterface());
        }
        if (event instanceof QueueParamsEvent e) {
            return e.getQueue() == null ? null : new LinkEvent.QueueListed(at, e.getQueue());
        }
        if (event instanceof QueueEntryEvent e) {
            // Asterisk 22 sends CallerIDNum/CallerIDName here; Asterisk-Java keeps an older "CallerID:" apart.
            String number = e.getCallerIdNum() != null ? e.getCallerIdNum() : e.getCallerId();
            return e.getQueue() == null || e.getUniqueId() == null ? null : new LinkEvent.CallerListed(at, e.getQueue(),
                    e.getUniqueId(), CallEventTranslator.known(number), CallEventTranslator.known(e.getCallerIdName()),
                    e.getPosition(), e.getWait());
        }
        if (event instanceof QueueStatusCompleteEvent) {
            return new LinkEvent.QueueListComplete(at);
        }
        if (event instanceof CoreShowChannelEvent e) {
            // Only the answer to our own resync says what is up now; a listing another client asked for, or
            // an old one sent again by a proxy, must not end the calls it does not name.
            return e.getUniqueid() == null || e.getInternalActionId() == null ? null : new LinkEvent.ChannelListed(at, e.getUniqueid(), e.getLinkedid(),
                    e.getChannel(), e.getApplication(), CallEventTranslator.known(e.getCallerIdNum()),
                    e.getExten(), seconds(e.getDuration()));
        }
        if (event instanceof CoreShowChannelsCompleteEvent e) {
            return e.getInternalActionId() == null ? null : new LinkEvent.ChannelListComplete(at);
        }
        if (event instanceof ConnectEvent) {
            return new LinkEvent.LinkUp(at);
        }
        if (event instanceof DisconnectEvent) {
            return new LinkEvent.LinkDown(at);
        }
        return null;
    }

    private static MemberEvent member(Instant at, String queue, String name, String iface, Boolean paused,
                                      String reason, Integer status, Boolean inCall, Integer calls, Integer wrapUp,
                                      boolean listed) {
        String agent = name != null ? name : iface;
        return agent == null ? null : new MemberEvent.MemberSeen(at, queue, agent, iface, paused,
                reason == null || reason.isBlank() ? null : reason, status, inCall, calls, wrapUp, listed);
    }

    private static String name(AbstractQueueMemberEvent e) {
        return e.getMemberName() != null ? e.getMemberName() : e.getInterface();
    }

    private static Boolean flag(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return "1".equals(text) || "true".equalsIgnoreCase(text) || "yes".equalsIgnoreCase(text);
    }

    /** CoreShowChannel's Duration is {@code HH:MM:SS}. */
    static long seconds(String duration) {
        if (duration == null || duration.isBlank()) {
            return 0;
        }
        long total = 0;
        for (String part : duration.trim().split(":")) {
            try {
                total = total * 60 + Long.parseLong(part.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return total;
    }
}
