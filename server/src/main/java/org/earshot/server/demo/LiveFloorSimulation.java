package org.earshot.server.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.earshot.server.demo.Callers.Caller;
import org.earshot.server.demo.DemoFloor.Agent;
import org.earshot.server.demo.DemoFloor.Queue;
import org.earshot.telephony.AgentActivity;
import org.earshot.telephony.AgentDay;
import org.earshot.telephony.AgentState;
import org.earshot.telephony.QueueState;
import org.earshot.telephony.WaitingCaller;

/**
 * The demo floor played forward one event at a time: callers join a queue, the one waiting longest is
 * offered to the skilled agent who has been available longest, who rings, talks (now and then with the
 * caller on hold), wraps up and sometimes pauses; callers whose patience runs out hang up. Every draw
 * comes from one seeded {@link Random} in event order, so a seed and a start give the same floor however
 * often it is looked at. Not thread-safe: {@link DemoLiveFloor} owns and guards it.
 */
final class LiveFloorSimulation {

    /** Where each change goes, in the order it happened. */
    interface Changes {
        /** For the warm-up, which nobody watches. */
        Changes UNSEEN = new Changes() {
            @Override
            public void agent(AgentState now) {
            }

            @Override
            public void queues(List<QueueState> wall) {
            }
        };

        void agent(AgentState now);

        void queues(List<QueueState> wall);
    }

    // Times are the history's (DemoFloor), shortened: a wall someone watches should move every second or
    // two, and a 6-minute call would leave it still. Talk a sixth, wrap-up a third, patience a half.
    private static final double TALK_SHRINK = 8;
    private static final double WRAP_UP_SHRINK = 3;
    private static final double PATIENCE_SHRINK = 2;
    /**
     * Arrivals over all queues, split by each queue's peak volume: a little under what the eight agents
     * handle at these times, so most of them are busy (about 80 %) and a few callers wait.
     */
    private static final double ARRIVALS_PER_MINUTE = 7.0;
    /** Asterisk's {@code maxlen}: a caller who finds this many waiting hears "busy" and does not join. */
    private static final int MAX_WAITING = 4;
    private static final double PAUSE_AFTER_CALL = 0.05;
    private static final List<String> PAUSE_REASONS = List.of("lunch", "training");
    /** Played before the first look, so the wall opens busy rather than with everyone just logged in. */
    static final Duration WARM_UP = Duration.ofMinutes(15);

    /** A caller in a queue, or with an agent once answered. */
    private record Waiting(String callId, Caller caller, String queue, Instant joined, Instant givesUpAt) {
        String number() {
            return "anonymous".equals(caller.number()) ? null : caller.number(); // withheld: no number
        }
    }

    /** One agent's seat: what they do, since when, and when that ends by itself (null while available). */
    private static final class Seat {
        final Agent agent;
        final List<String> queues;
        AgentActivity activity = AgentActivity.AVAILABLE;
        Instant since;
        Instant due;
        Waiting call;
        String pauseReason;
        Duration holdFor;
        Duration talkAfterHold;

        Seat(Agent agent, Instant since) {
            this.agent = agent;
            this.queues = agent.queues().stream().sorted().toList();
            this.since = since;
        }
    }

    private final Random random;
    private final Callers callers;
    private final List<Seat> seats = new ArrayList<>();
    private final Map<String, List<Waiting>> waiting = new LinkedHashMap<>();
    private final Map<String, Instant> nextArrival = new LinkedHashMap<>();
    private Map<String, AgentDay> today = Map.of();
    private long sequence;

    /** A floor warmed up to {@code start}: agents logged in {@link #WARM_UP} before it and busy since. */
    LiveFloorSimulation(long seed, Instant start) {
        this.random = new Random(seed);
        this.callers = new Callers(random);
        Instant opened = start.minus(WARM_UP);
        DemoFloor.AGENTS.stream().sorted(Comparator.comparing(Agent::name)).forEach(a -> seats.add(new Seat(a, opened)));
        for (Queue q : DemoFloor.QUEUES) {
            waiting.put(q.name(), new ArrayList<>());
            nextArrival.put(q.name(), opened.plus(interArrival(q)));
        }
        advanceTo(start, Changes.UNSEEN);
    }

    /** Plays every event due up to {@code now}, in time order, reporting each change to {@code out}. */
    void advanceTo(Instant now, Changes out) {
        for (Instant at = nextAt(); !at.isAfter(now); at = nextAt()) {
            step(at, out);
            dispatch(at, out);
        }
    }

    /** When the next event is due: there is always one, the next caller to arrive. */
    Instant nextAt() {
        Instant next = nextArrival.values().stream().min(Comparator.naturalOrder()).orElseThrow();
        for (Seat s : seats) {
            next = s.due != null && s.due.isBefore(next) ? s.due : next;
        }
        for (List<Waiting> queue : waiting.values()) {
            for (Waiting w : queue) {
                next = w.givesUpAt().isBefore(next) ? w.givesUpAt() : next;
            }
        }
        return next;
    }

    /** Sets each agent's counts of the day (missing: unknown) and reports every agent with them. */
    void today(Map<String, AgentDay> days, Changes out) {
        today = Map.copyOf(days);
        seats.forEach(s -> out.agent(state(s)));
    }

    /** Every agent, sorted by name. */
    List<AgentState> agents() {
        return seats.stream().map(this::state).toList();
    }

    /** Every queue, sorted by name, its callers by position. */
    List<QueueState> queues() {
        return waiting.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> {
            List<WaitingCaller> callers = new ArrayList<>();
            for (Waiting w : e.getValue()) {
                callers.add(new WaitingCaller(w.callId(), w.number(), w.caller().name(), callers.size() + 1, w.joined()));
            }
            return new QueueState(e.getKey(), callers);
        }).toList();
    }

    /** The one event due at {@code at}; on a tie the first in agents, callers, arrivals order. */
    private void step(Instant at, Changes out) {
        for (Seat s : seats) {
            if (at.equals(s.due)) {
                endActivity(s, at);
                out.agent(state(s));
                return;
            }
        }
        for (List<Waiting> queue : waiting.values()) {
            for (Waiting w : queue) {
                if (at.equals(w.givesUpAt())) {
                    queue.remove(w); // hung up: everyone behind moves up
                    out.queues(queues());
                    return;
                }
            }
        }
        for (Queue q : DemoFloor.QUEUES) {
            if (at.equals(nextArrival.get(q.name()))) {
                nextArrival.put(q.name(), at.plus(interArrival(q)));
                List<Waiting> queue = waiting.get(q.name());
                if (queue.size() < MAX_WAITING) {
                    Duration patience = seconds(q.patienceMeanSeconds() / PATIENCE_SHRINK * (0.3 + 1.4 * random.nextDouble()));
                    queue.add(new Waiting("demo-" + at.getEpochSecond() + "." + ++sequence, callers.fresh(), q.name(), at,
                            at.plus(patience)));
                    out.queues(queues());
                }
                return;
            }
        }
    }

    /** What follows the activity that just ran out. */
    private void endActivity(Seat s, Instant at) {
        switch (s.activity) {
            case RINGING -> {
                double talk = DemoFloor.queue(s.call.queue()).talkMeanSeconds() * s.agent.talkFactor() / TALK_SHRINK
                        * (0.5 + random.nextDouble());
                if (random.nextDouble() < s.agent.holdRate()) {
                    double before = talk * (0.3 + 0.3 * random.nextDouble());
                    s.holdFor = seconds(8 + 12 * random.nextDouble());
                    s.talkAfterHold = seconds(talk - before);
                    talk = before;
                }
                become(s, AgentActivity.ON_CALL, at, seconds(talk));
            }
            case ON_CALL -> {
                if (s.holdFor != null) {
                    become(s, AgentActivity.ON_HOLD, at, s.holdFor);
                    s.holdFor = null;
                } else {
                    s.call = null;
                    double wrapUp = s.agent.wrapUpMean() / WRAP_UP_SHRINK * (0.5 + random.nextDouble());
                    become(s, AgentActivity.WRAP_UP, at, seconds(wrapUp));
                }
            }
            case ON_HOLD -> become(s, AgentActivity.ON_CALL, at, s.talkAfterHold);
            case WRAP_UP -> {
                if (random.nextDouble() < PAUSE_AFTER_CALL) {
                    s.pauseReason = PAUSE_REASONS.get(random.nextInt(PAUSE_REASONS.size()));
                    become(s, AgentActivity.PAUSED, at, seconds(45 + 75 * random.nextDouble()));
                } else {
                    become(s, AgentActivity.AVAILABLE, at, null);
                }
            }
            case PAUSED -> {
                s.pauseReason = null;
                become(s, AgentActivity.AVAILABLE, at, null);
            }
            default -> throw new IllegalStateException(s.agent.name() + " has nothing due while " + s.activity.key());
        }
    }

    /** Offers each queue's first caller, longest waiting first, to the agent of that queue available longest. */
    private void dispatch(Instant at, Changes out) {
        while (true) {
            Waiting first = null;
            Seat seat = null;
            for (List<Waiting> queue : waiting.values()) {
                Seat free = queue.isEmpty() ? null : availableLongest(queue.get(0).queue());
                if (free != null && (first == null || queue.get(0).joined().isBefore(first.joined()))) {
                    first = queue.get(0);
                    seat = free;
                }
            }
            if (first == null) {
                return;
            }
            waiting.get(first.queue()).remove(0);
            seat.call = first;
            become(seat, AgentActivity.RINGING, at, seconds(2 + 3 * random.nextDouble()));
            out.agent(state(seat));
            out.queues(queues());
        }
    }

    private Seat availableLongest(String queue) {
        return seats.stream().filter(s -> s.activity == AgentActivity.AVAILABLE && s.queues.contains(queue))
                .min(Comparator.comparing((Seat s) -> s.since)).orElse(null);
    }

    private static void become(Seat s, AgentActivity activity, Instant at, Duration lasts) {
        s.activity = activity;
        s.since = at;
        s.due = lasts == null ? null : at.plus(lasts);
    }

    private AgentState state(Seat s) {
        return new AgentState(s.agent.name(), s.agent.iface(), s.queues, s.activity, s.pauseReason,
                s.call == null ? null : s.call.number(), s.call == null ? null : s.call.callId(), s.since,
                today.get(s.agent.name()));
    }

    /** Exponential gaps: callers come independently of each other. */
    private Duration interArrival(Queue q) {
        double share = q.peakPerHour() / DemoFloor.QUEUES.stream().mapToDouble(Queue::peakPerHour).sum();
        double meanSeconds = 60 / (ARRIVALS_PER_MINUTE * share);
        return seconds(-Math.log(1 - random.nextDouble()) * meanSeconds);
    }

    /** Whole milliseconds, at least one: every event lies after the one that scheduled it. */
    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
    }
}
