package org.earshot.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The secret settings, which need not be written where {@code ps} or a shared config file shows them: each
 * {@code KEY} may also be given as {@code KEY-file} (a file holding the value, its trailing line break dropped), in
 * the environment as {@code EARSHOT_KEY} or {@code EARSHOT_KEY_FILE} (upper case, {@code -} and {@code .} as
 * {@code _}). Layers win in this order: a flag, then the environment, then the config file; within one layer a
 * value and a file for the same key are refused as ambiguous.
 */
final class Secrets {

    /** Every secret setting: a value never printed, in a log or an error. */
    static final Set<String> KEYS = Set.of("ami-secret", "db-password", "admin-password", "crm.lookup-headers");
    static final String FILE_SUFFIX = "-file";

    private Secrets() {
    }

    /** {@code ami-secret-file} and the like. */
    static boolean isFileKey(String key) {
        return key.endsWith(FILE_SUFFIX) && KEYS.contains(key.substring(0, key.length() - FILE_SUFFIX.length()));
    }

    static Set<String> fileKeys() {
        Set<String> keys = new java.util.TreeSet<>();
        KEYS.forEach(k -> keys.add(k + FILE_SUFFIX));
        return keys;
    }

    /** {@code EARSHOT_AMI_SECRET} for {@code ami-secret}. */
    static String environmentName(String key) {
        return "EARSHOT_" + key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** The secrets the environment gives, as config keys ({@code ami-secret}, {@code ami-secret-file}). */
    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> layer = new HashMap<>();
        for (String key : KEYS) {
            String value = environment.get(environmentName(key));
            if (value != null && !value.isBlank()) {
                layer.put(key, value);
            }
            String file = environment.get(environmentName(key) + "_FILE");
            if (file != null && !file.isBlank()) {
                layer.put(key + FILE_SUFFIX, file);
            }
        }
        return layer;
    }

    /**
     * Lays {@code layer} over {@code values}: a secret set in it, as a value or as a file, replaces both forms
     * below it.
     *
     * @param where names the layer in an error, e.g. "the environment"
     */
    static void overlay(Map<String, String> values, Map<String, String> layer, String where) {
        requireOneForm(layer, where);
        layer.forEach((key, value) -> {
            String secret = isFileKey(key) ? key.substring(0, key.length() - FILE_SUFFIX.length()) : key;
            if (KEYS.contains(secret)) {
                values.remove(secret);
                values.remove(secret + FILE_SUFFIX);
            }
            values.put(key, value);
        });
    }

    /** Both {@code KEY} and {@code KEY-file} in one layer: which one was meant cannot be told. */
    static void requireOneForm(Map<String, String> layer, String where) {
        for (String key : KEYS) {
            if (layer.containsKey(key) && layer.containsKey(key + FILE_SUFFIX)) {
                throw new IllegalArgumentException(where + " sets both " + key + " and " + key + FILE_SUFFIX
                        + ": keep one");
            }
        }
    }

    /** Replaces each {@code KEY-file} in {@code values} by {@code KEY} = the file's content. */
    static void readFiles(Map<String, String> values) {
        List<String> fileKeys = new ArrayList<>(values.keySet().stream().filter(Secrets::isFileKey).toList());
        for (String fileKey : fileKeys) {
            Path file = Path.of(values.remove(fileKey).strip());
            values.put(fileKey.substring(0, fileKey.length() - FILE_SUFFIX.length()), read(fileKey, file));
        }
    }

    private static String read(String fileKey, Path file) {
        String content;
        try {
            content = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(fileKey + " " + file + " does not exist");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException(fileKey + " " + file + " cannot be read by user "
                    + System.getProperty("user.name") + " (permission denied)");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(fileKey + " " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException(fileKey + " " + file + " cannot be read: " + e.getMessage());
        }
        // What `echo secret > file` and editors add; spaces inside or before are part of the secret.
        String value = content.replaceFirst("(\\r?\\n)+$", "");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(fileKey + " " + file + " is empty");
        }
        return value;
    }
}
