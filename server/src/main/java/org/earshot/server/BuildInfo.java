package org.earshot.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Which Earshot this is: the Maven version, the git commit it was built from and when, as the build wrote them
 * into {@code org/earshot/server/build.properties}. A build outside a git clone has the commit "unknown".
 *
 * @param version the project version, e.g. 0.1.0-SNAPSHOT
 * @param commit  the abbreviated git commit, or "unknown"
 * @param time    when the jar was built, ISO-8601 UTC, or "unknown"
 */
public record BuildInfo(String version, String commit, String time) {

    static final String RESOURCE = "org/earshot/server/build.properties";
    private static final String UNKNOWN = "unknown";

    public BuildInfo {
        version = orUnknown(version);
        commit = orUnknown(commit);
        time = orUnknown(time);
    }

    /** This build's, read once from the classpath. */
    public static BuildInfo current() {
        return Holder.CURRENT;
    }

    /** What {@code earshot --version} prints. */
    public String describe() {
        return "earshot " + version + " (commit " + commit + ", built " + time + ")";
    }

    static BuildInfo read(InputStream in) throws IOException {
        Properties p = new Properties();
        if (in != null) {
            p.load(in);
        }
        return new BuildInfo(p.getProperty("version"), p.getProperty("commit"), p.getProperty("time"));
    }

    private static String orUnknown(String value) {
        // An unfiltered ${...} means the file was copied, not written by the build: say so rather than show it.
        return value == null || value.isBlank() || value.contains("${") ? UNKNOWN : value.strip();
    }

    private static final class Holder {
        static final BuildInfo CURRENT = load();

        private static BuildInfo load() {
            try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                return read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
            }
        }
    }
}
