package org.earshot.server.logs;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The log file of a long-running node (keys {@code log-dir}, {@code log-format}). Without {@code log-dir} logs go to
 * stderr only, as they always have (journald keeps them under systemd; a developer's terminal shows them); the Debian
 * package sets {@code log-dir = /var/log/earshot}.
 *
 * @param dir    the folder of {@code earshot.log} and its rolled-over files, or null for stderr only
 * @param format how lines are written to the file; stderr always gets text
 */
public record LogSettings(Path dir, Format format) {

    public static final Set<String> KEYS = Set.of("log-dir", "log-format");
    /** stderr only, as text. */
    public static final LogSettings STDERR_ONLY = new LogSettings(null, Format.TEXT);

    /** How a line is written to the log file. */
    public enum Format {
        /** As on stderr: time, level, thread, logger, message. */
        TEXT,
        /** One JSON object per line (logback's JsonEncoder), for a log shipper. */
        JSON
    }

    public LogSettings {
        if (format == null) {
            format = Format.TEXT;
        }
    }

    /** From the config keys; a bad {@code log-format} is refused with its name and value. */
    public static LogSettings fromConfig(Map<String, String> values) {
        String dir = values.get("log-dir");
        String format = values.getOrDefault("log-format", "text").strip().toLowerCase(Locale.ROOT);
        Format parsed = switch (format) {
            case "text" -> Format.TEXT;
            case "json" -> Format.JSON;
            default -> throw new IllegalArgumentException("log-format must be text or json, was '" + values.get("log-format") + "'");
        };
        return new LogSettings(dir == null || dir.isBlank() ? null : Path.of(dir.strip()), parsed);
    }
}
