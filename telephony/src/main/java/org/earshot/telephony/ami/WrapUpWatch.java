package org.earshot.telephony.ami;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.WrapUpRule;

/**
 * Adds wrap-up to finished calls as the {@link WrapUpRule} says. With {@code PAUSE_AFTER_CALL} a call's
 * record waits here until the agent's pause right after it ends (or never starts, or runs past the cap);
 * time moves with event instants and the pipeline's ticks.
 */
final class WrapUpWatch {

    private final WrapUpRule rule;
    /** Last Wrapuptime Asterisk reported per agent (QueueMember* events). */
    private final Map<String, Integer> wrapUpByAgent = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();

    WrapUpWatch(WrapUpRule rule) {
        this.rule = rule;
    }

    /** A finished call; returns the records that are complete now (this one, unless it waits for a pause). */
    List<CallRecord> finished(CallRecord.Builder call, String agent, Instant agentPartEnded, boolean answered) {
        List<CallRecord> out = new ArrayList<>(1);
        if (!answered || agent == null || rule.mode() == WrapUpRule.Mode.NONE) {
            out.add(call.build());
        } else if (rule.mode() == WrapUpRule.Mode.QUEUE_WRAPUPTIME) {
            Integer seconds = wrapUpByAgent.get(agent);
            out.add(call.wrapUpSeconds(seconds == null ? null : seconds.doubleValue()).build());
        } else {
            Pending earlier = pending.put(agent, new Pending(call, agentPartEnded));
            if (earlier != null) {
                out.add(earlier.release(0.0));
            }
        }
        return out;
    }

    /** A queue member event: remembers Wrapuptime, and a pause or unpause may settle a waiting call. */
    List<CallRecord> member(MemberEvent.MemberSeen member) {
        if (member.wrapUpSeconds() != null) {
            wrapUpByAgent.put(member.agent(), member.wrapUpSeconds());
        }
        Pending waiting = pending.get(member.agent());
        if (waiting == null || member.paused() == null) {
            return List.of();
        }
        if (member.paused() && waiting.pauseStart == null
                && !member.at().isAfter(waiting.callEnd.plus(rule.pauseWithin()))) {
            waiting.pauseStart = member.at();
        } else if (!member.paused() && waiting.pauseStart != null) {
            pending.remove(member.agent());
            return List.of(waiting.release(capped(waiting.callEnd, member.at())));
        }
        return List.of();
    }

    /** The agent is rung or answers again: the wrap-up of the previous call is over. */
    List<CallRecord> busyAgain(String agent, Instant at) {
        Pending waiting = agent == null ? null : pending.remove(agent);
        if (waiting == null) {
            return List.of();
        }
        return List.of(waiting.release(waiting.pauseStart == null ? 0.0 : capped(waiting.callEnd, at)));
    }

    /** Settles calls whose pause never came, or has run past the cap. */
    List<CallRecord> tick(Instant now) {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<CallRecord> out = new ArrayList<>();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.pauseStart == null && now.isAfter(p.callEnd.plus(rule.pauseWithin()))) {
                out.add(p.release(0.0));
                it.remove();
            } else if (p.pauseStart != null && now.isAfter(p.callEnd.plus(rule.max()))) {
                out.add(p.release((double) rule.max().toSeconds()));
                it.remove();
            }
        }
        return out;
    }

    /** Hands on every waiting call (shutting down): wrap-up unknown where a pause is still running. */
    List<CallRecord> flush() {
        List<CallRecord> out = new ArrayList<>();
        pending.values().forEach(p -> out.add(p.release(p.pauseStart == null ? 0.0 : null)));
        pending.clear();
        return out;
    }

    private double capped(Instant from, Instant to) {
        long millis = Math.max(0, Math.min(Duration.between(from, to).toMillis(), rule.max().toMillis()));
        return millis / 1000.0;
    }

    private static final class Pending {
        final CallRecord.Builder call;
        final Instant callEnd;
        Instant pauseStart;

        Pending(CallRecord.Builder call, Instant callEnd) {
            this.call = call;
            this.callEnd = callEnd;
        }

        CallRecord release(Double wrapUp) {
            return call.wrapUpSeconds(wrapUp).handleSeconds(null).build();
        }
    }
}
