package org.earshot.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.http.ApiRoutes;
import org.earshot.server.http.HttpApi;
import org.earshot.server.jobs.AnalysisWorkers;
import org.earshot.server.jobs.CallIndexer;
import org.earshot.server.jobs.CallIntake;
import org.earshot.server.jobs.RecordingLocator;
import org.earshot.server.kpi.KpiService;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.JobQueue;
import org.earshot.server.store.UserStore;
import org.earshot.speech.CallAnalyzer;
import org.earshot.speech.SpeechSettings;
import org.earshot.telephony.AmiBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Earshot: every part built by constructor in {@link #wire}, in the order calls flow
 * through them (AMI → intake → store and index → analysis workers → HTTP).
 */
public final class Earshot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Earshot.class);

    private final EarshotConfig config;
    private final AnalysisWorkers workers;
    private final HttpApi http;
    private final AmiBridge ami;
    private final CallIndexer indexer;
    private final CallStore calls;
    private final TranscriptIndex index;
    // Closed in reverse order of creation.
    private final Deque<AutoCloseable> resources;
    private int httpPort = -1;

    private Earshot(EarshotConfig config, AnalysisWorkers workers, HttpApi http, AmiBridge ami, CallIndexer indexer,
                    CallStore calls, TranscriptIndex index, Deque<AutoCloseable> resources) {
        this.config = config;
        this.workers = workers;
        this.http = http;
        this.ami = ami;
        this.indexer = indexer;
        this.calls = calls;
        this.index = index;
        this.resources = resources;
    }

    /** Builds a server from its config. Nothing listens or connects until {@link #start()}. */
    public static Earshot wire(EarshotConfig config, Clock clock) throws IOException {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            ObjectMapper json = Json.newMapper();
            Database db = push(resources, Database.open(config.jdbcUrl(), config.dbUser(), config.dbPassword()));
            CallStore calls = new CallStore(db);
            JobQueue jobs = new JobQueue(db, clock);
            Authenticator auth = new Authenticator(new UserStore(db), clock);
            auth.ensureFirstAdmin(config.adminPassword());
            TranscriptIndex index = push(resources, TranscriptIndex.open(config.indexDir()));
            CallIndexer indexer = new CallIndexer(calls, index, json);

            CallAnalyzer analyzer = push(resources, new CallAnalyzer(speechSettings(config)));
            AnalysisWorkers workers = push(resources, new AnalysisWorkers(jobs, calls, indexer, analyzer, json, clock,
                    config.workers()));
            CallIntake intake = new CallIntake(calls, indexer, jobs, new RecordingLocator(config.recordingsDir()),
                    workers::wakeUp);
            HttpApi http = push(resources, new HttpApi(
                    ApiRoutes.router(auth, index, calls, jobs, new KpiService(db), json), auth, json));
            AmiBridge ami = config.amiSettings().map(s -> new AmiBridge(s, clock, intake)).orElse(null);
            if (ami != null) {
                push(resources, ami);
            }
            return new Earshot(config, workers, http, ami, indexer, calls, index, resources);
        } catch (IOException | RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** The speech settings shared by the server and the {@code analyze} command. */
    public static SpeechSettings speechSettings(EarshotConfig config) {
        return new SpeechSettings(config.model(), config.modelCacheDir(), config.channels(), Runtime.getRuntime().availableProcessors());
    }

    public synchronized void start() throws IOException, InterruptedException {
        if (index.count() != calls.count()) {
            log.info("Search index holds {} call(s), the store {}: re-indexing from the store", index.count(), calls.count());
            indexer.reindexAll();
        }
        workers.start();
        httpPort = http.start(config.httpPort());
        if (ami != null) {
            ami.start();
        } else {
            log.info("No ami-host configured: AMI stays off");
        }
    }

    /** The HTTP port bound by {@link #start()}. */
    public int httpPort() {
        return httpPort;
    }

    @Override
    public synchronized void close() {
        closeAll(resources);
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
