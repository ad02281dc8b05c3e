package org.earshot.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code key = value} config file; {@code #} and {@code ;} start comments. */
final class ConfigFile {

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
            if (!ConfigKeys.known(key)) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": unknown key '" + key + "'; known keys: " + ConfigKeys.describe());
            }
            if (!value.isEmpty()) {
                values.put(key, value);
            }
        }
        return values;
    }
}
