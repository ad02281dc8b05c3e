package org.earshot.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.earshot.server.EarshotConfig;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.SpeechSettings;
import org.earshot.telephony.AmiSettings;
import picocli.CommandLine.Option;

/**
 * The config keys as flags of the same name. A flag wins over the config file, the file over the
 * default; each secret may also come from a file or the environment ({@link Secrets}).
 */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "config file (key = value), e.g. config/earshot.conf")
    Path configFile;
    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port (default 8080)")
    String httpPort;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "database, index and model cache (default ./data)")
    String dataDir;
    @Option(names = "--db-url", paramLabel = "URL", description = "JDBC URL (default: embedded H2 in data-dir)")
    String dbUrl;
    @Option(names = "--db-user", paramLabel = "USER")
    String dbUser;
    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "(better: --db-password-file or env EARSHOT_DB_PASSWORD)")
    String dbPassword;
    @Option(names = "--db-password-file", paramLabel = "FILE", description = "a file holding the database password")
    String dbPasswordFile;
    @Option(names = "--ami-host", paramLabel = "HOST", description = "Asterisk AMI host; without it AMI stays off")
    String amiHost;
    @Option(names = "--ami-port", paramLabel = "PORT", description = "AMI port (default 5038)")
    String amiPort;
    @Option(names = "--ami-user", paramLabel = "USER")
    String amiUser;
    @Option(names = "--ami-secret", paramLabel = "SECRET", description = "(better: --ami-secret-file or env EARSHOT_AMI_SECRET)")
    String amiSecret;
    @Option(names = "--ami-secret-file", paramLabel = "FILE", description = "a file holding the AMI secret")
    String amiSecretFile;
    @Option(names = "--ami-queue-log", paramLabel = "FILE",
            description = "Asterisk's queue_log, if readable here: fills what AMI missed while disconnected")
    String amiQueueLog;
    @Option(names = "--recordings-dir", paramLabel = "DIR", description = "where Asterisk's recordings are visible")
    String recordingsDir;
    @Option(names = "--channels", paramLabel = "LEFT,RIGHT", description = "parties of stereo channels (default customer,agent)")
    String channels;
    @Option(names = "--model", paramLabel = "DIR", description = "Vosk model folder (default: bundled small en-us)")
    String model;
    @Option(names = "--escalation-keywords", paramLabel = "WORDS",
            description = "words that flag a call 'escalation', comma-separated (default: supervisor, manager, cancel, ...)")
    String escalationKeywords;
    @Option(names = "--long-dead-air-seconds", paramLabel = "SECONDS",
            description = "dead air that flags a call 'long-dead-air' (default 10)")
    String longDeadAirSeconds;
    @Option(names = "--frequent-interruptions-per-minute", paramLabel = "N",
            description = "interruptions per minute that flag a call 'frequent-interruptions' (default 2)")
    String frequentInterruptionsPerMinute;
    @Option(names = "--max-recording-hours", paramLabel = "HOURS",
            description = "longer recordings are refused before they are read (default 4)")
    String maxRecordingHours;
    @Option(names = "--workers", paramLabel = "N", description = "analysis threads (default: one per core)")
    String workers;
    @Option(names = "--job-lease", paramLabel = "SECONDS", description = "analysis job lease (default 120)")
    String jobLease;
    @Option(names = "--pci-redaction", paramLabel = "on|off",
            description = "redact card numbers, security codes, expiry dates and keypad digits from transcripts and recordings (default on)")
    String pciRedaction;
    @Option(names = "--public-url", paramLabel = "URL",
            description = "how people and webhook receivers reach this server, for links (default http://localhost:PORT)")
    String publicUrl;
    @Option(names = "--admin-password", paramLabel = "PASSWORD", description = "first admin's password (or env EARSHOT_ADMIN_PASSWORD)")
    String adminPassword;
    @Option(names = "--admin-password-file", paramLabel = "FILE", description = "a file holding the first admin's password")
    String adminPasswordFile;

    @Option(names = "--http-bind", paramLabel = "ADDRESS",
            description = "address the HTTP server listens on, e.g. 127.0.0.1 behind a reverse proxy (default: all addresses)")
    String httpBind;
    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain: serve HTTPS (with --tls-key)")
    String tlsCert;
    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key (PKCS#8) of --tls-cert")
    String tlsKey;
    @Option(names = "--trusted-proxies", paramLabel = "ADDRESSES",
            description = "reverse proxies whose X-Forwarded-For/-Proto are believed, comma-separated addresses or CIDRs")
    String trustedProxies;

    @Option(names = "--agi-port", paramLabel = "PORT", description = "FastAGI port (Asterisk's default 4573); without it FastAGI stays off")
    String agiPort;
    @Option(names = "--agi-bind", paramLabel = "ADDRESS", description = "FastAGI listen address (default 0.0.0.0)")
    String agiBind;
    @Option(names = "--agi-threads", paramLabel = "N", description = "FastAGI calls handled at once (default 32)")
    String agiThreads;
    @Option(names = "--agi-command-timeout-seconds", paramLabel = "S", description = "FastAGI reply timeout (default 60)")
    String agiCommandTimeoutSeconds;
    @Option(names = "--wrap-up", paramLabel = "MODE", description = "queue-wrapuptime, pause-after-call or none")
    String wrapUp;
    @Option(names = "--time-zone", paramLabel = "ZONE", description = "zone of KPI days and hours (default UTC)")
    String timeZone;
    @Option(names = "--service-level-seconds", paramLabel = "S", description = "service-level threshold T (default 20)")
    String serviceLevelSeconds;
    @Option(names = "--short-abandon-seconds", paramLabel = "S", description = "short-abandon threshold (default 5)")
    String shortAbandonSeconds;
    @Option(names = "--count-short-abandons", paramLabel = "yes|no", description = "count short abandons as offered (default no)")
    String countShortAbandons;
    @Option(names = "--service-level-base", paramLabel = "BASE", description = "offered or answered+abandoned (default offered)")
    String serviceLevelBase;
    @Option(names = "--repeat-window-days", paramLabel = "D", description = "FCR repeat window (default 7)")
    String repeatWindowDays;
    @Option(names = "--returning-caller-window-days", paramLabel = "D",
            description = "a caller calling again within D days counts as returning (KPI; default 30)")
    String returningCallerWindowDays;
    @Option(names = "--retention-window-days", paramLabel = "D", hidden = true,
            description = "old name of --returning-caller-window-days (not data retention: see retention.*)")
    String retentionWindowDays;

    @Option(names = "--crm.lookup-url", paramLabel = "URL",
            description = "CRM caller lookup, {caller} = the number, e.g. https://crm.example/api/contacts?phone={caller}")
    String crmLookupUrl;
    @Option(names = "--crm.lookup-headers", paramLabel = "HEADERS",
            description = "headers of the lookup, e.g. 'Authorization: Bearer TOKEN; X-Tenant: 7' (better in the config file)")
    String crmLookupHeaders;
    @Option(names = "--crm.name-field", paramLabel = "POINTER", description = "JSON Pointer to the name, e.g. /contacts/0/name")
    String crmNameField;
    @Option(names = "--crm.id-field", paramLabel = "POINTER", description = "JSON Pointer to the record id, e.g. /contacts/0/id")
    String crmIdField;
    @Option(names = "--crm.record-url", paramLabel = "URL", description = "the record's page, e.g. https://crm.example/contacts/{crmId}")
    String crmRecordUrl;
    @Option(names = "--crm.cache-ttl", paramLabel = "TIME", description = "how long a CRM answer is reused (default 10m)")
    String crmCacheTtl;
    @Option(names = "--crm.lookup-headers-file", paramLabel = "FILE", description = "a file holding crm.lookup-headers")
    String crmLookupHeadersFile;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "also write a rolling earshot.log there (default: stderr only; the Debian package: /var/log/earshot)")
    String logDir;
    @Option(names = "--log-format", paramLabel = "text|json", description = "lines of the log file: text or JSON (default text)")
    String logFormat;

    /** Per-queue KPI keys as flags: --queue.NAME.KEY VALUE or --queue.NAME.KEY=VALUE. */
    @picocli.CommandLine.Unmatched
    java.util.List<String> unmatched = new java.util.ArrayList<>();

    /** The command this is mixed into: it, not the mixin, holds the unmatched flags on the real command line. */
    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    /** Where EARSHOT_AMI_SECRET and the like are read (tests give their own). */
    Map<String, String> environment = System.getenv();

    EarshotConfig toConfig() throws IOException {
        Map<String, String> v = new HashMap<>();
        if (configFile != null) {
            Map<String, String> file = ConfigFile.read(configFile);
            Secrets.requireOneForm(file, "config file " + configFile);
            v.putAll(file);
        }
        Secrets.overlay(v, Secrets.fromEnvironment(environment), "the environment");
        Map<String, String> flags = new HashMap<>();
        putFlags(flags);
        Secrets.overlay(v, flags, "the command line");
        Secrets.readFiles(v);
        return build(v);
    }

    private void putFlags(Map<String, String> v) {
        putFlag(v, "http-port", httpPort);
        putFlag(v, "data-dir", dataDir);
        putFlag(v, "db-url", dbUrl);
        putFlag(v, "db-user", dbUser);
        putFlag(v, "db-password", dbPassword);
        putFlag(v, "ami-host", amiHost);
        putFlag(v, "ami-port", amiPort);
        putFlag(v, "ami-user", amiUser);
        putFlag(v, "ami-secret", amiSecret);
        putFlag(v, "ami-queue-log", amiQueueLog);
        putFlag(v, "recordings-dir", recordingsDir);
        putFlag(v, "channels", channels);
        putFlag(v, "model", model);
        putFlag(v, "workers", workers);
        putFlag(v, "escalation-keywords", escalationKeywords);
        putFlag(v, "long-dead-air-seconds", longDeadAirSeconds);
        putFlag(v, "frequent-interruptions-per-minute", frequentInterruptionsPerMinute);
        putFlag(v, "max-recording-hours", maxRecordingHours);
        putFlag(v, "job-lease", jobLease);
        putFlag(v, "time-zone", timeZone);
        putFlag(v, "wrap-up", wrapUp);
        putFlag(v, "public-url", publicUrl);
        putFlag(v, "pci-redaction", pciRedaction);
        putFlag(v, "agi-port", agiPort);
        putFlag(v, "agi-bind", agiBind);
        putFlag(v, "agi-threads", agiThreads);
        putFlag(v, "agi-command-timeout-seconds", agiCommandTimeoutSeconds);
        putFlag(v, "service-level-seconds", serviceLevelSeconds);
        putFlag(v, "short-abandon-seconds", shortAbandonSeconds);
        putFlag(v, "count-short-abandons", countShortAbandons);
        putFlag(v, "service-level-base", serviceLevelBase);
        putFlag(v, "repeat-window-days", repeatWindowDays);
        putFlag(v, "retention-window-days", retentionWindowDays);
        putFlag(v, "returning-caller-window-days", returningCallerWindowDays);
        putFlag(v, "crm.lookup-url", crmLookupUrl);
        putFlag(v, "crm.lookup-headers", crmLookupHeaders);
        putFlag(v, "crm.name-field", crmNameField);
        putFlag(v, "crm.id-field", crmIdField);
        putFlag(v, "crm.record-url", crmRecordUrl);
        putFlag(v, "crm.cache-ttl", crmCacheTtl);
        putQueueFlags(v);
        putFlag(v, "admin-password", adminPassword);
        putFlag(v, "admin-password-file", adminPasswordFile);
        putFlag(v, "ami-secret-file", amiSecretFile);
        putFlag(v, "db-password-file", dbPasswordFile);
        putFlag(v, "crm.lookup-headers-file", crmLookupHeadersFile);
        putFlag(v, "http-bind", httpBind);
        putFlag(v, "tls-cert", tlsCert);
        putFlag(v, "tls-key", tlsKey);
        putFlag(v, "trusted-proxies", trustedProxies);
    }

    /** Where the log file goes: a process setting, read apart from the node's {@link EarshotConfig}. */
    org.earshot.server.logs.LogSettings logSettings() throws IOException {
        Map<String, String> v = new HashMap<>();
        if (configFile != null) {
            v.putAll(ConfigFile.read(configFile));
        }
        putFlag(v, "log-dir", logDir);
        putFlag(v, "log-format", logFormat);
        return org.earshot.server.logs.LogSettings.fromConfig(v);
    }

    static EarshotConfig build(Map<String, String> v) {
        AmiSettings ami = null;
        if (v.containsKey("ami-host")) {
            ami = new AmiSettings(v.get("ami-host"), intValue(v, "ami-port", 5038), v.get("ami-user"),
                    v.getOrDefault("ami-secret", ""), java.time.Duration.ofSeconds(2));
            if (v.containsKey("ami-queue-log")) {
                ami = ami.withQueueLog(Path.of(v.get("ami-queue-log")));
            }
        }
        ChannelRoles roles;
        try {
            roles = ChannelRoles.parse(v.getOrDefault("channels", "customer,agent"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("channels: " + e.getMessage(), e);
        }
        // Checked even with FastAGI off: a typo must not wait to surface until FastAGI is switched on.
        v.forEach((key, value) -> {
            if (key.startsWith("queue.") && key.endsWith(".assignment") && !value.isBlank()) {
                org.earshot.telephony.QueueRouting.Assignment.parse(key, value);
            }
        });
        Path recordingsDir = pathValue(v, "recordings-dir");
        if (recordingsDir != null && !java.nio.file.Files.isDirectory(recordingsDir)) {
            throw new IllegalArgumentException("recordings-dir " + recordingsDir + " is not a directory");
        }
        return new EarshotConfig(
                intValue(v, "http-port", 8080),
                Path.of(v.getOrDefault("data-dir", "data")),
                v.get("db-url"), v.get("db-user"), v.get("db-password"),
                ami,
                recordingsDir,
                roles,
                pathValue(v, "model"),
                intValue(v, "workers", Math.min(64, Math.max(1, Runtime.getRuntime().availableProcessors()))),
                v.get("admin-password"),
                java.time.Duration.ofSeconds(intValue(v, "job-lease", 120)),
                KpiOptions.build(v),
                v.containsKey("wrap-up") ? org.earshot.telephony.WrapUpRule.of(v.get("wrap-up"))
                        : org.earshot.telephony.WrapUpRule.DEFAULT,
                v.containsKey("agi-port") ? org.earshot.telephony.AgiSettings.fromConfig(v) : null,
                flagRules(v),
                maxRecordingLength(v),
                org.earshot.server.crm.CrmSettings.fromConfig(v),
                v.get("public-url"),
                RetentionOptions.build(v),
                v.get(SpeechSettings.PCI_REDACTION_KEY) == null
                        || SpeechSettings.parsePciRedaction(v.get(SpeechSettings.PCI_REDACTION_KEY)),
                org.earshot.server.alerts.AlertSettings.fromConfig(v),
                org.earshot.server.livespeech.LiveSpeechSettings.fromConfig(v),
                org.earshot.server.http.HttpSettings.fromConfig(v));
    }

    /** {@code max-recording-hours}, which may be a fraction (0.5 = 30 min). */
    static java.time.Duration maxRecordingLength(Map<String, String> v) {
        double defaultHours = SpeechSettings.DEFAULT_MAX_RECORDING_LENGTH.toSeconds() / 3600.0;
        double hours = positive(v, SpeechSettings.MAX_RECORDING_KEY, defaultHours);
        return java.time.Duration.ofMillis(Math.round(hours * 3_600_000));
    }

    /** The rules of the analysis's call flags: the defaults with what the configuration changes. */
    static SpeechSettings.Sentiment flagRules(Map<String, String> v) {
        SpeechSettings.Sentiment d = SpeechSettings.Sentiment.DEFAULTS;
        List<String> keywords = d.escalationKeywords();
        String listed = v.get("escalation-keywords");
        if (listed != null) {
            keywords = java.util.Arrays.stream(listed.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
            for (String keyword : keywords) {
                if (!keyword.matches("[\\p{L}\\p{N}']+")) {
                    throw new IllegalArgumentException("escalation-keywords: '" + keyword + "' is not one word (the"
                            + " transcript is matched word by word; list each word, comma-separated)");
                }
            }
        }
        return new SpeechSettings.Sentiment(keywords, positive(v, "long-dead-air-seconds", d.longDeadAirSeconds()),
                positive(v, "frequent-interruptions-per-minute", d.frequentInterruptionsPerMinute()),
                d.timelineWindowSeconds(), d.negativeBelow(), d.positiveAbove());
    }

    private static double positive(Map<String, String> v, String key, double dflt) {
        String value = v.get(key);
        if (value == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(value.strip());
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(key + " must be a positive number, was '" + value + "'");
    }

    private void putQueueFlags(Map<String, String> v) {
        if (unmatched.isEmpty() && mixee != null && mixee.commandLine() != null) {
            unmatched = new java.util.ArrayList<>(mixee.commandLine().getUnmatchedArguments());
        }
        for (int i = 0; i < unmatched.size(); i++) {
            String arg = unmatched.get(i);
            String key = arg.startsWith("--") ? arg.substring(2) : arg;
            String value = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < unmatched.size()) {
                value = unmatched.get(++i);
            }
            // Every config key is a flag too: those without an @Option of their own (per-queue, survey, retention,
            // alert, live, ... keys) arrive here.
            if (!arg.startsWith("--") || !ConfigKeys.known(key) || value == null) {
                throw new IllegalArgumentException("unknown option '" + arg + "' (per-queue settings look like"
                        + " --queue.sales.service-level-seconds 30; known keys: " + ConfigKeys.describe() + ")");
            }
            v.put(key, value);
        }
    }

    private static void putFlag(Map<String, String> v, String key, String value) {
        if (value != null) {
            v.put(key, value);
        }
    }

    private static Path pathValue(Map<String, String> v, String key) {
        String value = v.get(key);
        return value == null ? null : Path.of(value);
    }

    private static int intValue(Map<String, String> v, String key, int dflt) {
        String value = v.get(key);
        if (value == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'");
        }
    }
}
