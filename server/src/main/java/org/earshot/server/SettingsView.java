package org.earshot.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.earshot.server.kpi.KpiSettings;
import org.earshot.telephony.QueueRouting;

/**
 * What an admin sees under Administration → Settings: the configuration in force, read-only (it is
 * changed in earshot.conf), and whether each part is up. Secrets never appear: not the AMI secret,
 * not the database password, not one given inside the JDBC URL, not the CRM lookup's header values.
 */
public final class SettingsView {

    private final EarshotConfig config;
    private final BooleanSupplier amiConnected;
    private final Supplier<Map<String, Long>> jobsByState;
    private final LongSupplier indexedCalls;
    private final String liveSource;

    public SettingsView(EarshotConfig config, BooleanSupplier amiConnected, Supplier<Map<String, Long>> jobsByState,
                        LongSupplier indexedCalls, String liveSource) {
        this.config = config;
        this.amiConnected = amiConnected;
        this.jobsByState = jobsByState;
        this.indexedCalls = indexedCalls;
        this.liveSource = liveSource;
    }

    /** Keys as in earshot.conf, so an admin knows what to change where. */
    public Map<String, Object> snapshot() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("server", server());
        view.put("ami", ami());
        view.put("agi", agi());
        view.put("crm", crm());
        view.put("retention", retention());
        view.put("alerts", alerts());
        view.put("analysis", analysis());
        view.put("kpis", kpis());
        view.put("queues", queues());
        return view;
    }

    private Map<String, Object> server() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("http-port", config.httpPort());
        m.put("http-bind", config.http().bind() == null ? "all addresses" : config.http().bind().getHostAddress());
        m.put("tls", config.http().tls() ? "on: " + config.http().tlsCert() + " (reloaded when changed)" : "off");
        m.put("trusted-proxies", config.http().trustedProxies().isEmpty() ? "none"
                : config.http().trustedProxies().toString());
        m.put("public-url", config.baseUrl());
        m.put("pci-redaction", config.pciRedaction() ? "on" : "off");
        m.put("data-dir", config.dataDir().toAbsolutePath().toString());
        m.put("database", config.dbUrl() == null ? "embedded H2 under data-dir" : EarshotConfig.redacted(config.dbUrl()));
        m.put("db-user", config.dbUser());
        m.put("recordings-dir", config.recordingsDir() == null ? "Asterisk's own paths" : config.recordingsDir().toString());
        m.put("time-zone", config.kpis().zone().getId());
        m.put("wrap-up", config.wrapUp().mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        m.put("live wall source", liveSource);
        return m;
    }

    private Map<String, Object> ami() {
        Map<String, Object> m = new LinkedHashMap<>();
        config.amiSettings().ifPresentOrElse(ami -> {
            m.put("status", amiConnected.getAsBoolean() ? "connected" : "not connected (retrying)");
            m.put("ami-host", ami.host());
            m.put("ami-port", ami.port());
            m.put("ami-user", ami.username());
            m.put("ami-queue-log", ami.queueLog() == null ? null : ami.queueLog().toString());
        }, () -> m.put("status", "off (no ami-host)"));
        return m;
    }

    private Map<String, Object> agi() {
        Map<String, Object> m = new LinkedHashMap<>();
        config.agiSettings().ifPresentOrElse(agi -> {
            m.put("status", "listening");
            m.put("agi-bind", agi.bindAddress());
            m.put("agi-port", agi.port());
            m.put("agi-threads", agi.threads());
            m.put("agi-command-timeout-seconds", agi.commandTimeout().toSeconds());
        }, () -> m.put("status", "off (no agi-port)"));
        return m;
    }

    /** The alert rules (0 = off), globally and for queues with their own. */
    private Map<String, Object> alerts() {
        Map<String, Object> m = new LinkedHashMap<>();
        putRules(m, "", config.alerts().global());
        config.alerts().perQueue().forEach((queue, rules) -> putRules(m, "queue." + queue + ".", rules));
        return m;
    }

    private static void putRules(Map<String, Object> m, String prefix, org.earshot.server.alerts.AlertSettings.Rules r) {
        m.put(prefix + "alert.escalation-keywords", r.escalationKeywords().isEmpty() ? "off"
                : String.join(", ", r.escalationKeywords()));
        m.put(prefix + "alert.escalation-party", r.escalationParty());
        m.put(prefix + "alert.sentiment-below", r.sentimentBelow());
        m.put(prefix + "alert.sentiment-seconds", r.sentimentSeconds());
        m.put(prefix + "alert.interruptions-per-minute", r.interruptionsPerMinute());
        m.put(prefix + "alert.dead-air-seconds", r.deadAirSeconds());
        m.put(prefix + "alert.hold-seconds", r.holdSeconds());
        m.put(prefix + "alert.wait-seconds", r.waitSeconds());
        m.put(prefix + "alert.service-level-target", r.serviceLevelTarget());
        m.put(prefix + "alert.service-level-min-offered", r.serviceLevelMinOffered());
        m.put(prefix + "alert.pause-minutes", r.pauseMinutes());
    }

    /** Days each part of a call is kept (0 = forever), globally and for queues with their own. */
    private Map<String, Object> retention() {
        Map<String, Object> m = new LinkedHashMap<>();
        var policy = config.retention();
        m.put("status", policy.keepsEverything() ? "off (everything is kept)"
                : policy.keepsEveryCall() ? "daily purge of old webhook events only" : "daily purge on");
        putPeriods(m, "", policy.global());
        m.put(org.earshot.server.lifecycle.RetentionPolicy.WEBHOOK_KEY, policy.webhookDays());
        policy.perQueue().forEach((queue, periods) -> putPeriods(m, "queue." + queue + ".", periods));
        return m;
    }

    private static void putPeriods(Map<String, Object> m, String prefix,
                                   org.earshot.server.lifecycle.RetentionPolicy.Periods periods) {
        m.put(prefix + "retention.audio-days", periods.audioDays());
        m.put(prefix + "retention.transcript-days", periods.transcriptDays());
        m.put(prefix + "retention.call-days", periods.callDays());
    }

    /** The CRM caller lookup; its headers (an API token) by name only, key=/token= values in its URL masked. */
    private Map<String, Object> crm() {
        Map<String, Object> m = new LinkedHashMap<>();
        config.crmSettings().ifPresentOrElse(crm -> {
            m.put("status", "on");
            m.put("crm.lookup-url", crm.maskedLookupUrl());
            m.put("crm.lookup-headers", crm.maskedHeaders());
            m.put("crm.name-field", crm.nameField());
            m.put("crm.id-field", crm.idField());
            m.put("crm.record-url", crm.recordUrl());
            m.put("crm.cache-ttl", crm.cacheTtl().toString());
            m.put("crm.timeout-ms", org.earshot.server.crm.CrmSettings.TIMEOUT.toMillis());
        }, () -> m.put("status", "off (no crm.lookup-url)"));
        return m;
    }

    private Map<String, Object> analysis() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", config.model() == null ? "bundled small US-English Vosk model" : config.model().toString());
        m.put("channels", config.channels().left().key() + "," + config.channels().right().key());
        m.put("workers", config.workers());
        m.put("job-lease", config.jobLease().toSeconds());
        m.put("escalation-keywords", String.join(", ", config.flagRules().escalationKeywords()));
        m.put("long-dead-air-seconds", config.flagRules().longDeadAirSeconds());
        m.put("frequent-interruptions-per-minute", config.flagRules().frequentInterruptionsPerMinute());
        m.put("jobs", new TreeMap<>(jobsByState.get()));
        m.put("indexed calls", indexedCalls.getAsLong());
        return m;
    }

    private Map<String, Object> kpis() {
        return kpiSettings(config.kpis().defaults());
    }

    /** Every queue with a setting of its own: KPI overrides, routing and opening hours. */
    private Map<String, Object> queues() {
        TreeSet<String> names = new TreeSet<>(config.kpis().perQueue().keySet());
        Map<String, QueueRouting> routing = config.agiSettings().map(a -> a.queues()).orElse(Map.of());
        names.addAll(routing.keySet());
        names.addAll(config.kpis().openingHours().keySet());
        Map<String, Object> queues = new LinkedHashMap<>();
        for (String name : names) {
            Map<String, Object> q = new LinkedHashMap<>();
            KpiSettings own = config.kpis().perQueue().get(name);
            if (own != null) {
                q.putAll(kpiSettings(own));
            }
            QueueRouting r = routing.getOrDefault(name, config.kpis().openingHours().get(name));
            if (r != null) {
                q.put("assignment", r.assignment().key());
                String hours = r.hours().toString();
                q.put("hours", hours.isEmpty() || r.hours().equals(org.earshot.telephony.OpeningHours.ALWAYS) ? "always open" : hours);
                q.put("holidays", r.holidays().isEmpty() ? "none" : String.join(",", r.holidays().stream().map(Object::toString).toList()));
            }
            queues.put(name, q);
        }
        return queues;
    }

    private static Map<String, Object> kpiSettings(KpiSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service-level-seconds", s.serviceLevelSeconds());
        m.put("short-abandon-seconds", s.shortAbandonSeconds());
        m.put("count-short-abandons", s.countShortAbandons() ? "yes" : "no");
        m.put("service-level-base", s.serviceLevelBase() == KpiSettings.ServiceLevelBase.OFFERED ? "offered" : "answered+abandoned");
        m.put("repeat-window-days", s.repeatWindow().toDays());
        m.put("returning-caller-window-days", s.retentionWindow().toDays());
        return m;
    }
}
