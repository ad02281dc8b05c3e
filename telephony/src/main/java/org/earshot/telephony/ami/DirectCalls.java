package org.earshot.telephony.ami;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound calls that reach an agent without a queue ({@code Dial(PJSIP/1001)}, {@code Dial(Local/1001@agents/n)},
 * e.g. after the {@code route} AGI script): followed from {@code DialBegin} to the caller's {@code Hangup}.
 *
 * <p>A DialBegin opens one only when its calling channel is inbound: not a queue caller (Queue() rings its
 * members with DialBegin too), not another channel of a call already followed (an agent's own {@code ;2}
 * leg dialling the phone, a transfer), and not an agent's device (an agent calling out). Who was dialled
 * is matched against the queue members' interfaces seen in QueueMember* events; a device no member has
 * is named by its channel without the per-call suffix ({@code PJSIP/1009-0000002a} → {@code PJSIP/1009}).
 *
 * <p>A member rung this way is on the agent board like one rung by a queue: {@link #agentEvents()} hands on
 * the same {@code AgentRinging} / {@code RingNoAnswer} / {@code AgentConnected} / {@code AgentCompleted}
 * records Asterisk's Agent* events would have given, built from the Dial events. A device no member has is
 * not on the board.
 *
 * <p>Not thread-safe: the {@link CallTracker}'s thread only.
 */
final class DirectCalls {

    private static final Logger LOG = LoggerFactory.getLogger(DirectCalls.class);
    /** The per-channel counter Asterisk appends, {@code -0000002a}, and the Local half, {@code ;1}. */
    private static final Pattern CHANNEL_SUFFIX = Pattern.compile("(-[0-9a-fA-F]{8})?(;[12])?$");
    /** Local channel options after the context in a member interface: {@code Local/1001@agents/n}. */
    private static final Pattern LOCAL_OPTIONS = Pattern.compile("(?i)^(local/[^/]+)/[a-z]+$");

    /** Member name by device key (see {@link #device}); kept after QueueMemberRemoved: direct dials still reach them. */
    private final Map<String, Member> agentByDevice = new HashMap<>();
    /** Member by extension ({@code 1001} of {@code Local/1001@agents/n} or {@code PJSIP/1001}); AMBIGUOUS when shared. */
    private final Map<String, Member> agentByExten = new HashMap<>();
    private final Map<String, DirectCall> calls = CallTracker.boundedMap("direct call");
    private final Map<String, DirectCall> byLinkedId = CallTracker.boundedMap("direct linked call");
    private final Map<String, DirectCall> byLeg = CallTracker.boundedMap("direct call leg");
    /** Members' legs ringing now, by DestUniqueid. */
    private final Map<String, Ring> ringing = CallTracker.boundedMap("direct ringing leg");
    /** The member on each answered call, by the caller's uniqueid, until one side hangs up. */
    private final Map<String, Talk> talking = CallTracker.boundedMap("direct call talk");
    /** Agent events for the board, oldest first, until {@link #agentEvents()} takes them. */
    private final List<CallEvent> agentEvents = new ArrayList<>();

    /** Remembers which member an interface belongs to. */
    void member(MemberEvent event) {
        String iface = event instanceof MemberEvent.MemberSeen s ? s.agentInterface()
                : ((MemberEvent.MemberRemoved) event).agentInterface();
        if (iface != null && !iface.equals(event.agent())) {
            Member member = new Member(event.agent(), iface);
            String device = device(iface).toLowerCase(Locale.ROOT);
            agentByDevice.put(device, member);
            agentByExten.merge(exten(device), member, (known, added) -> known.name.equals(added.name) ? added : AMBIGUOUS);
        }
    }

    /** A DialBegin; {@code inOtherCall} when its channel belongs to a queue call being followed. */
    void dialBegan(CallEvent.DialBegan dial, boolean inOtherCall) {
        DirectCall call = calls.get(dial.uniqueId());
        if (call == null) {
            if (inOtherCall || dial.linkedId() != null && byLinkedId.containsKey(dial.linkedId())
                    || dial.channel() != null && member(dial.channel()) != null) {
                return; // an agent leg, a transfer, or an agent calling out: not an inbound call
            }
            call = new DirectCall(dial);
            calls.put(dial.uniqueId(), call);
            if (dial.linkedId() != null) {
                byLinkedId.put(dial.linkedId(), call);
            }
            LOG.info("Call {} dials {} directly", dial.uniqueId(), dial.destChannel()); // never the caller's number
        }
        String device = dial.destChannel() == null ? dial.destUniqueId() : device(dial.destChannel());
        Member member = dial.destChannel() == null ? null : member(dial.destChannel());
        call.dialled(dial, member != null ? member.name : device, member != null ? member.iface
                : dial.destChannel() == null ? null : device);
        byLeg.put(dial.destUniqueId(), call);
        if (member != null && ringing.putIfAbsent(dial.destUniqueId(), new Ring(call, member, dial.at())) == null) {
            agentEvents.add(new CallEvent.AgentRinging(call.first.uniqueId(), dial.at(), call.first.linkedId(),
                    call.first.caller(), null, member.name, member.iface));
        }
    }

    void dialEnded(CallEvent.DialEnded end) {
        DirectCall call = calls.get(end.uniqueId());
        String agent = call == null ? null : call.dialEnded(end);
        if (agent != null) {
            LOG.info("Call {} answered directly by {}", end.uniqueId(), agent);
        }
        Ring ring = ringing.remove(end.destUniqueId());
        if (ring != null && agent != null) {
            talking.put(ring.call.first.uniqueId(), new Talk(ring.member, end.at()));
            agentEvents.add(new CallEvent.AgentConnected(ring.call.first.uniqueId(), end.at(), ring.member.name, null,
                    ring.member.iface, null, ring.call.first.linkedId(), ring.call.first.caller()));
        } else if (ring != null) {
            stoppedRinging(ring, end.at());
        }
    }

    /** Agent events derived since the last call, oldest first; each is handed out once. */
    List<CallEvent> agentEvents() {
        if (agentEvents.isEmpty()) {
            return List.of();
        }
        List<CallEvent> out = List.copyOf(agentEvents);
        agentEvents.clear();
        return out;
    }

    /** A Hangup: returns the call it ended (its caller channel hung up), else null. */
    DirectCall hungUp(CallEvent.ChannelHungUp hangup) {
        DirectCall leg = byLeg.remove(hangup.uniqueId());
        if (leg != null && leg.isAnsweringLeg(hangup.uniqueId())) {
            leg.agentHungUp(hangup.at());
            talkEnded(leg, hangup.at(), "agent");
        }
        DirectCall call = calls.get(hangup.uniqueId());
        if (call != null) {
            forget(call, hangup.at());
        }
        return call;
    }

    DirectCall call(String uniqueId) {
        return calls.get(uniqueId);
    }

    DirectCall byLinkedId(String linkedId) {
        return linkedId == null ? null : byLinkedId.get(linkedId);
    }

    /** The caller went on into a queue (a Dial that failed, then Queue()): the queue call's record covers it. */
    DirectCall discard(String uniqueId, Instant at) {
        DirectCall call = calls.get(uniqueId);
        if (call != null) {
            forget(call, at);
            LOG.debug("Call {} dialled directly, then joined a queue: recorded as a queue call", uniqueId);
        }
        return call;
    }

    void linkDown() {
        calls.values().forEach(call -> {
            call.gap = true;
            call.applied.rewind();
        });
    }

    /** Calls open across a drop with no new event since. */
    List<DirectCall> silentSinceDrop() {
        return calls.values().stream().filter(c -> c.gap && !c.applied.heard()).toList();
    }

    /** After a channel listing at {@code at}: calls that spanned a drop and whose caller channel is gone. */
    List<DirectCall> gone(Set<String> up, Instant at) {
        List<DirectCall> gone = new ArrayList<>();
        for (DirectCall call : List.copyOf(calls.values())) {
            if (call.gap && !up.contains(call.first.uniqueId())) {
                forget(call, at);
                gone.add(call);
            }
        }
        return gone;
    }

    int size() {
        return calls.size();
    }

    /** The call is over at {@code at}: its member, if still on the board as busy with it, is free again. */
    private void forget(DirectCall call, Instant at) {
        calls.remove(call.first.uniqueId());
        if (call.first.linkedId() != null) {
            byLinkedId.remove(call.first.linkedId(), call);
        }
        byLeg.values().removeIf(c -> c == call);
        talkEnded(call, at, "caller");
        for (Iterator<Ring> rings = ringing.values().iterator(); rings.hasNext(); ) {
            Ring ring = rings.next();
            if (ring.call == call) {
                rings.remove();
                stoppedRinging(ring, at);
            }
        }
    }

    private void talkEnded(DirectCall call, Instant at, String reason) {
        Talk talk = talking.remove(call.first.uniqueId());
        if (talk != null) {
            agentEvents.add(new CallEvent.AgentCompleted(call.first.uniqueId(), at, talk.member.name, null,
                    Duration.between(talk.since, at).toSeconds(), reason, talk.member.iface, null));
        }
    }

    private void stoppedRinging(Ring ring, Instant at) {
        agentEvents.add(new CallEvent.RingNoAnswer(ring.call.first.uniqueId(), at, ring.member.name, ring.member.iface,
                Duration.between(ring.since, at).toMillis()));
    }

    /** The member a channel reaches: same device as its interface, else the one member with its extension. */
    private Member member(String channel) {
        String device = device(channel).toLowerCase(Locale.ROOT);
        Member member = agentByDevice.get(device);
        if (member == null) {
            member = agentByExten.get(exten(device));
        }
        return member == AMBIGUOUS ? null : member;
    }

    /** {@code 1001} of {@code local/1001@agents} and of {@code pjsip/1001}. */
    private static String exten(String device) {
        int slash = device.indexOf('/');
        int at = device.indexOf('@', slash + 1);
        return device.substring(slash + 1, at > slash ? at : device.length());
    }

    /** A queue member as QueueMember* events name it. */
    private record Member(String name, String iface) {
    }

    /** A member's leg of a call, ringing since a DialBegin. */
    private record Ring(DirectCall call, Member member, Instant since) {
    }

    /** A member talking on a call since its DialEnd ANSWER. */
    private record Talk(Member member, Instant since) {
    }

    private static final Member AMBIGUOUS = new Member("", "");

    /**
     * The device a channel or member interface stands for, e.g. {@code PJSIP/1001-0000002a} → {@code PJSIP/1001},
     * {@code Local/1001@agents-00000001;1} and {@code Local/1001@agents/n} → {@code Local/1001@agents}.
     */
    static String device(String channelOrInterface) {
        String name = CHANNEL_SUFFIX.matcher(channelOrInterface.trim()).replaceFirst("");
        var local = LOCAL_OPTIONS.matcher(name);
        return local.matches() ? local.group(1) : name;
    }
}
