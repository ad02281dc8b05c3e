package org.earshot.telephony.ami;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * The channel each agent talks on now, for ChanSpy: {@code AgentConnect}'s {@code DestChannel}, the member leg
 * Asterisk bridged with the caller. For a {@code Local/1001@agents/n} member that is the {@code ;1} half
 * ({@code Local/1001@agents-00000001;1}): ChanSpy takes a name prefix, and the interface itself matches no channel.
 * Forgotten at {@code AgentComplete} or that channel's {@code Hangup}.
 *
 * <p>Fed on Asterisk-Java's reader thread (map updates only, never blocks), read from any thread.
 */
final class SpyTargets {

    /** An agent's bridged leg. */
    record Leg(String channel, String uniqueId) {
    }

    private final Map<String, Leg> byAgent = new ConcurrentHashMap<>();

    void onEvent(ManagerEvent event) {
        if (event instanceof AgentConnectEvent e && e.getMemberName() != null && e.getDestChannel() != null) {
            byAgent.put(e.getMemberName(), new Leg(e.getDestChannel(), e.getDestUniqueId()));
        } else if (event instanceof AgentCompleteEvent e && e.getMemberName() != null) {
            Leg leg = byAgent.get(e.getMemberName());
            if (leg != null && (e.getDestUniqueId() == null || e.getDestUniqueId().equals(leg.uniqueId()))) {
                byAgent.remove(e.getMemberName(), leg);
            }
        } else if (event instanceof HangupEvent e && e.getUniqueId() != null) {
            byAgent.values().removeIf(leg -> e.getUniqueId().equals(leg.uniqueId()));
        }
    }

    /** The leg {@code agent} (MemberName) is on now, or null. */
    Leg of(String agent) {
        return byAgent.get(agent);
    }
}
