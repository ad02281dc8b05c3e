package org.earshot.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.alerts.AlertMonitor;
import org.earshot.server.alerts.AlertRule;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.coaching.CoachingService;
import org.earshot.server.crm.CrmLookup;
import org.earshot.server.crm.ScreenPop;
import org.earshot.server.http.ApiRoutes;
import org.earshot.server.http.HttpApi;
import org.earshot.server.jobs.AnalysisWorkers;
import org.earshot.server.jobs.CallIndexer;
import org.earshot.server.jobs.CallIntake;
import org.earshot.server.jobs.IndexFollower;
import org.earshot.server.jobs.RecordingLocator;
import java.util.concurrent.atomic.AtomicReference;
import org.earshot.server.kpi.KpiService;
import org.earshot.server.qa.QaService;
import org.earshot.server.store.ReviewQueueStore;
import org.earshot.server.store.SavedSearchStore;
import org.earshot.server.searches.SavedSearchMatcher;
import org.earshot.server.searches.SavedSearches;
import org.earshot.server.store.ReviewStore;
import org.earshot.server.store.ScorecardStore;
import org.earshot.server.metrics.EarshotMetrics;
import org.earshot.server.live.AgentLog;
import org.earshot.server.live.AgentView;
import org.earshot.server.store.AgentIntervalStore;
import org.earshot.server.store.KpiRollupStore;
import org.earshot.server.kpi.KpiRules;
import org.earshot.server.kpi.RollupRebuild;
import org.earshot.server.live.CallView;
import org.earshot.server.live.LiveHub;
import org.earshot.server.live.LiveSpeechListener;
import org.earshot.server.livespeech.LiveCalls;
import org.earshot.server.livespeech.LiveSpeechSettings;
import org.earshot.server.live.LiveKpis;
import org.earshot.server.live.NoAgents;
import org.earshot.server.live.NoQueues;
import org.earshot.server.live.QueueView;
import org.earshot.server.store.SurveyStore;
import org.earshot.server.store.EventOutbox;
import org.earshot.server.store.WebhookDeliveries;
import org.earshot.server.store.WebhookStore;
import org.earshot.server.webhooks.WebhookAdmin;
import org.earshot.server.webhooks.WebhookDispatcher;
import org.earshot.server.webhooks.WebhookEvents;
import org.earshot.telephony.AgentBoard;
import org.earshot.telephony.QueueBoard;
import org.earshot.telephony.AgiServer;
import org.earshot.server.store.CallCrmStore;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.LifecycleStore;
import org.earshot.server.store.PurgeLeaseStore;
import org.earshot.server.lifecycle.Erasure;
import org.earshot.server.lifecycle.LegalHolds;
import org.earshot.server.lifecycle.PurgeJob;
import org.earshot.server.lifecycle.Retention;
import org.earshot.server.lifecycle.RecordingFiles;
import org.earshot.server.store.Database;
import org.earshot.server.store.Stores;
import org.earshot.server.store.JobQueue;
import org.earshot.server.store.ApiKeyStore;
import org.earshot.server.store.AlertStore;
import org.earshot.server.store.AuditStore;
import org.earshot.server.store.UserStore;
import org.earshot.speech.CallAnalyzer;
import org.earshot.speech.live.LiveAnalyzer;
import org.earshot.speech.SpeechSettings;
import org.earshot.telephony.AmiBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Earshot node, every part built by constructor in {@link #wire}, in the order calls flow
 * through them: AMI → intake → store → analysis workers → store → index follower → HTTP.
 */
public final class Earshot implements AutoCloseable {

    /** What a node does: everything, or analysis only (SPEC, "One machine, then many"). */
    public enum Role { SERVE, WORKER }

    /**
     * What the live wall shows on a node without ami-host, e.g. the simulated floor of {@code serve --demo}.
     * Only the wall sees it: its changes are not logged as agent intervals, FastAGI never routes by it and
     * no call of it is stored, so the KPIs stay those of the stored calls.
     */
    public interface LiveFloor extends AutoCloseable {
        /** What {@code GET /api/me} reports as {@code liveSource}, e.g. "demo", so the UI can say so. */
        String source();

        AgentBoard agents();

        QueueBoard queues();

        /** Begins changing; called by {@link Earshot#start()}. */
        void start();

        @Override
        void close();
    }

    /** Builds a {@link LiveFloor}; {@link #wire(EarshotConfig, Clock, Role, LiveSource)} calls it only without ami-host. */
    @FunctionalInterface
    public interface LiveSource {
        /** @param kpis the node's KPIs over its own store, e.g. for each agent's counts of today */
        LiveFloor open(KpiService kpis);
    }

    private static final Logger log = LoggerFactory.getLogger(Earshot.class);
    /** A tenth of MixMonitor's 1 s step: a step waits at most this long to be read. */
    private static final Duration LIVE_POLL = Duration.ofMillis(100);

    private final EarshotConfig config;
    private final Database db;
    private final JobQueue jobs;
    private final AnalysisWorkers workers;
    private final IndexFollower follower;
    private final HttpApi http;
    private final AmiBridge ami;
    private final AgiServer agi;
    private final LiveFloor liveFloor;
    private final RollupRebuild rollupRebuild;
    private final WebhookDeliveries webhookDeliveries;
    private final WebhookDispatcher webhookDispatcher;
    private final PurgeJob purgeJob;
    private final AlertMonitor alerts;
    // Closed in reverse order of creation.
    private final Deque<AutoCloseable> resources;
    private final LiveCalls liveCalls; // null when live analysis is off
    private int httpPort = -1;
    private int agiPort = -1;
    // How soon `earshot backup` is answered while this node holds the embedded database.
    private static final Duration BACKUP_POLL = Duration.ofSeconds(1);

    private Earshot(EarshotConfig config, Database db, JobQueue jobs, AnalysisWorkers workers, IndexFollower follower,
                    RollupRebuild rollupRebuild, HttpApi http, AmiBridge ami, AgiServer agi, LiveFloor liveFloor,
                    WebhookDeliveries webhookDeliveries, WebhookDispatcher webhookDispatcher, PurgeJob purgeJob,
                    AlertMonitor alerts, LiveCalls liveCalls, Deque<AutoCloseable> resources) {
        this.config = config;
        this.db = db;
        this.jobs = jobs;
        this.workers = workers;
        this.follower = follower;
        this.rollupRebuild = rollupRebuild;
        this.http = http;
        this.ami = ami;
        this.agi = agi;
        this.liveFloor = liveFloor;
        this.webhookDeliveries = webhookDeliveries;
        this.webhookDispatcher = webhookDispatcher;
        this.purgeJob = purgeJob;
        this.alerts = alerts;
        this.liveCalls = liveCalls;
        this.resources = resources;
    }

    /** Builds a node from its config. Nothing listens, connects or works until {@link #start()}. */
    public static Earshot wire(EarshotConfig config, Clock clock, Role role) throws IOException {
        return wire(config, clock, role, null);
    }

    /**
     * As {@link #wire(EarshotConfig, Clock, Role)}, with a stand-in for AMI's boards. A hook rather than a
     * config key because the one stand-in, the demo floor, needs the demo loaded first (ServeCommand does
     * that) and is no setting an admin makes; AMI, when configured, always wins.
     *
     * @param standIn what the live wall shows when no ami-host is configured, or null for nothing
     */
    public static Earshot wire(EarshotConfig config, Clock clock, Role role, LiveSource standIn) throws IOException {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            ObjectMapper json = Json.newMapper();
            Database db = push(resources, Database.open(config.jdbcUrl(), config.dbUser(), config.dbPassword()));
            KpiRules kpiRules = new KpiRules(config.kpis());
            KpiRollupStore kpiRollups = new KpiRollupStore(db, kpiRules);
            // Webhook events are written by every node in the transaction of their change; serving nodes send them.
            WebhookEvents webhookEvents = new WebhookEvents(json, clock, config.baseUrl());
            EventOutbox outbox = new EventOutbox(webhookEvents);
            CallStore calls = new CallStore(db, json, kpiRollups, outbox);
            JobQueue jobs = new JobQueue(db, clock, workerId(), config.jobLease());

            EarshotMetrics metrics = new EarshotMetrics();
            CallAnalyzer analyzer = push(resources, new CallAnalyzer(speechSettings(config)));
            // Saved searches (issue 17): a call is tested against the watched ones where and when its analysis is stored.
            SavedSearchStore savedSearchStore = new SavedSearchStore(db, outbox);
            SavedSearches savedSearches = new SavedSearches(savedSearchStore, config.kpis().zone(), clock);
            SavedSearchMatcher searchMatcher = new SavedSearchMatcher(savedSearchStore, savedSearches, calls,
                    new CallCrmStore(db), clock);
            AnalysisWorkers workers = push(resources, new AnalysisWorkers(jobs, calls, analyzer, clock,
                    config.workers(), config.jobLease(), metrics, new RecordingLocator(config.recordingsDir()),
                    searchMatcher::analysed));
            if (role == Role.WORKER) {
                return new Earshot(config, db, jobs, workers, null, null, null, null, null, null, null, null, null, null, null, resources);
            }

            AuditStore audit = new AuditStore(db);
            UserStore users = new UserStore(db);
            Authenticator auth = new Authenticator(users, audit, new ApiKeyStore(db), clock);
            auth.ensureFirstAdmin(config.adminPassword());
            TranscriptIndex index = push(resources, TranscriptIndex.open(config.indexDir()));
            CallCrmStore crmLinks = new CallCrmStore(db);
            IndexFollower follower = push(resources, new IndexFollower(calls, new CallIndexer(calls, crmLinks, index), index,
                    config.indexCheckpointFile(), Duration.ofMillis(250)));
            AgentIntervalStore agentIntervals = new AgentIntervalStore(db, config.kpis().zone());
            KpiService kpis = new KpiService(calls, kpiRollups, agentIntervals, kpiRules, clock);
            RollupRebuild rollupRebuild = push(resources, new RollupRebuild(kpiRollups, agentIntervals));
            agentIntervals.closeOpen(clock.instant());
            AgentLog agentLog = push(resources, new AgentLog(agentIntervals, clock));
            AtomicReference<AgentBoard> board = new AtomicReference<>(new NoAgents());
            AtomicReference<QueueBoard> queueBoard = new AtomicReference<>(new NoQueues());
            // CRM caller lookup and screen-pop: without crm.lookup-url nothing is looked up.
            CrmLookup crmLookup = config.crm() == null ? null : push(resources, new CrmLookup(config.crm(), metrics, clock));
            ScreenPop screenPop = new ScreenPop(crmLookup, config.crm(), crmLinks, clock);
            LiveHub live = new LiveHub(json, () -> board.get().snapshot().stream().map(a -> AgentView.of(a, screenPop)).toList(),
                    () -> QueueView.of(queueBoard.get().snapshot(), screenPop));
            screenPop.onAnswer(caller -> {
                live.publish("queues", "queues", QueueView.of(queueBoard.get().snapshot(), screenPop));
                board.get().snapshot().stream().filter(a -> caller.equals(a.caller()))
                        .forEach(a -> live.publish("agent", "agent", AgentView.of(a, screenPop)));
            });
            LiveKpis liveKpis = push(resources, new LiveKpis(kpis, live, clock));
            RecordingLocator recordings = new RecordingLocator(config.recordingsDir());
            // Built once the boards are known (below); a stored call has ended, whatever its live analysis said.
            AtomicReference<AlertMonitor> alertsOnCalls = new AtomicReference<>();
            CallIntake intake = new CallIntake(calls, jobs, workers::wakeUp,
                    (call, isNew) -> {
                        AlertMonitor endedFor = alertsOnCalls.get();
                        if (endedFor != null) {
                            endedFor.ended(call.uniqueId());
                        }
                        if (isNew) {
                            metrics.callStored(call.outcome().key());
                        }
                        live.publish("call", "call", CallView.of(call));
                        screenPop.callStored(call);
                        liveKpis.callFinished();
                    });
            AmiBridge ami = config.amiSettings()
                    .map(s -> new AmiBridge(s, config.wrapUp(), clock, config.kpis().zone(), intake)).orElse(null);
            if (ami != null) {
                push(resources, ami);
                // The balanced rule's "fewest calls handled today" must survive a restart mid-day.
                java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(config.kpis().zone()));
                ami.seedCallsHandled(today, callsHandledOn(kpis, today, config.kpis().zone()));
                board.set(ami.agentBoard());
                watchLive(board.get(), ami.queueBoard(), live, screenPop);
                board.get().subscribe(agentLog);
                queueBoard.set(ami.queueBoard());
            }
            AgiServer agi = null;
            SurveyStore surveys = new SurveyStore(db, kpiRollups, outbox);
            if (config.agi() != null) {
                AgentBoard agents = board.get();
                agi = push(resources, AgiServer.withEarshotScripts(config.agi(), agents::snapshot,
                        answers -> surveys.save(answers.linkedId(), answers.csat(), answers.nps(), answers.ces(), answers.at()),
                        intake, screenPop::callerName, clock));
            }
            // After FastAGI took its board: real calls are never routed by simulated agents.
            LiveFloor floor = ami == null && standIn != null ? push(resources, standIn.open(kpis)) : null;
            if (floor != null) {
                board.set(floor.agents());
                watchLive(floor.agents(), floor.queues(), live, screenPop);
                queueBoard.set(floor.queues());
            }
            String liveSource = ami != null ? "ami" : floor != null ? floor.source() : "none";
            AmiBridge amiBridge = ami;
            metrics.watch(jobs::countsByState, () -> amiBridge != null && amiBridge.isConnected(), live::clients,
                    index::count);
            WebhookDeliveries webhookDeliveries = new WebhookDeliveries(db);
            WebhookDispatcher webhookDispatcher = push(resources, new WebhookDispatcher(webhookDeliveries, clock, workerId(),
                    WebhookDispatcher.Settings.DEFAULTS));
            webhookEvents.onCommitted(webhookDispatcher::wakeUp);
            webhookDispatcher.addListener(outcome -> metrics.webhookAttempt(outcome.status()));
            metrics.watchWebhooks(webhookDeliveries::pending);
            // Alerts watch the boards the wall shows (AMI's, or the demo floor's) and hear the live analysis.
            AlertStore alertStore = new AlertStore(db, outbox);
            AlertMonitor alerts = push(resources, new AlertMonitor(config.alerts(), alertStore, board.get(),
                    queueBoard.get(), kpis, live, clock));
            alerts.addListener(alert -> metrics.alertRaised(alert.rule()));
            alertsOnCalls.set(alerts);
            metrics.watchAlerts(java.util.Arrays.stream(AlertRule.values()).map(AlertRule::key).toList(),
                    alertStore::unacknowledged);
            // After the alerts it feeds, so it is closed before them.
            LiveCalls liveCalls = liveCalls(config, analyzer, live, ami, alerts, resources);
            QaService qa = new QaService(calls, new ScorecardStore(db), new ReviewStore(db, outbox), new ReviewQueueStore(db),
                    json, clock);
            CoachingService coaching = new CoachingService(calls, kpis, clock);
            // Erasure and retention delete only recordings inside recordings-dir.
            LifecycleStore lifecycle = new LifecycleStore(db, json);
            RecordingFiles recordingFiles = new RecordingFiles(config.recordingsDir());
            HttpApi http = push(resources, new HttpApi(
                    ApiRoutes.router(auth, index, calls, jobs, kpis, board.get(), queueBoard.get(), recordings, metrics, json, clock, audit, surveys, qa, coaching, liveSource,
                            new SettingsView(config, () -> amiBridge != null && amiBridge.isConnected(), jobs::countsByState,
                                    index::count, liveSource)::snapshot, follower::pendingChanges, screenPop,
                            new WebhookAdmin(new WebhookStore(db), webhookDeliveries, webhookEvents, webhookDispatcher::wakeUp, clock),
                            new Erasure(lifecycle, recordingFiles, org.earshot.search.CallQuery::callerNumber, auth::record),
                            new LegalHolds(lifecycle, auth::record), savedSearches,
                            ami == null ? null : ami.supervisorActions(), users, alerts), auth, json,
                    live, config.http()));
            // The daily retention run: every serve node looks, the one that leases it runs it.
            PurgeJob purgeJob = push(resources, new PurgeJob(new Retention(lifecycle, recordingFiles, config.retention(), clock,
                    auth::record), new PurgeLeaseStore(db), clock, workerId()));
            return new Earshot(config, db, jobs, workers, follower, rollupRebuild, http, ami, agi, floor, webhookDeliveries,
                    webhookDispatcher, purgeJob, alerts, liveCalls, resources);
        } catch (IOException | RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /**
     * Live transcripts and sentiment of calls in progress: only with AMI (which names each recording as it
     * starts) and a recordings-dir (the only folder read), unless live.enabled is false. On its own threads,
     * never the analysis workers'; closed before the analyzer whose model it shares.
     */
    private static LiveCalls liveCalls(EarshotConfig config, CallAnalyzer analyzer, LiveHub hub, AmiBridge ami,
                                       LiveSpeechListener alerts, Deque<AutoCloseable> resources) {
        LiveSpeechSettings settings = config.live();
        if (ami == null || config.recordingsDir() == null || !settings.enabled()) {
            return null;
        }
        LiveCalls calls = push(resources, new LiveCalls(analyzer.live(new LiveAnalyzer.Limits(settings.maxCalls(),
                settings.threads(), LIVE_POLL)), config.recordingsDir(), config.channels(), hub, alerts));
        ami.onRecording(calls);
        return calls;
    }

    /** The live calls followed, or null when live analysis is off (see {@link #liveCalls}). */
    public LiveCalls liveCalls() {
        return liveCalls;
    }

    /** Pushes the boards' changes to live clients, and starts the screen-pop's CRM lookups of the callers in them. */
    private static void watchLive(AgentBoard agents, QueueBoard queues, LiveHub live, ScreenPop screenPop) {
        agents.subscribe(state -> {
            live.publish("agent", "agent", AgentView.of(state, screenPop));
            screenPop.agentChanged(state);
        });
        queues.subscribe(wall -> {
            live.publish("queues", "queues", QueueView.of(wall, screenPop));
            screenPop.queuesChanged(wall);
        });
    }

    /**
     * The migrated stores of the database {@code config} names, for commands that work on the store without
     * a node (import, reindex, the demo's loader); closing them closes the database.
     */
    public static Stores openStores(EarshotConfig config) {
        return new Stores(Database.open(config.jdbcUrl(), config.dbUser(), config.dbPassword()), Json.newMapper(),
                new KpiRules(config.kpis()));
    }

    /** Answered calls per agent on that day (a transferred call counts for each agent who talked), from the store. */
    static java.util.Map<String, Integer> callsHandledOn(KpiService kpis, java.time.LocalDate day, java.time.ZoneId zone) {
        var rows = kpis.compute(new org.earshot.server.kpi.KpiQuery(day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant(), org.earshot.server.kpi.KpiQuery.GroupBy.AGENT, null, null));
        java.util.Map<String, Integer> handled = new java.util.HashMap<>();
        for (var row : rows) {
            if (!row.key().isEmpty() && row.answered() > 0) {
                handled.put(row.key(), (int) Math.min(Integer.MAX_VALUE, row.answered()));
            }
        }
        return handled;
    }

    /** The speech settings shared by the server and the {@code analyze} command. */
    public static SpeechSettings speechSettings(EarshotConfig config) {
        return new SpeechSettings(config.model(), config.modelCacheDir(), config.channels(),
                Runtime.getRuntime().availableProcessors(), config.flagRules())
                .withMaxRecordingLength(config.maxRecordingLength())
                .withPciRedaction(config.pciRedaction());
    }

    public synchronized void start() throws IOException, InterruptedException {
        if (!db.isPostgres()) {
            // Embedded H2 has one node: whatever it shows running was cut off by our own last stop.
            int requeued = jobs.requeueInterrupted();
            if (requeued > 0) {
                log.info("Re-queued {} analysis job(s) interrupted by the last stop", requeued);
            }
        }
        // Before calls can arrive: a new store's rollups are marked current while it is still empty.
        if (rollupRebuild != null) {
            rollupRebuild.start();
        }
        workers.start();
        if (!db.isPostgres()) {
            // The embedded database is locked by this process: `earshot backup` asks it for the copy.
            org.earshot.server.backup.BackupRequests backups = push(resources, new org.earshot.server.backup.BackupRequests(
                    config.dataDir(), zip -> org.earshot.server.store.DatabaseBackup.backup(db, zip), BACKUP_POLL));
            backups.start();
        }
        if (webhookDispatcher != null) {
            if (!db.isPostgres()) {
                // Embedded H2 has one node: a lease it shows was cut off by our own last stop.
                webhookDeliveries.releaseLeases();
            }
            webhookDispatcher.start();
        }
        if (http != null) {
            httpPort = http.start(config.httpPort());
        }
        if (agi != null) {
            agiPort = agi.start();
            log.info("FastAGI listening on port {}", agiPort);
        }
        if (ami != null) {
            ami.start();
        } else if (liveFloor != null) {
            liveFloor.start();
        } else if (http != null) {
            log.info("No ami-host configured: AMI stays off");
        }
        // Last: catching up a big store (a first start on a million calls, a lost index) takes minutes, and
        // meanwhile calls are followed and stored, and /api/health answers with the index's pendingChanges.
        if (follower != null) {
            follower.start();
        }
        if (purgeJob != null) {
            purgeJob.start();
        }
        if (alerts != null) {
            alerts.start();
        }
    }

    /**
     * The alert rules of a serving node, or null for a worker: the live analysis reports to them (they are its
     * {@link org.earshot.server.live.LiveSpeechListener}).
     */
    public AlertMonitor alerts() {
        return alerts;
    }

    /** The FastAGI port bound by {@link #start()}, or -1 when FastAGI is off. */
    public int agiPort() {
        return agiPort;
    }

    /** The HTTP API of a serving node, or null for a worker: tests that must cover every route walk its table. */
    public HttpApi http() {
        return http;
    }

    /** The HTTP port bound by {@link #start()}, or -1 for a worker. */
    public int httpPort() {
        return httpPort;
    }

    @Override
    public synchronized void close() {
        closeAll(resources);
    }

    private static String workerId() {
        // host/pid names the process in the jobs table; the suffix keeps restarts apart.
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> resources, T resource) {
        resources.push(resource);
        return resource;
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                log.warn("Closing {} failed", r.getClass().getSimpleName(), e);
            }
        }
    }
}
