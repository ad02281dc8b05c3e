package org.earshot.server.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.earshot.server.demo.DemoFloor.Agent;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;

/**
 * The agents' state changes over the demo days (logged in, on a call, on hold, wrap-up, logged out),
 * derived from their shifts and the calls they took: what the live agent board would have stored,
 * so occupancy has something to measure.
 */
final class AgentShifts {

    /** The agent does {@code activity} from {@code at} (the keys of {@link org.earshot.telephony.AgentActivity}). */
    record Change(String agent, String activity, Instant at) {
    }

    /** After a transfer the first agent notes the hand-over before the next call (shorter than the simulator's gap). */
    private static final long TRANSFER_WRAP_UP_SECONDS = 10;
    /** How long after the end of a shift a call that started in it may still run (the longest demo call is 30 min). */
    private static final java.time.Duration LATE_CALLS = java.time.Duration.ofHours(1);

    private AgentShifts() {
    }

    /** Every change up to {@code now}, per agent in time order (agents in floor order). */
    static List<Change> changes(List<CallRecord> calls, ZoneId zone, LocalDate firstDay, Instant now) {
        List<Change> all = new ArrayList<>();
        LocalDate today = now.atZone(zone).toLocalDate();
        for (Agent agent : DemoFloor.AGENTS) {
            List<Change> own = new ArrayList<>();
            for (CallRecord call : calls) {
                if (call.outcome() == CallOutcome.ANSWERED) {
                    addCall(own, agent.name(), call);
                }
            }
            List<Change> shifts = new ArrayList<>();
            for (LocalDate day = firstDay; !day.isAfter(today); day = day.plusDays(1)) {
                LocalDate d = day;
                agent.shiftOn(day).ifPresent(shift -> {
                    Instant opens = d.atTime(shift.opens()).atZone(zone).toInstant();
                    Instant closes = d.atTime(shift.closes()).atZone(zone).toInstant();
                    // A call still going at the end of the shift is finished (and wrapped up) before logging out.
                    Instant out = own.stream().map(Change::at).filter(t -> t.isAfter(opens) && t.isBefore(closes.plus(LATE_CALLS)))
                            .max(Comparator.naturalOrder()).filter(t -> t.isAfter(closes)).orElse(closes);
                    shifts.add(new Change(agent.name(), "available", opens));
                    shifts.add(new Change(agent.name(), "logged-out", out));
                });
            }
            own.addAll(shifts);
            // Stable sort: at the same instant a shift's start comes after a change listed earlier.
            own.sort(Comparator.comparing(Change::at));
            own.removeIf(c -> c.at().isAfter(now));
            all.addAll(own);
        }
        return all;
    }

    private static void addCall(List<Change> own, String agent, CallRecord call) {
        Instant start = call.answeredAt();
        List<AgentTalk> talks = call.agents();
        for (int i = 0; i < talks.size(); i++) {
            AgentTalk talk = talks.get(i);
            Instant end = start.plusMillis(Math.round(talk.talkSeconds() * 1000));
            if (talk.agent().equals(agent)) {
                boolean last = i == talks.size() - 1;
                own.add(new Change(agent, "on-call", start));
                // Hold belongs to the last agent's part (a transferred caller waits on the new agent's line).
                double hold = Math.min(call.holdSeconds() == null ? 0 : call.holdSeconds(), talk.talkSeconds() * 0.8);
                if (last && hold > 0) {
                    Instant held = start.plusMillis(Math.round((talk.talkSeconds() - hold) * 400));
                    own.add(new Change(agent, "on-hold", held));
                    own.add(new Change(agent, "on-call", held.plusMillis(Math.round(hold * 1000))));
                }
                double wrapUp = last ? (call.wrapUpSeconds() == null ? 0 : call.wrapUpSeconds()) : TRANSFER_WRAP_UP_SECONDS;
                own.add(new Change(agent, "wrap-up", end));
                own.add(new Change(agent, "available", end.plusMillis(Math.round(wrapUp * 1000))));
            }
            start = end;
        }
    }
}
