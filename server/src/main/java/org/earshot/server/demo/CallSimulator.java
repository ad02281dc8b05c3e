package org.earshot.server.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.earshot.server.demo.Callers.Caller;
import org.earshot.server.demo.DemoFloor.Agent;
import org.earshot.server.demo.DemoFloor.Hours;
import org.earshot.server.demo.DemoFloor.Queue;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.HangupSide;
import org.earshot.telephony.RingAttempt;

/**
 * Plays a few days of the demo floor forward, one arrival at a time in time order: each caller waits
 * for the skilled agent on shift who is free first (ties: fewest calls today, as the {@code balanced}
 * rule), gives up when their patience runs out first, or is sent out by the queue's timeout. Waits,
 * abandons and service level therefore follow the load of each hour rather than being drawn at
 * random. Unresolved and unanswered callers call again later, which is what makes FCR fall below 1.
 * Everything is drawn from one seeded {@link Random}, so a seed and an instant give the same calls.
 */
final class CallSimulator {

    /** Share of callers who hang up within seconds (misdials, changed minds): the short abandons. */
    private static final double SHORT_ABANDON = 0.015;
    private static final double TRANSFER = 0.05;
    private static final double RING_NO_ANSWER = 0.07;
    private static final double SURVEY = 0.3;

    /** A caller about to join a queue; {@code order} keeps ties in the order they were scheduled. */
    private record Arrival(Instant at, Queue queue, Caller caller, boolean afterHours, long order) {
    }

    /** A caller's stay in a queue, for queue positions. */
    private record Stay(Instant joined, Instant left) {
    }

    private final Random random;
    private final ZoneId zone;
    private final Instant now;
    private final Callers callers;
    private final Transfers transfers;
    private final Surveys surveys;
    private final PriorityQueue<Arrival> arrivals = new PriorityQueue<>(
            Comparator.comparing(Arrival::at).thenComparingLong(Arrival::order));
    private final Map<String, Instant> freeAt = new HashMap<>();
    private final Map<String, Integer> handledToday = new HashMap<>();
    private final Map<String, List<Stay>> stays = new HashMap<>();
    private long scheduled;
    private int sequence;

    private CallSimulator(long seed, ZoneId zone, Instant now) {
        this.random = new Random(seed);
        this.zone = zone;
        this.now = now;
        this.callers = new Callers(random);
        this.transfers = new Transfers(random, this::freeAgents);
        this.surveys = new Surveys(random);
    }

    /** The finished calls of the {@code days} days up to {@code now} (today included), oldest first. */
    static List<DemoCall> simulate(long seed, ZoneId zone, Instant now, int days) {
        CallSimulator sim = new CallSimulator(seed, zone, now);
        LocalDate today = now.atZone(zone).toLocalDate();
        for (LocalDate day = today.minusDays(days - 1L); !day.isAfter(today); day = day.plusDays(1)) {
            sim.scheduleDay(day);
        }
        List<DemoCall> calls = new ArrayList<>();
        while (!sim.arrivals.isEmpty()) {
            Arrival a = sim.arrivals.poll();
            DemoCall call = a.afterHours() ? sim.afterHours(a) : sim.queued(a);
            // A call still going on at "now" is not finished, so the store would not have it yet.
            if (call != null && !call.record().endedAt().isAfter(now)) {
                calls.add(call);
            }
        }
        return calls;
    }

    private void scheduleDay(LocalDate day) {
        boolean weekend = day.getDayOfWeek().getValue() >= 6;
        for (Queue q : DemoFloor.QUEUES) {
            Hours hours = q.hoursOn(day).orElse(null);
            if (hours == null) {
                continue;
            }
            for (int hour = 0; hour < 24; hour++) {
                double rate = q.peakPerHour() * DemoFloor.HOURLY[hour] * (weekend ? q.weekendShare() : 1);
                for (int i = poisson(rate); i > 0; i--) {
                    Instant at = day.atTime(hour, 0).atZone(zone).toInstant().plusMillis(random.nextInt(3_600_000));
                    if (hours.contains(at.atZone(zone).toLocalTime())) {
                        schedule(at, q, callers.fresh(), false);
                    }
                }
            }
            // A few callers try after closing and before opening: the away message, stored as after-hours.
            for (int i = random.nextInt(3); i > 0; i--) {
                schedule(day.atTime(hours.closes()).atZone(zone).toInstant().plusSeconds(random.nextInt(5400)), q,
                        callers.fresh(), true);
            }
        }
    }

    private void schedule(Instant at, Queue q, Caller caller, boolean afterHours) {
        if (at.isBefore(now)) {
            arrivals.add(new Arrival(at, q, caller, afterHours, scheduled++));
        }
    }

    private DemoCall afterHours(Arrival a) {
        Instant end = a.at().plusSeconds(9 + random.nextInt(8)); // the away message, then the caller hangs up
        if (random.nextDouble() < 0.5) {
            callBack(a, nextOpen(a.queue(), end.plus(Duration.ofMinutes(10))));
        }
        return new DemoCall(base(a, end, CallOutcome.AFTER_HOURS).endedBy(HangupSide.SYSTEM).build(), null);
    }

    private DemoCall queued(Arrival a) {
        Queue q = a.queue();
        boolean shortAbandon = random.nextDouble() < SHORT_ABANDON;
        double patience = shortAbandon ? 1 + random.nextDouble() * 3.5 : exponential(q.patienceMeanSeconds());
        Agent agent = pickAgent(q, a.at());
        List<RingAttempt> rings = new ArrayList<>();
        double wait = Double.MAX_VALUE;
        if (agent != null) {
            wait = seconds(a.at(), freeFrom(agent, a.at())) + 2 + random.nextDouble() * 5; // the phone rings
            if (wait < 8 && random.nextDouble() < RING_NO_ANSWER) {
                freeAgents(q, a.at()).stream().filter(other -> other != agent).findFirst().ifPresent(other ->
                        rings.add(new RingAttempt(other.name(), other.iface(), 15_000)));
                wait += rings.size() * 15;
            }
        }
        int position = joinPosition(q, a.at());
        if (patience < Math.min(wait, q.timeoutSeconds()) || wait > q.timeoutSeconds()) {
            boolean timeout = patience >= q.timeoutSeconds();
            double waited = timeout ? q.timeoutSeconds() : patience;
            Instant left = a.at().plusMillis(Math.round(waited * 1000));
            stays.get(q.name()).add(new Stay(a.at(), left));
            if (random.nextDouble() < (shortAbandon ? 0.5 : 0.6)) {
                callBack(a, nextOpen(q, left.plusSeconds(60 + random.nextInt(40 * 60))));
            }
            return new DemoCall(base(a, left, timeout ? CallOutcome.TIMEOUT : CallOutcome.ABANDONED).waitSeconds(round(waited))
                    .joinPosition(position).abandonPosition(Math.max(1, position - departedBefore(q, a.at(), left)))
                    .ringAttempts(rings).endedBy(timeout ? HangupSide.SYSTEM : HangupSide.CALLER).build(), null);
        }
        Instant answered = a.at().plusMillis(Math.round(wait * 1000));
        stays.get(q.name()).add(new Stay(a.at(), answered));
        return answer(a, agent, answered, round(wait), position, rings);
    }

    private DemoCall answer(Arrival a, Agent agent, Instant answered, double wait, int position, List<RingAttempt> rings) {
        Queue q = a.queue();
        double talk = clamp(logNormal(q.talkMeanSeconds() * agent.talkFactor(), 0.45), 45, 1800);
        double hold = random.nextDouble() < agent.holdRate() ? 20 + random.nextDouble() * Math.min(160, talk * 0.4) : 0;
        Transfers.Handled handled = talk > 120 && random.nextDouble() < TRANSFER
                ? transfers.maybeTransfer(q, agent, answered, talk) : Transfers.Handled.alone(agent, talk);
        Agent last = handled.lastAgent();
        double wrapUp = round(last.wrapUpMean() * (0.5 + random.nextDouble()));
        Instant end = answered.plusMillis(Math.round(handled.talkSeconds() * 1000));
        handled.firstAgentFreeAt().ifPresent(t -> freeAt.put(agent.name(), t));
        freeAt.put(last.name(), end.plusMillis(Math.round(wrapUp * 1000)));
        handledToday.merge(dayKey(last, answered), 1, Integer::sum);
        boolean resolved = random.nextDouble() < last.resolution();
        if (!resolved) {
            double hoursLater = clamp(logNormal(6, 1.0), 0.4, 72);
            callBack(a, nextOpen(q, end.plusSeconds(Math.round(hoursLater * 3600))));
        }
        CallRecord record = base(a, end, CallOutcome.ANSWERED).answeredAt(answered).waitSeconds(wait)
                .talkSeconds(round(handled.talkSeconds())).holdSeconds(round(hold)).wrapUpSeconds(wrapUp)
                .agents(handled.talks()).transfers(handled.transfers()).joinPosition(position).ringAttempts(rings)
                .endedBy(random.nextDouble() < 0.75 ? HangupSide.CALLER : HangupSide.AGENT).build();
        DemoCall.Survey survey = random.nextDouble() < SURVEY ? surveys.answer(last, wait, hold, resolved,
                !handled.transfers().isEmpty(), end) : null;
        return new DemoCall(record, survey);
    }

    private CallRecord.Builder base(Arrival a, Instant end, CallOutcome outcome) {
        String id = "demo-" + a.at().getEpochSecond() + "." + sequence++;
        return CallRecord.builder(id, a.at(), end, outcome).linkedId(id).caller(a.caller().number())
                .callerName(a.caller().name()).queue(a.queue().name()).queues(List.of(a.queue().name()))
                .dnis(a.queue().dnis());
    }

    private void callBack(Arrival a, Instant at) {
        if (at != null) {
            schedule(at, a.queue(), a.caller(), false);
        }
    }

    /** The skilled agent who can take a call arriving at {@code at} first; null when nobody is on shift. */
    private Agent pickAgent(Queue q, Instant at) {
        Agent best = null;
        Instant bestStart = null;
        for (Agent agent : DemoFloor.AGENTS) {
            Instant start = agent.queues().contains(q.name()) ? freeFrom(agent, at) : null;
            if (start == null) {
                continue;
            }
            int cmp = bestStart == null ? -1 : start.compareTo(bestStart);
            if (cmp < 0 || (cmp == 0 && handledToday.getOrDefault(dayKey(agent, at), 0)
                    < handledToday.getOrDefault(dayKey(best, at), 0))) {
                best = agent;
                bestStart = start;
            }
        }
        return best;
    }

    /** When the agent could start a call that arrives at {@code at}: free and on shift; null if not today. */
    private Instant freeFrom(Agent agent, Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate();
        Hours shift = agent.shiftOn(day).orElse(null);
        if (shift == null) {
            return null;
        }
        Instant shiftStart = day.atTime(shift.opens()).atZone(zone).toInstant();
        Instant shiftEnd = day.atTime(shift.closes()).atZone(zone).toInstant();
        Instant start = latest(at, latest(shiftStart, freeAt.getOrDefault(agent.name(), Instant.MIN)));
        return start.isBefore(shiftEnd) ? start : null;
    }

    /** Skilled agents free and on shift at {@code at}, in floor order. */
    private List<Agent> freeAgents(Queue q, Instant at) {
        return DemoFloor.AGENTS.stream().filter(agent -> agent.queues().contains(q.name()))
                .filter(agent -> at.equals(freeFrom(agent, at))).toList();
    }

    private int joinPosition(Queue q, Instant at) {
        List<Stay> list = stays.computeIfAbsent(q.name(), k -> new ArrayList<>());
        list.removeIf(s -> s.left().isBefore(at.minus(Duration.ofHours(1))));
        return 1 + (int) list.stream().filter(s -> s.left().isAfter(at)).count();
    }

    private int departedBefore(Queue q, Instant joined, Instant left) {
        return (int) stays.get(q.name()).stream()
                .filter(s -> s.joined().isBefore(joined) && s.left().isAfter(joined) && !s.left().isAfter(left)).count();
    }

    /** {@code t} when the queue is open then, else a while after its next opening; null if none within a week. */
    private Instant nextOpen(Queue q, Instant t) {
        var local = t.atZone(zone);
        for (int d = 0; d < 7; d++) {
            LocalDate day = local.toLocalDate().plusDays(d);
            Hours hours = q.hoursOn(day).orElse(null);
            if (hours == null) {
                continue;
            }
            if (d == 0 && hours.contains(local.toLocalTime())) {
                return t;
            }
            Instant opens = day.atTime(hours.opens()).atZone(zone).toInstant();
            if (opens.isAfter(t)) {
                return opens.plusSeconds(random.nextInt(90 * 60));
            }
        }
        return null;
    }

    private String dayKey(Agent agent, Instant at) {
        return agent.name() + "@" + at.atZone(zone).toLocalDate();
    }

    private int poisson(double mean) {
        // Knuth's method: fine for the small hourly means used here.
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }

    private double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
