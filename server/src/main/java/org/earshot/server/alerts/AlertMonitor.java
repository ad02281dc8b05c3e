package org.earshot.server.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.earshot.server.kpi.KpiQuery;
import org.earshot.server.kpi.KpiService;
import org.earshot.server.live.LiveHub;
import org.earshot.server.live.LiveSentiment;
import org.earshot.server.live.LiveSpeechListener;
import org.earshot.server.live.LiveTranscript;
import org.earshot.server.store.AlertStore;
import org.earshot.telephony.AgentBoard;
import org.earshot.telephony.AgentState;
import org.earshot.telephony.QueueBoard;
import org.earshot.telephony.QueueState;
import org.earshot.telephony.WaitingCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches calls while they are up and raises alerts: the live analysis reports here (it is a
 * {@link LiveSpeechListener}), the agent and queue boards are evaluated on every change and on a periodic tick,
 * today's service level once a minute. Everything runs on one thread, "alerts", fed by a bounded queue: the
 * callers (AMI's thread, the live analysis) only hand over. Each alert raised is stored with its webhook
 * event, pushed to the wall as {@code {"type":"alert",...}} and told to the listeners.
 *
 * <pre>{@code
 * AlertMonitor alerts = new AlertMonitor(settings, store, agents, queues, kpis, hub, clock);
 * alerts.start();                       // subscribes to the boards, starts the tick
 * liveAnalysis.listen(alerts);          // words, sentiment, interruptions, silence
 * }</pre>
 */
public final class AlertMonitor implements LiveSpeechListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertMonitor.class);
    /** How long a board condition must be gone before its episode ends (see {@link Episodes}). */
    static final Duration GRACE = Duration.ofSeconds(15);
    private static final Duration TICK = Duration.ofSeconds(5);
    private static final Duration SERVICE_LEVEL_EVERY = Duration.ofMinutes(1);
    private static final int REMEMBERED_CALLS = 10_000;

    /** The wall's message (SPEC: type "alert"); {@code callId}, {@code agent}, {@code queue} left out when none. */
    public record AlertMessage(long id, String rule, String callId, String agent, String queue, Instant at,
                               String detail) {
        public static AlertMessage of(AlertStore.Alert a) {
            return new AlertMessage(a.id(), a.rule(), a.callId(), a.agent(), a.queue(), a.raisedAt(), a.detail());
        }
    }

    /** Tells every wall an alert was acknowledged, so it leaves each strip (type "alert-acknowledged"). */
    public record AcknowledgedMessage(long id, String by, Instant at) {
    }

    private final AlertStore store;
    private final AgentBoard agents;
    private final QueueBoard queues;
    private final KpiService kpis;
    private final LiveHub hub;
    private final Clock clock;
    private final FloorRules floor;
    private final ServiceLevelRule serviceLevel;
    private final List<Consumer<AlertStore.Alert>> listeners = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(100_000), r -> new Thread(r, "alerts"), new ThreadPoolExecutor.AbortPolicy());
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alerts-tick");
        t.setDaemon(true);
        return t;
    });
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    // Touched on the alerts thread only.
    private final Episodes episodes;
    private final SpeechRules speech;
    private final Map<String, String> queueOfCall = remembered();
    private Instant serviceLevelDue = Instant.MIN;

    /**
     * Reads the episodes the store holds open, so none of them is raised again.
     *
     * @param kpis today's service level per queue, or null to leave that rule out
     * @param hub  the wall, or null
     */
    public AlertMonitor(AlertSettings settings, AlertStore store, AgentBoard agents, QueueBoard queues, KpiService kpis,
                        LiveHub hub, Clock clock) {
        this.store = store;
        this.agents = agents;
        this.queues = queues;
        this.kpis = kpis;
        this.hub = hub;
        this.clock = clock;
        this.floor = new FloorRules(settings);
        this.serviceLevel = new ServiceLevelRule(settings);
        this.episodes = new Episodes(store, clock, GRACE, this::raised);
        this.speech = new SpeechRules(settings, episodes, this::partiesOf);
    }

    /** Also tells {@code listener} of each alert raised (e.g. /metrics), on the alerts thread. */
    public void addListener(Consumer<AlertStore.Alert> listener) {
        listeners.add(listener);
    }

    /** Watches the boards and starts the periodic tick. */
    public synchronized void start() {
        subscriptions.add(agents.subscribe(state -> submit(this::evaluateFloor)));
        subscriptions.add(queues.subscribe(wall -> submit(this::evaluateFloor)));
        ticker.scheduleWithFixedDelay(() -> submit(this::tick), 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Evaluates every board rule and the service level now, as the periodic tick does; done when the returned
     * future is. Tests move their clock and call this instead of waiting for the tick.
     */
    public CompletableFuture<Void> evaluateNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(() -> {
            serviceLevelDue = Instant.MIN;
            tick();
            done.complete(null);
        });
        return done;
    }

    /** The stored alerts the query asks for, newest first (GET /api/alerts). */
    public List<AlertStore.Alert> list(AlertStore.Query query) {
        return store.find(query);
    }

    /**
     * Marks an alert acknowledged and tells every wall; a second acknowledgement changes nothing. Empty when no
     * alert has that id.
     */
    public Optional<AlertStore.Acknowledged> acknowledge(long id, String username) {
        Optional<AlertStore.Acknowledged> done = store.acknowledge(id, username, clock.instant());
        done.filter(AlertStore.Acknowledged::now).map(AlertStore.Acknowledged::alert).ifPresent(a -> {
            if (hub != null) {
                hub.publishFlat("alert-acknowledged", new AcknowledgedMessage(a.id(), a.acknowledgedBy(),
                        a.acknowledgedAt()));
            }
        });
        return done;
    }

    @Override
    public void transcript(LiveTranscript segment) {
        submit(() -> speech.transcript(segment));
    }

    @Override
    public void sentiment(LiveSentiment sentiment) {
        submit(() -> speech.sentiment(sentiment));
    }

    @Override
    public void interruption(String callId, String party, double at) {
        submit(() -> speech.interruption(callId, party, at));
    }

    @Override
    public void silence(String callId, double since, double at) {
        submit(() -> speech.silence(callId, since, at));
    }

    @Override
    public void ended(String callId) {
        submit(() -> {
            speech.ended(callId);
            queueOfCall.remove(callId);
        });
    }

    private void tick() {
        evaluateFloor();
        Instant now = clock.instant();
        if (kpis != null && !now.isBefore(serviceLevelDue)) {
            serviceLevelDue = now.plus(SERVICE_LEVEL_EVERY);
            evaluateServiceLevel(now);
        }
    }

    private void evaluateFloor() {
        List<QueueState> wall = queues.snapshot();
        for (QueueState q : wall) {
            for (WaitingCaller c : q.callers()) {
                queueOfCall.put(c.uniqueId(), q.queue());
            }
        }
        episodes.reconcile(FloorRules.SCOPE, floor.evaluate(agents.snapshot(), wall, clock.instant(), queueOfCall::get));
    }

    private void evaluateServiceLevel(Instant now) {
        ZoneId zone = kpis.definitions().zone();
        LocalDate today = LocalDate.ofInstant(now, zone);
        var rows = kpis.compute(new KpiQuery(today.atStartOfDay(zone).toInstant(),
                today.plusDays(1).atStartOfDay(zone).toInstant(), KpiQuery.GroupBy.QUEUE, null, null));
        episodes.reconcile(ServiceLevelRule.SCOPE, serviceLevel.evaluate(rows.stream()
                .map(r -> new ServiceLevelRule.QueueToday(r.key(), r.offered(), r.serviceLevel())).toList(), today));
    }

    /** The queue a call waited in and the agent who has it now, as the boards last said. */
    private SpeechRules.Parties partiesOf(String callId) {
        String agent = agents.snapshot().stream().filter(a -> callId.equals(a.callId())).map(AgentState::agent)
                .findFirst().orElse(null);
        return new SpeechRules.Parties(queueOfCall.get(callId), agent);
    }

    private void raised(AlertStore.Alert alert) {
        log.info("Alert {} raised: {} (call {}, agent {}, queue {})", alert.id(), alert.rule(), alert.callId(),
                alert.agent(), alert.queue());
        if (hub != null) {
            hub.publishFlat("alert", AlertMessage.of(alert));
        }
        for (Consumer<AlertStore.Alert> listener : listeners) {
            listener.accept(alert);
        }
    }

    private void submit(Runnable work) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("Evaluating alert rules failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // Closed, or 100 000 changes behind: the next tick looks at the boards again.
            log.debug("Alert evaluation dropped", e);
        }
    }

    private static Map<String, String> remembered() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > REMEMBERED_CALLS;
            }
        };
    }

    @Override
    public synchronized void close() throws InterruptedException {
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                log.debug("Unsubscribing failed", e);
            }
        }
        ticker.shutdownNow();
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
