package org.earshot.telephony.ami;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.earshot.telephony.AgentActivity;
import org.earshot.telephony.AgentBoard;
import org.earshot.telephony.AgentDay;
import org.earshot.telephony.AgentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AgentBoard}: mutable per-agent state is touched only by the call thread ({@link #apply}),
 * readers see the last published immutable {@link AgentState}s. Today's call counts start from what
 * {@link #seedCallsHandled} carries over a restart, else from zero, and start again at midnight in the zone.
 */
public final class AgentStates implements AgentBoard {

    private static final Logger LOG = LoggerFactory.getLogger(AgentStates.class);

    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, Agent> agents = new HashMap<>();
    private final Map<String, AgentState> published = new ConcurrentHashMap<>();
    private final List<Consumer<AgentState>> listeners = new CopyOnWriteArrayList<>();
    /** Counts handed in from any thread, taken in by the call thread before its next event or tick. */
    private final Queue<CallsHandled> seeds = new ConcurrentLinkedQueue<>();
    /** Carried-over counts of {@link #seededDay} for agents not on the board yet; call thread only. */
    private final Map<String, Integer> seededCalls = new HashMap<>();
    private LocalDate seededDay;

    public AgentStates(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public List<AgentState> snapshot() {
        List<AgentState> all = new ArrayList<>(published.values());
        all.sort(Comparator.comparing(AgentState::agent));
        return List.copyOf(all);
    }

    @Override
    public Optional<AgentState> agent(String name) {
        return Optional.ofNullable(published.get(name));
    }

    @Override
    public AutoCloseable subscribe(Consumer<AgentState> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Calls each agent handled earlier on {@code day} (in this board's zone), e.g. counted from the store at
     * start-up, so that the {@code balanced} rule does not start from zero after a restart. Each agent's count
     * for that day becomes the larger of this and what the board saw itself, so calls seen live are not
     * counted twice. Safe from any thread: the call thread takes the counts in with its next event or tick,
     * also for agents that log in only later. Counts of a day that is over by then are dropped.
     *
     * @param callsByAgent calls handled by MemberName, each 0 or more
     */
    public void seedCallsHandled(LocalDate day, Map<String, Integer> callsByAgent) {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(callsByAgent, "callsByAgent");
        callsByAgent.forEach((agent, calls) -> {
            if (calls == null || calls < 0) {
                throw new IllegalArgumentException("calls handled by " + agent + " on " + day
                        + " must be 0 or more, was " + calls);
            }
        });
        seeds.add(new CallsHandled(day, Map.copyOf(callsByAgent)));
    }

    /** Applies one event on the call thread; {@code onHold} tells whether a call (by linkedid) is on hold. */
    void apply(AmiEvent event, Predicate<String> onHold) {
        takeSeeds(event.at());
        if (event instanceof MemberEvent.MemberSeen m) {
            Agent a = mutable(m.agent());
            a.iface = m.agentInterface() != null ? m.agentInterface() : a.iface;
            if (m.queue() != null) {
                a.queues.add(m.queue());
            }
            if (m.wrapUpSeconds() != null) {
                a.wrapUpSeconds = m.wrapUpSeconds();
            }
            if (m.paused() != null) {
                a.pause(m.paused(), m.pauseReason(), m.at());
            }
            if (m.listed() && Boolean.TRUE.equals(m.inCall()) && !a.busy()) {
                a.become(AgentActivity.ON_CALL, m.at()); // a call in progress at (re)connect: caller unknown
            } else if (m.listed() && Boolean.FALSE.equals(m.inCall()) && a.busy()) {
                a.call(null, null, null); // the call ended while we were not connected
                a.become(a.idle(), m.at());
            } else if (a.activity == AgentActivity.LOGGED_OUT || !a.busy() && a.activity != AgentActivity.WRAP_UP) {
                a.become(a.idle(), m.at());
            }
            publish(a, m.at());
        } else if (event instanceof MemberEvent.MemberRemoved r) {
            Agent a = mutable(r.agent());
            if (r.queue() != null) {
                a.queues.remove(r.queue());
            }
            if (a.queues.isEmpty()) {
                a.call(null, null, null);
                a.become(AgentActivity.LOGGED_OUT, r.at());
            }
            publish(a, r.at());
        } else if (event instanceof CallEvent call) {
            call(call, onHold);
        }
    }

    /** Time passes: wrap-ups that are over become available again. */
    void tick(Instant now) {
        takeSeeds(now);
        for (Agent a : agents.values()) {
            if (a.activity == AgentActivity.WRAP_UP && a.wrapUntil != null && !now.isBefore(a.wrapUntil)) {
                a.become(a.idle(), a.wrapUntil);
                publish(a, now);
            }
        }
    }

    private void call(CallEvent event, Predicate<String> onHold) {
        if (event instanceof CallEvent.AgentRinging r && r.agent() != null) {
            Agent a = mutable(r.agent());
            if (!a.busy()) {
                a.call(r.caller(), r.uniqueId(), r.linkedId());
                a.become(AgentActivity.RINGING, r.at());
                publish(a, r.at());
            }
        } else if (event instanceof CallEvent.RingNoAnswer r && r.agent() != null) {
            Agent a = mutable(r.agent());
            if (a.activity == AgentActivity.RINGING) {
                a.call(null, null, null);
                a.become(a.idle(), r.at());
                publish(a, r.at());
            }
        } else if (event instanceof CallEvent.AgentConnected c && c.agent() != null) {
            Agent a = mutable(c.agent());
            a.call(c.caller() != null ? c.caller() : a.caller, c.uniqueId(), c.linkedId());
            a.become(AgentActivity.ON_CALL, c.at());
            publish(a, c.at());
        } else if (event instanceof CallEvent.AgentCompleted c && c.agent() != null) {
            completed(mutable(c.agent()), c);
        } else if (event instanceof CallEvent.HoldChanged h && h.linkedId() != null) {
            for (Agent a : agents.values()) {
                if (h.linkedId().equals(a.linkedId) && (a.activity == AgentActivity.ON_CALL || a.activity == AgentActivity.ON_HOLD)) {
                    AgentActivity now = onHold.test(h.linkedId()) ? AgentActivity.ON_HOLD : AgentActivity.ON_CALL;
                    if (now != a.activity) {
                        a.become(now, h.at());
                        publish(a, h.at());
                    }
                }
            }
        }
    }

    private void completed(Agent a, CallEvent.AgentCompleted c) {
        a.rollDay(c.at(), zone);
        a.calls++;
        a.talkSeconds += c.talkSeconds() == null ? 0 : c.talkSeconds();
        a.call(null, null, null);
        if (a.wrapUpSeconds > 0 && !a.paused) {
            a.wrapUntil = c.at().plusSeconds(a.wrapUpSeconds);
            a.become(AgentActivity.WRAP_UP, c.at());
        } else {
            a.become(a.idle(), c.at());
        }
        publish(a, c.at());
    }

    private Agent mutable(String name) {
        return agents.computeIfAbsent(name, n -> {
            Agent a = new Agent(n, LocalDate.ofInstant(clock.instant(), zone));
            Integer earlier = seededCalls.remove(n);
            if (earlier != null && a.day.equals(seededDay)) {
                a.calls = earlier;
            }
            return a;
        });
    }

    private void takeSeeds(Instant at) {
        for (CallsHandled seed = seeds.poll(); seed != null; seed = seeds.poll()) {
            seededDay = seed.day();
            seededCalls.clear();
            seededCalls.putAll(seed.callsByAgent());
            for (Agent a : agents.values()) {
                Integer earlier = seededCalls.remove(a.name);
                a.rollDay(at, zone);
                if (earlier != null && a.day.equals(seededDay) && earlier > a.calls) {
                    a.calls = earlier;
                    publish(a, at);
                }
            }
        }
    }

    private void publish(Agent a, Instant at) {
        a.rollDay(at, zone);
        double pause = a.pauseSeconds + (a.paused && a.pausedSince != null
                ? Math.max(0, Duration.between(a.pausedSince, at).toMillis() / 1000.0) : 0);
        AgentState state = new AgentState(a.name, a.iface, new ArrayList<>(a.queues), a.activity,
                a.paused ? a.pauseReason : null, a.caller, a.callId, a.since,
                new AgentDay(a.day, a.calls, a.talkSeconds, pause));
        if (state.equals(published.put(a.name, state))) {
            return;
        }
        LOG.debug("Agent {} is {}", a.name, state.activity().key());
        for (Consumer<AgentState> listener : listeners) {
            try {
                listener.accept(state);
            } catch (RuntimeException e) {
                LOG.warn("Agent board listener failed on {}", a.name, e);
            }
        }
    }

    /** Counts carried over a restart, as {@link #seedCallsHandled} got them. */
    private record CallsHandled(LocalDate day, Map<String, Integer> callsByAgent) {
    }

    /** One agent's mutable state; call thread only. */
    private static final class Agent {
        final String name;
        final TreeSet<String> queues = new TreeSet<>();
        String iface;
        AgentActivity activity = AgentActivity.LOGGED_OUT;
        Instant since;
        boolean paused;
        String pauseReason;
        Instant pausedSince;
        String caller;
        String callId;
        String linkedId;
        int wrapUpSeconds;
        Instant wrapUntil;
        LocalDate day;
        int calls;
        double talkSeconds;
        double pauseSeconds;

        Agent(String name, LocalDate day) {
            this.name = name;
            this.day = day;
        }

        boolean busy() {
            return activity == AgentActivity.RINGING || activity == AgentActivity.ON_CALL
                    || activity == AgentActivity.ON_HOLD;
        }

        AgentActivity idle() {
            return queues.isEmpty() ? AgentActivity.LOGGED_OUT : paused ? AgentActivity.PAUSED : AgentActivity.AVAILABLE;
        }

        void become(AgentActivity next, Instant at) {
            if (next != activity) {
                activity = next;
                since = at;
            }
            if (next != AgentActivity.WRAP_UP) {
                wrapUntil = null;
            }
        }

        void call(String caller, String callId, String linkedId) {
            this.caller = caller;
            this.callId = callId;
            this.linkedId = linkedId;
        }

        void pause(boolean nowPaused, String reason, Instant at) {
            if (nowPaused && !paused) {
                pausedSince = at;
            } else if (!nowPaused && paused && pausedSince != null) {
                pauseSeconds += Math.max(0, Duration.between(pausedSince, at).toMillis() / 1000.0);
                pausedSince = null;
            }
            if (nowPaused && paused && activity == AgentActivity.PAUSED && !java.util.Objects.equals(reason, pauseReason)) {
                since = at; // a new reason is a new pause on the wall and in the pause reports
            }
            paused = nowPaused;
            pauseReason = nowPaused ? reason : null;
        }

        /** A new day resets the counts; a pause running over midnight counts from midnight. */
        void rollDay(Instant at, ZoneId zone) {
            LocalDate today = LocalDate.ofInstant(at, zone);
            if (today.isAfter(day)) {
                day = today;
                calls = 0;
                talkSeconds = 0;
                pauseSeconds = 0;
                if (pausedSince != null) {
                    pausedSince = today.atStartOfDay(zone).toInstant().isAfter(pausedSince)
                            ? today.atStartOfDay(zone).toInstant() : pausedSince;
                }
            }
        }
    }
}
