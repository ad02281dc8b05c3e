package org.earshot.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What an operator graphs and alerts on: calls stored, analyses done and failed with their time and
 * duration histogram, which build runs, search latency, CRM caller lookups by result, the job queue by state, whether AMI is connected, live clients and the size of the search index.
 * One registry per server (no global state), read by GET /metrics.
 */
public final class EarshotMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter callsStored = Counter.builder().name("earshot_calls_stored")
            .help("Calls stored (from AMI, FastAGI or import)").labelNames("outcome").register(registry);
    private final Counter analyses = Counter.builder().name("earshot_analyses")
            .help("Recordings analysed, by result").labelNames("result").register(registry);
    private final Counter analysisSeconds = Counter.builder().name("earshot_analysis_seconds")
            .help("Wall-clock seconds spent analysing recordings").register(registry);
    private final Histogram analysisDuration = Histogram.builder().name("earshot_analysis_duration_seconds")
            .help("Wall-clock time to analyse one recording").classicOnly()
            .classicUpperBounds(0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600).register(registry);
    private final Histogram searchDuration = Histogram.builder().name("earshot_search_duration_seconds")
            .help("Time to answer one GET /api/calls search").classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5).register(registry);
    private final Counter crmLookups = Counter.builder().name("earshot_crm_lookups")
            .help("CRM caller lookups sent, by result: found, not_found, error, timeout").labelNames("result")
            .register(registry);

    private final Counter webhookAttempts = Counter.builder().name("earshot_webhook_attempts")
            .help("Webhook delivery attempts, by what followed: delivered, retry (pending) or failed for good")
            .labelNames("result").register(registry);

    private final Counter alertsRaised = Counter.builder().name("earshot_alerts_raised")
            .help("Alerts raised, by rule (once per condition episode)").labelNames("rule").register(registry);

    /** With this jar's build ({@link org.earshot.server.BuildInfo#current()}) as {@code earshot_build_info}. */
    public EarshotMetrics() {
        this(org.earshot.server.BuildInfo.current());
    }

    /** @param build what {@code earshot_build_info{version,commit} 1} names: which Earshot a scraper talks to */
    public EarshotMetrics(org.earshot.server.BuildInfo build) {
        Info.builder().name("earshot_build_info").help("Which Earshot runs: version and git commit of its build")
                .labelNames("version", "commit").register(registry).setLabelValues(build.version(), build.commit());
        // Every series exists from the start at 0: rate() and alerts need a sample before the first event.
        for (org.earshot.telephony.CallOutcome outcome : org.earshot.telephony.CallOutcome.values()) {
            callsStored.labelValues(outcome.key());
        }
        analyses.labelValues("done");
        analyses.labelValues("failed");
        for (String result : new String[] {"found", "not_found", "error", "timeout"}) {
            crmLookups.labelValues(result);
        }
        for (String result : new String[] {"delivered", "retry", "failed"}) {
            webhookAttempts.labelValues(result);
        }
    }

    /** A CRM caller lookup ended so (CrmLookup.Result's key). */
    public void crmLookup(String result) {
        crmLookups.labelValues(result).inc();
    }

    /** The CRM lookup's cache, read when scraped; only a node with crm.lookup-url has one. */
    public void watchCrm(LongSupplier cachedCallers) {
        GaugeWithCallback.builder().name("earshot_crm_cached_callers")
                .help("Caller numbers whose CRM answer (found or not) is cached")
                .callback(cb -> cb.call(cachedCallers.getAsLong())).register(registry);
    }

    /** @param status what the attempt left the delivery as: delivered, pending or failed */
    public void webhookAttempt(String status) {
        webhookAttempts.labelValues("pending".equals(status) ? "retry" : status).inc();
    }

    /** The webhook outbox gauge, read when scraped. */
    public void watchWebhooks(LongSupplier pendingDeliveries) {
        GaugeWithCallback.builder().name("earshot_webhook_deliveries_pending")
                .help("Webhook deliveries waiting to be sent or retried (all nodes)")
                .callback(cb -> cb.call(pendingDeliveries.getAsLong())).register(registry);
    }

    /** An alert was raised by this rule (AlertRule's key). */
    public void alertRaised(String rule) {
        alertsRaised.labelValues(rule).inc();
    }

    /**
     * Alerts: every rule's counter at 0 from the start, and the open (unacknowledged) alerts, read when scraped.
     */
    public void watchAlerts(java.util.Collection<String> rules, LongSupplier openAlerts) {
        rules.forEach(alertsRaised::labelValues);
        GaugeWithCallback.builder().name("earshot_alerts_open")
                .help("Alerts nobody has acknowledged yet (all nodes)")
                .callback(cb -> cb.call(openAlerts.getAsLong())).register(registry);
    }

    /** Runs one search, timing it. */
    public <T> T timeSearch(java.util.concurrent.Callable<T> search) throws Exception {
        long start = System.nanoTime();
        try {
            return search.call();
        } finally {
            searchDuration.observe((System.nanoTime() - start) / 1e9);
        }
    }

    public void callStored(String outcome) {
        callsStored.labelValues(outcome).inc();
    }

    public void analysisDone(double seconds) {
        analyses.labelValues("done").inc();
        analysisSeconds.inc(seconds);
        analysisDuration.observe(seconds);
    }

    public void analysisFailed() {
        analyses.labelValues("failed").inc();
    }

    /** Gauges read when scraped. */
    public void watch(Supplier<Map<String, Long>> jobsByState, BooleanSupplier amiConnected, LongSupplier liveClients,
                      LongSupplier indexedCalls) {
        GaugeWithCallback.builder().name("earshot_analysis_jobs").help("Analysis jobs by state").labelNames("state")
                .callback(cb -> jobsByState.get().forEach((state, n) -> cb.call(n, state))).register(registry);
        GaugeWithCallback.builder().name("earshot_ami_connected").help("1 while logged in to Asterisk's AMI")
                .callback(cb -> cb.call(amiConnected.getAsBoolean() ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name("earshot_live_clients").help("WebSocket clients of /api/live")
                .callback(cb -> cb.call(liveClients.getAsLong())).register(registry);
        GaugeWithCallback.builder().name("earshot_search_index_calls").help("Calls in this node's search index")
                .callback(cb -> cb.call(indexedCalls.getAsLong())).register(registry);
    }

    /** The Prometheus text exposition of every metric. */
    public byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        return out.toByteArray();
    }

    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
