package org.earshot.server.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.earshot.server.metrics.EarshotMetrics;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.JobQueue;
import org.earshot.server.store.JobQueue.Job;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AudioFormatException;
import org.earshot.speech.CallAnalyzer;
import org.earshot.speech.AnalysisHints;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.RecordingRedactor;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.RecordingSpan;
import org.earshot.telephony.RecordingSpans;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker threads that take analysis jobs from the shared queue: analyse the recording and store
 * the report (search indexes pick it up from the store). A bad recording fails its job with the
 * reason; the call stays stored and searchable by its metadata. Leases of running jobs are renewed
 * while they run, so only a dead worker's job is taken over.
 */
public final class AnalysisWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnalysisWorkers.class);
    private static final long IDLE_POLL_MILLIS = 1000;

    private final JobQueue jobs;
    private final CallStore calls;
    private final CallAnalyzer analyzer;
    private final Clock clock;
    private final int threads;
    private final Duration lease;
    private final Semaphore wakeUp = new Semaphore(0);
    private final List<Thread> workers = new ArrayList<>();
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService leaseRenewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-lease-renewer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean started;
    private final EarshotMetrics metrics;
    private final RecordingLocator recordings;
    private final Consumer<String> analysed;

    public AnalysisWorkers(JobQueue jobs, CallStore calls, CallAnalyzer analyzer, Clock clock,
                           int threads, Duration lease, EarshotMetrics metrics, RecordingLocator recordings) {
        this(jobs, calls, analyzer, clock, threads, lease, metrics, recordings, callId -> { });
    }

    /**
     * @param analysed told the call's id once its report is stored, on the worker thread, before the job completes
     *                 (saved searches are matched there: once per job, on the node that ran it); its failure is
     *                 logged and does not fail the analysis
     */
    public AnalysisWorkers(JobQueue jobs, CallStore calls, CallAnalyzer analyzer, Clock clock,
                           int threads, Duration lease, EarshotMetrics metrics, RecordingLocator recordings,
                           Consumer<String> analysed) {
        this.analysed = analysed;
        this.metrics = metrics;
        this.recordings = recordings;
        this.jobs = jobs;
        this.calls = calls;
        this.analyzer = analyzer;
        this.clock = clock;
        this.threads = threads;
        this.lease = lease;
    }

    public synchronized void start() {
        started = true;
        long renewEvery = Math.max(100, lease.toMillis() / 3);
        leaseRenewer.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
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
        while (started) {
            try {
                var job = jobs.claim();
                if (job.isPresent()) {
                    wakeUp.drainPermits(); // this worker is busy now; stale wake-ups would only spin idle ones
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
        Path recording = recordings.locate(job.recordingPath());
        // Never the recording's name in the log: MixMonitor's names often hold the caller's number, and logs are
        // out of reach of an erasure request. The job's stored error names the file for the admin.
        log.info("Analysing call {} (attempt {})", job.callId(), job.attempts());
        running.add(job.id());
        long startNanos = System.nanoTime();
        try {
            // Per call, AMI may know which party is on which channel; otherwise the configured default.
            ChannelRoles roles = job.channels() == null ? analyzer.channels() : ChannelRoles.parse(job.channels());
            AnalysisReport report = analyzer.analyze(recording, roles, hints(job.callId()));
            if (!report.redactions().isEmpty()) {
                // Before the report is stored: should this fail, the job fails and no transcript without its
                // silenced audio is kept; a retry of a silenced file finds nothing more to silence.
                RecordingRedactor.silence(recording, report.redactions(), roles);
                log.info("Call {}: {} span(s) of card data silenced in its recording", job.callId(),
                        report.redactions().size());
            }
            calls.saveAnalysis(job.callId(), report, clock.instant());
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            metrics.analysisDone(seconds);
            tellAnalysed(job.callId());
            if (jobs.complete(job.id())) {
                log.info("Analysed call {} in {} s: {} s of audio, {} transcript segment(s)", job.callId(),
                        String.format(java.util.Locale.ROOT, "%.2f", seconds), report.durationSeconds(),
                        report.transcript() == null ? 0 : report.transcript().size());
            }
        } catch (AudioFormatException e) {
            metrics.analysisFailed();
            jobs.fail(job.id(), e.getMessage());
            log.warn("Analysis of call {} failed: {}", job.callId(), withoutFileName(String.valueOf(e.getMessage()), recording));
        } catch (IOException | RuntimeException | LinkageError | OutOfMemoryError e) {
            // Also errors (a native library that will not load, a recording too long for the heap): the
            // job fails with the reason and the worker lives on, rather than dying and taking the job's
            // lease with it attempt after attempt.
            metrics.analysisFailed();
            jobs.fail(job.id(), recording + ": " + e);
            log.error("Analysis of call {} failed: {}", job.callId(), withoutFileName(e.toString(), recording));
            // The trace, whose messages may name the file, only when asked for.
            log.debug("Analysis of call {} failed", job.callId(), e);
        } finally {
            running.remove(job.id());
        }
    }

    private void tellAnalysed(String callId) {
        try {
            analysed.accept(callId);
        } catch (RuntimeException e) {
            log.error("Call {} analysed, but what follows its analysis (saved searches) failed", callId, e);
        }
    }

    /** A failure's reason for the log: the recording's path and name replaced, since they may hold a caller's number. */
    static String withoutFileName(String reason, Path recording) {
        String shown = reason.replace(recording.toString(), "<recording>");
        Path name = recording.getFileName();
        return name == null ? shown : shown.replace(name.toString(), "<recording>");
    }

    /**
     * Where AMI saw keypad digits pressed (never which) and the recording muted, in seconds of the recording:
     * the analysis redacts the first like digits it hears and tells the second from dead air.
     */
    private AnalysisHints hints(String callId) {
        CallRecord call = calls.find(callId).orElse(null);
        if (call == null) {
            return AnalysisHints.NONE;
        }
        List<AnalysisHints.PartySpan> keypad = new ArrayList<>();
        List<AnalysisHints.PartySpan> muted = new ArrayList<>();
        for (RecordingSpan span : RecordingSpans.of(call)) {
            var party = org.earshot.speech.Party.fromKey(span.party().key());
            (span.kind() == RecordingSpan.Kind.KEYPAD ? keypad : muted)
                    .add(new AnalysisHints.PartySpan(party, span.startSeconds(), span.endSeconds()));
        }
        return keypad.isEmpty() && muted.isEmpty() ? AnalysisHints.NONE : new AnalysisHints(keypad, muted);
    }

    private void renewLeases() {
        for (Long id : running) {
            try {
                if (!jobs.renew(id)) {
                    log.warn("Lost the lease of job {}: another worker may take it over", id);
                }
            } catch (RuntimeException e) {
                log.warn("Renewing the lease of job {} failed", id, e);
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(IDLE_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking jobs and waits for running ones; a job still running after that is taken again later. */
    @Override
    public synchronized void close() {
        started = false;
        wakeUp();
        for (Thread t : workers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        leaseRenewer.shutdownNow();
    }
}
