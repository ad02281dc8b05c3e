package org.earshot.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code key = value} config file; {@code #} and {@code ;} start comments. */
final class ConfigFile {

    static final Set<String> KEYS = Set.of("http-port", "data-dir", "db-url", "db-user", "db-password", "ami-host",
            "ami-port", "ami-user", "ami-secret", "recordings-dir", "channels", "model", "workers", "job-lease", "wrap-up", "admin-password");

    private ConfigFile() {
    }

    static Map<String, String> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("config file " + file + " does not exist");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected 'key = value', got '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!KEYS.contains(key) && !KpiOptions.KEYS.contains(key) && !KpiOptions.isQueueKey(key)) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": unknown key '" + key + "'; known keys: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ", "
                        + String.join(", ", KpiOptions.KEYS.stream().sorted().toList()) + " and queue.NAME.<kpi key>");
            }
            if (!value.isEmpty()) {
                values.put(key, value);
            }
        }
        return values;
    }
}
