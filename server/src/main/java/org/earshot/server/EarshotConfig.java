package org.earshot.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.earshot.server.alerts.AlertSettings;
import org.earshot.server.crm.CrmSettings;
import org.earshot.server.http.HttpSettings;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.lifecycle.RetentionPolicy;
import org.earshot.server.livespeech.LiveSpeechSettings;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.SpeechSettings;
import org.earshot.telephony.AgiSettings;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.WrapUpRule;

/**
 * Everything a running Earshot needs to know, validated at start-up.
 *
 * @param httpPort      HTTP port (0 = any free port)
 * @param dataDir       folder of the embedded database, the search index and the model cache
 * @param dbUrl         JDBC URL, or null for embedded H2 under dataDir
 * @param dbUser        database user, or null
 * @param dbPassword    database password, or null
 * @param ami           AMI connection, or null when AMI is off
 * @param recordingsDir where this machine sees Asterisk's recordings, or null
 * @param channels      party of the left and right channel of stereo recordings
 * @param model         a Vosk model folder, or null for the bundled one
 * @param workers       analysis worker threads
 * @param adminPassword password for the first admin, or null to generate one
 * @param jobLease      how long a worker may hold an analysis job without renewing it
 * @param kpis          KPI definitions: time zone, thresholds, per-queue overrides
 * @param wrapUp        how after-call work is measured from AMI
 * @param agi           FastAGI server settings (survey, route, hours scripts), or null when FastAGI is off
 * @param flagRules     escalation keywords and the thresholds of the analysis's call flags
 * @param maxRecordingLength longer recordings are refused by the analysis (key {@code max-recording-hours})
 * @param crm           the CRM caller lookup, or null without {@code crm.lookup-url}
 * @param publicUrl     how people and webhook receivers reach this server (key {@code public-url}), e.g.
 *                      https://earshot.example; null for http://localhost:PORT
 * @param retention     how long recordings, transcripts and calls are kept (keys {@code retention.*})
 * @param pciRedaction  card data found in a call is redacted from its transcript and silenced in its recording
 *                      (key {@code pci-redaction}, on unless set to off)
 * @param alerts        the alert rules (keys {@code alert.*} and {@code queue.NAME.alert.*})
 * @param live          live transcripts and sentiment of calls in progress (keys {@code live.*}); null = defaults
 * @param http          where and how the HTTP server listens: bind address, TLS, trusted reverse proxies
 *                      (keys {@code http-bind}, {@code tls-cert}, {@code tls-key}, {@code trusted-proxies})
 */
public record EarshotConfig(
        int httpPort,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        AmiSettings ami,
        Path recordingsDir,
        ChannelRoles channels,
        Path model,
        int workers,
        String adminPassword,
        Duration jobLease,
        KpiDefinitions kpis,
        WrapUpRule wrapUp,
        AgiSettings agi,
        SpeechSettings.Sentiment flagRules,
        Duration maxRecordingLength,
        CrmSettings crm,
        String publicUrl,
        RetentionPolicy retention,
        boolean pciRedaction,
        AlertSettings alerts,
        LiveSpeechSettings live,
        HttpSettings http) {

    /**
     * With the default alert rules and live analysis, listening on all addresses over plain HTTP
     * ({@link AlertSettings#DEFAULTS}, {@link LiveSpeechSettings#DEFAULTS}, {@link HttpSettings#DEFAULTS}).
     */
    public EarshotConfig(int httpPort, Path dataDir, String dbUrl, String dbUser, String dbPassword, AmiSettings ami,
                         Path recordingsDir, ChannelRoles channels, Path model, int workers, String adminPassword,
                         Duration jobLease, KpiDefinitions kpis, WrapUpRule wrapUp, AgiSettings agi,
                         SpeechSettings.Sentiment flagRules, Duration maxRecordingLength, CrmSettings crm, String publicUrl,
                         RetentionPolicy retention, boolean pciRedaction) {
        this(httpPort, dataDir, dbUrl, dbUser, dbPassword, ami, recordingsDir, channels, model, workers, adminPassword,
                jobLease, kpis, wrapUp, agi, flagRules, maxRecordingLength, crm, publicUrl, retention, pciRedaction,
                AlertSettings.DEFAULTS, LiveSpeechSettings.DEFAULTS, HttpSettings.DEFAULTS);
    }

    /** Keeping everything forever ({@link RetentionPolicy#KEEP_FOREVER}), card data redacted. */
    public EarshotConfig(int httpPort, Path dataDir, String dbUrl, String dbUser, String dbPassword, AmiSettings ami,
                         Path recordingsDir, ChannelRoles channels, Path model, int workers, String adminPassword,
                         Duration jobLease, KpiDefinitions kpis, WrapUpRule wrapUp, AgiSettings agi,
                         SpeechSettings.Sentiment flagRules, Duration maxRecordingLength, CrmSettings crm, String publicUrl) {
        this(httpPort, dataDir, dbUrl, dbUser, dbPassword, ami, recordingsDir, channels, model, workers, adminPassword,
                jobLease, kpis, wrapUp, agi, flagRules, maxRecordingLength, crm, publicUrl, RetentionPolicy.KEEP_FOREVER, true);
    }

    /** With the default flag rules ({@link SpeechSettings.Sentiment#DEFAULTS}). */
    public EarshotConfig(int httpPort, Path dataDir, String dbUrl, String dbUser, String dbPassword, AmiSettings ami,
                         Path recordingsDir, ChannelRoles channels, Path model, int workers, String adminPassword,
                         Duration jobLease, KpiDefinitions kpis, WrapUpRule wrapUp, AgiSettings agi) {
        this(httpPort, dataDir, dbUrl, dbUser, dbPassword, ami, recordingsDir, channels, model, workers, adminPassword,
                jobLease, kpis, wrapUp, agi, SpeechSettings.Sentiment.DEFAULTS);
    }

    /** With the default maximum recording length ({@link SpeechSettings#DEFAULT_MAX_RECORDING_LENGTH}). */
    public EarshotConfig(int httpPort, Path dataDir, String dbUrl, String dbUser, String dbPassword, AmiSettings ami,
                         Path recordingsDir, ChannelRoles channels, Path model, int workers, String adminPassword,
                         Duration jobLease, KpiDefinitions kpis, WrapUpRule wrapUp, AgiSettings agi,
                         SpeechSettings.Sentiment flagRules) {
        this(httpPort, dataDir, dbUrl, dbUser, dbPassword, ami, recordingsDir, channels, model, workers, adminPassword,
                jobLease, kpis, wrapUp, agi, flagRules, SpeechSettings.DEFAULT_MAX_RECORDING_LENGTH);
    }

    /** Without a CRM caller lookup, and links in webhooks pointing at http://localhost:PORT. */
    public EarshotConfig(int httpPort, Path dataDir, String dbUrl, String dbUser, String dbPassword, AmiSettings ami,
                         Path recordingsDir, ChannelRoles channels, Path model, int workers, String adminPassword,
                         Duration jobLease, KpiDefinitions kpis, WrapUpRule wrapUp, AgiSettings agi,
                         SpeechSettings.Sentiment flagRules, Duration maxRecordingLength) {
        this(httpPort, dataDir, dbUrl, dbUser, dbPassword, ami, recordingsDir, channels, model, workers, adminPassword,
                jobLease, kpis, wrapUp, agi, flagRules, maxRecordingLength, null, null);
    }

    public EarshotConfig {
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("http-port must be 0-65535, was " + httpPort);
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("data-dir is required");
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("workers must be 1-64, was " + workers);
        }
        if (dbUrl != null && !dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("db-url must start with jdbc:h2: or jdbc:postgresql:, was " + dbUrl);
        }
        if (jobLease == null || jobLease.toMillis() < 500) {
            throw new IllegalArgumentException("job-lease must be at least 1 second, was " + (jobLease == null ? null : jobLease.toSeconds()));
        }
        if (wrapUp == null) {
            throw new IllegalArgumentException("wrap-up is required");
        }
        if (kpis == null) {
            throw new IllegalArgumentException("kpis are required");
        }
        if (channels == null) {
            throw new IllegalArgumentException("channels is required, e.g. customer,agent");
        }
        if (flagRules == null) {
            throw new IllegalArgumentException("flag rules are required");
        }
        if (maxRecordingLength == null || maxRecordingLength.isNegative() || maxRecordingLength.isZero()) {
            throw new IllegalArgumentException(SpeechSettings.MAX_RECORDING_KEY + " must be a positive number of hours, was "
                    + maxRecordingLength);
        }
        if (retention == null) {
            retention = RetentionPolicy.KEEP_FOREVER;
        }
        if (alerts == null) {
            alerts = AlertSettings.DEFAULTS;
        }
        if (live == null) {
            live = LiveSpeechSettings.DEFAULTS;
        }
        if (http == null) {
            http = HttpSettings.DEFAULTS;
        }
        if (publicUrl != null && !publicUrl.matches("(?i)https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
            throw new IllegalArgumentException("public-url must be an absolute http or https URL without query,"
                    + " e.g. https://earshot.example, was " + publicUrl);
        }
    }

    /** The base of links Earshot hands out (webhooks): {@code public-url}, or http(s)://localhost:PORT. */
    public String baseUrl() {
        String base = publicUrl != null ? publicUrl : (http.tls() ? "https" : "http") + "://localhost:" + httpPort;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public Optional<AgiSettings> agiSettings() {
        return Optional.ofNullable(agi);
    }

    public Optional<CrmSettings> crmSettings() {
        return Optional.ofNullable(crm);
    }

    /** The same config with this CRM caller lookup (null = none). */
    public EarshotConfig withCrm(CrmSettings crm) {
        return new EarshotConfig(httpPort, dataDir, dbUrl, dbUser, dbPassword, ami, recordingsDir, channels, model, workers,
                adminPassword, jobLease, kpis, wrapUp, agi, flagRules, maxRecordingLength, crm, publicUrl, retention, pciRedaction, alerts, live,
                http);
    }

    /** The same config with this retention policy. */
    public EarshotConfig withRetention(RetentionPolicy retention) {
        return new EarshotConfig(httpPort, dataDir, dbUrl, dbUser, dbPassword, ami, recordingsDir, channels, model, workers,
                adminPassword, jobLease, kpis, wrapUp, agi, flagRules, maxRecordingLength, crm, publicUrl, retention, pciRedaction, alerts, live,
                http);
    }

    /** The same config with these alert rules. */
    public EarshotConfig withAlerts(AlertSettings alerts) {
        return new EarshotConfig(httpPort, dataDir, dbUrl, dbUser, dbPassword, ami, recordingsDir, channels, model, workers,
                adminPassword, jobLease, kpis, wrapUp, agi, flagRules, maxRecordingLength, crm, publicUrl, retention, pciRedaction,
                alerts, live, http);
    }

    /** The same config with this live analysis. */
    public EarshotConfig withLive(LiveSpeechSettings live) {
        return new EarshotConfig(httpPort, dataDir, dbUrl, dbUser, dbPassword, ami, recordingsDir, channels, model, workers,
                adminPassword, jobLease, kpis, wrapUp, agi, flagRules, maxRecordingLength, crm, publicUrl, retention, pciRedaction,
                alerts, live, http);
    }

    /** The same config with this bind address, TLS and trusted proxies. */
    public EarshotConfig withHttp(HttpSettings http) {
        return new EarshotConfig(httpPort, dataDir, dbUrl, dbUser, dbPassword, ami, recordingsDir, channels, model, workers,
                adminPassword, jobLease, kpis, wrapUp, agi, flagRules, maxRecordingLength, crm, publicUrl, retention, pciRedaction,
                alerts, live, http);
    }

    public Optional<AmiSettings> amiSettings() {
        return Optional.ofNullable(ami);
    }

    /** The JDBC URL actually used: the configured one, or embedded H2 under the data dir. */
    public String jdbcUrl() {
        // H2 would close itself in its own shutdown hook, under the feet of running jobs; we close it last.
        return dbUrl != null ? dbUrl : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db/earshot") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public Path indexDir() {
        return dataDir.resolve("index");
    }

    public Path modelCacheDir() {
        return dataDir.resolve("models");
    }

    /** A JDBC URL fit for a log line: a password given in it (pgjdbc allows ?password=) is masked. */
    public static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** Where the search index notes the last store change it holds. */
    public Path indexCheckpointFile() {
        return dataDir.resolve("index-checkpoint");
    }

    @Override
    public String toString() {
        // Never print secrets.
        return "EarshotConfig[httpPort=" + httpPort + ", dataDir=" + dataDir + ", db=" + (dbUrl == null ? "embedded H2" : redacted(dbUrl))
                + ", ami=" + ami + ", recordingsDir=" + recordingsDir + ", workers=" + workers + ", crm=" + crm + ", publicUrl=" + publicUrl + ", http=" + http + "]";
    }
}
