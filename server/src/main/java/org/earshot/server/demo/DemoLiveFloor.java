package org.earshot.server.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.earshot.server.Earshot;
import org.earshot.server.kpi.KpiQuery;
import org.earshot.server.kpi.KpiRow;
import org.earshot.server.kpi.KpiService;
import org.earshot.telephony.AgentBoard;
import org.earshot.telephony.AgentDay;
import org.earshot.telephony.AgentState;
import org.earshot.telephony.QueueBoard;
import org.earshot.telephony.QueueState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live wall of {@code serve --demo} without AMI: the demo's eight agents and three queues, simulated
 * ({@link LiveFloorSimulation}) and moved on by a tick every one to three seconds, behind the same
 * {@link AgentBoard} and {@link QueueBoard} the AMI bridge offers. It stores nothing: no call, no agent
 * interval, so the KPIs stay those of the generated history; each agent's "today" is read from that
 * history ({@link #storedDays}), never made up.
 *
 * <pre>{@code
 * var floor = new DemoLiveFloor(seed, clock, zone, storedDays(kpis, zone), Ticker.daemon());
 * floor.agents().subscribe(state -> hub.publish("agent", "agent", AgentView.of(state)));
 * floor.start();   // ... floor.close() stops the ticks
 * }</pre>
 */
final class DemoLiveFloor implements Earshot.LiveFloor {

    private static final Logger log = LoggerFactory.getLogger(DemoLiveFloor.class);
    /** The tick waits for the next event, but at least this long (events close together land in one tick) ... */
    private static final Duration MIN_TICK = Duration.ofSeconds(1);
    /** ... and at most this long (a quiet floor still notices a new day). */
    private static final Duration MAX_TICK = Duration.ofSeconds(3);

    private final LiveFloorSimulation floor;
    private final Clock clock;
    private final ZoneId zone;
    private final Function<LocalDate, Map<String, AgentDay>> storedDays;
    private final Ticker ticker;
    private final List<Consumer<AgentState>> agentListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<QueueState>>> queueListeners = new CopyOnWriteArrayList<>();
    private final AgentBoard agents = new Agents();
    private final QueueBoard queues = new Queues();
    /** The day whose stored counts the agents show; touched by the ticking thread only. */
    private LocalDate countedDay;
    private volatile boolean closed;

    /**
     * @param storedDays each agent's counts of a day from the store; an agent left out shows none
     * @param ticker     runs the ticks; closed with this floor
     */
    DemoLiveFloor(long seed, Clock clock, ZoneId zone, Function<LocalDate, Map<String, AgentDay>> storedDays, Ticker ticker) {
        this.floor = new LiveFloorSimulation(seed, clock.instant());
        this.clock = clock;
        this.zone = zone;
        this.storedDays = storedDays;
        this.ticker = ticker;
    }

    /**
     * Each agent's calls handled and talk time on a day, as the stored calls have them (the KPIs by agent).
     * Pause time is 0: the demo history stores no pauses, and the simulated ones are not counted.
     */
    static Function<LocalDate, Map<String, AgentDay>> storedDays(KpiService kpis, ZoneId zone) {
        return day -> {
            Instant from = day.atStartOfDay(zone).toInstant();
            Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
            Map<String, AgentDay> days = new HashMap<>();
            for (DemoFloor.Agent agent : DemoFloor.AGENTS) {
                days.put(agent.name(), new AgentDay(day, 0, 0, 0));
            }
            for (KpiRow row : kpis.compute(new KpiQuery(from, to, KpiQuery.GroupBy.AGENT, null, null))) {
                if (days.containsKey(row.key())) {
                    double talk = row.avgTalkSeconds() == null ? 0 : row.avgTalkSeconds() * row.answered();
                    days.put(row.key(), new AgentDay(day, (int) row.answered(), talk, 0));
                }
            }
            return days;
        };
    }

    @Override
    public String source() {
        return "demo";
    }

    @Override
    public AgentBoard agents() {
        return agents;
    }

    @Override
    public QueueBoard queues() {
        return queues;
    }

    @Override
    public void start() {
        log.info("Demo floor: the live wall shows {} simulated agents and {} queues (no ami-host configured);"
                + " none of it is stored, the KPIs stay those of the demo's calls",
                DemoFloor.AGENTS.size(), DemoFloor.QUEUES.size());
        ticker.schedule(this::tickAndReschedule, MIN_TICK);
    }

    /** Stops the ticks; the boards keep their last state. */
    @Override
    public void close() {
        closed = true;
        ticker.close();
    }

    /** Plays the floor up to now and tells the subscribers each change, in order: one tick. */
    void tick() {
        LocalDate day = clock.instant().atZone(zone).toLocalDate();
        // Read before taking the lock: a KPI query must not hold up a snapshot for the HTTP API.
        Map<String, AgentDay> days = day.equals(countedDay) ? null : countsOf(day);
        countedDay = day;
        List<Runnable> notices = new ArrayList<>();
        LiveFloorSimulation.Changes out = new LiveFloorSimulation.Changes() {
            @Override
            public void agent(AgentState now) {
                notices.add(() -> tell(agentListeners, now));
            }

            @Override
            public void queues(List<QueueState> wall) {
                notices.add(() -> tell(queueListeners, wall));
            }
        };
        synchronized (this) {
            if (days != null) {
                floor.today(days, out);
            }
            floor.advanceTo(clock.instant(), out);
        }
        notices.forEach(Runnable::run);
    }

    private void tickAndReschedule() {
        if (closed) {
            return;
        }
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Demo floor tick failed; trying again at the next", e);
        }
        if (!closed) {
            ticker.schedule(this::tickAndReschedule, nextDelay());
        }
    }

    /** Until the next event, within {@link #MIN_TICK} and {@link #MAX_TICK}. */
    private synchronized Duration nextDelay() {
        Duration untilNext = Duration.between(clock.instant(), floor.nextAt());
        return untilNext.compareTo(MIN_TICK) < 0 ? MIN_TICK : untilNext.compareTo(MAX_TICK) > 0 ? MAX_TICK : untilNext;
    }

    private Map<String, AgentDay> countsOf(LocalDate day) {
        try {
            return storedDays.apply(day);
        } catch (RuntimeException e) {
            log.warn("Demo floor: today's counts of the agents could not be read; the wall shows none", e);
            return Map.of();
        }
    }

    private static <T> void tell(List<Consumer<T>> listeners, T change) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("A demo floor listener failed", e);
            }
        }
    }

    private synchronized List<AgentState> agentWall() {
        return floor.agents();
    }

    private synchronized List<QueueState> queueWall() {
        return floor.queues();
    }

    private final class Agents implements AgentBoard {
        @Override
        public List<AgentState> snapshot() {
            return agentWall();
        }

        @Override
        public Optional<AgentState> agent(String name) {
            return agentWall().stream().filter(a -> a.agent().equals(name)).findFirst();
        }

        /** Called on the ticking thread. */
        @Override
        public AutoCloseable subscribe(Consumer<AgentState> listener) {
            agentListeners.add(listener);
            return () -> agentListeners.remove(listener);
        }
    }

    private final class Queues implements QueueBoard {
        @Override
        public List<QueueState> snapshot() {
            return queueWall();
        }

        @Override
        public Optional<QueueState> queue(String name) {
            return queueWall().stream().filter(q -> q.queue().equals(name)).findFirst();
        }

        /** Called on the ticking thread. */
        @Override
        public AutoCloseable subscribe(Consumer<List<QueueState>> listener) {
            queueListeners.add(listener);
            return () -> queueListeners.remove(listener);
        }
    }
}
