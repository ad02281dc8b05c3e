package org.earshot.server.cli;

import java.util.Set;
import java.util.TreeSet;

/** Every config key Earshot knows, in one place: plain keys, per-queue keys, survey keys and CRM keys. */
final class ConfigKeys {

    static final Set<String> PLAIN = Set.of("http-port", "data-dir", "db-url", "db-user", "db-password", "ami-host",
            "ami-port", "ami-user", "ami-secret", "ami-queue-log", "recordings-dir", "channels", "model", "workers", "job-lease",
            "escalation-keywords", "long-dead-air-seconds", "frequent-interruptions-per-minute", "max-recording-hours", "wrap-up",
            "admin-password", "agi-port", "agi-bind", "agi-threads", "agi-command-timeout-seconds",
            "public-url", "pci-redaction", org.earshot.server.lifecycle.RetentionPolicy.WEBHOOK_KEY, "http-bind", "tls-cert",
            "tls-key", "trusted-proxies");
    static final Set<String> PER_QUEUE = Set.of("service-level-seconds", "short-abandon-seconds", "count-short-abandons",
            "service-level-base", "repeat-window-days", "returning-caller-window-days", "retention-window-days", "assignment", "hours", "holidays");
    static final Set<String> SURVEY = Set.of("survey.prompt.intro", "survey.prompt.csat", "survey.prompt.nps",
            "survey.prompt.ces", "survey.prompt.invalid", "survey.prompt.thanks", "survey.answer-timeout-seconds");

    private ConfigKeys() {
    }

    static boolean known(String key) {
        return PLAIN.contains(key) || Secrets.isFileKey(key) || KpiOptions.KEYS.contains(key) || SURVEY.contains(key)
                || org.earshot.server.crm.CrmSettings.KEYS.contains(key) || isQueueKey(key)
                || org.earshot.server.lifecycle.RetentionPolicy.KEYS.contains(key)
                || org.earshot.server.alerts.AlertSettings.KEYS.contains(key)
                || org.earshot.server.livespeech.LiveSpeechSettings.KEYS.contains(key)
                || org.earshot.server.logs.LogSettings.KEYS.contains(key);
    }

    /** queue.NAME.KEY with a per-queue KEY (retention's KEY has a dot: queue.NAME.retention.audio-days). */
    static boolean isQueueKey(String key) {
        if (RetentionOptions.isQueueKey(key) || org.earshot.server.alerts.AlertSettings.isQueueKey(key)) {
            return true;
        }
        if (!key.startsWith("queue.")) {
            return false;
        }
        int dot = key.lastIndexOf('.');
        return dot > "queue.".length() && PER_QUEUE.contains(key.substring(dot + 1));
    }

    static String describe() {
        Set<String> all = new TreeSet<>(PLAIN);
        all.addAll(Secrets.fileKeys());
        all.addAll(KpiOptions.KEYS);
        all.addAll(SURVEY);
        all.addAll(org.earshot.server.crm.CrmSettings.KEYS);
        all.addAll(org.earshot.server.lifecycle.RetentionPolicy.KEYS);
        all.addAll(org.earshot.server.alerts.AlertSettings.KEYS);
        all.addAll(org.earshot.server.livespeech.LiveSpeechSettings.KEYS);
        all.addAll(org.earshot.server.logs.LogSettings.KEYS);
        Set<String> perQueue = new TreeSet<>(PER_QUEUE);
        perQueue.addAll(org.earshot.server.lifecycle.RetentionPolicy.KEYS);
        perQueue.addAll(org.earshot.server.alerts.AlertSettings.KEYS);
        return String.join(", ", all) + ", and queue.NAME." + String.join("|", perQueue);
    }
}
