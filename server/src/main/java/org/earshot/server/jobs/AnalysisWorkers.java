package org.earshot.server.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.JobQueue;
import org.earshot.server.store.JobQueue.Job;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AudioFormatException;
import org.earshot.speech.CallAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker threads that take analysis jobs from the persistent queue: analyse the recording, store
 * the report, re-index the call. A bad recording fails its job with the reason; the call stays
 * stored and searchable by its metadata.
 */
public final class AnalysisWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnalysisWorkers.class);
    private static final long IDLE_POLL_MILLIS = 1000;

    private final JobQueue jobs;
    private final CallStore calls;
    private final CallIndexer indexer;
    private final CallAnalyzer analyzer;
    private final ObjectMapper json;
    private final Clock clock;
    private final int threads;
    private final Semaphore wakeUp = new Semaphore(0);
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    public AnalysisWorkers(JobQueue jobs, CallStore calls, CallIndexer indexer, CallAnalyzer analyzer, ObjectMapper json,
                           Clock clock, int threads) {
        this.jobs = jobs;
        this.calls = calls;
        this.indexer = indexer;
        this.analyzer = analyzer;
        this.json = json;
        this.clock = clock;
        this.threads = threads;
    }

    public synchronized void start() {
        int requeued = jobs.requeueInterrupted();
        if (requeued > 0) {
            log.info("Re-queued {} analysis job(s) interrupted by the last stop", requeued);
        }
        running = true;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, "analysis-" + (i + 1));
            t.start();
            workers.add(t);
        }
    }

    /** Tells idle workers that a job was queued. */
    public void wakeUp() {
        wakeUp.release(threads);
    }

    private void work() {
        while (running) {
            try {
                var job = jobs.claim();
                if (job.isPresent()) {
                    run(job.get());
                } else {
                    wakeUp.tryAcquire(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A store outage must not kill the worker; it retries after a pause.
                log.error("Analysis worker error; retrying in {} ms", IDLE_POLL_MILLIS, e);
                sleepQuietly();
            }
        }
    }

    private void run(Job job) {
        Path recording = Path.of(job.recordingPath());
        log.info("Analysing call {} from {}", job.callId(), recording);
        try {
            AnalysisReport report = analyzer.analyze(recording);
            calls.saveAnalysis(job.callId(), json.writeValueAsString(report), clock.instant());
            var call = calls.find(job.callId());
            if (call.isPresent()) {
                indexer.reindex(call.get());
            }
            jobs.complete(job.id());
            log.info("Analysed call {}: {} s of audio, {} transcript segment(s)", job.callId(), report.durationSeconds(),
                    report.transcript() == null ? 0 : report.transcript().size());
        } catch (AudioFormatException e) {
            jobs.fail(job.id(), e.getMessage());
            log.warn("Analysis of call {} failed: {}", job.callId(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            jobs.fail(job.id(), recording + ": " + e.getMessage());
            log.error("Analysis of call {} failed", job.callId(), e);
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(IDLE_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking jobs and waits for running ones; jobs still running after that are re-queued at next start. */
    @Override
    public synchronized void close() {
        running = false;
        wakeUp();
        for (Thread t : workers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }
}
