package org.earshot.server.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.earshot.server.EarshotConfig;
import org.earshot.server.store.DatabaseBackup;

/**
 * {@code earshot backup}: writes into an empty folder
 * <pre>
 * earshot-backup.json   what was copied, when, from what
 * db.zip                the embedded database (H2's BACKUP TO): restored by earshot restore
 * settings/             the config file given with --config
 * recordings/           recordings-dir, with --with-recordings
 * </pre>
 * The search index is not copied: it is rebuilt from the database on the first start after a restore (a copy
 * taken while the node writes it would need a Lucene snapshot, and the rebuild is what reindex does anyway).
 * On PostgreSQL the database is the DBA's to dump: the advice is printed instead.
 */
public final class Backup {

    public static final String MANIFEST = "earshot-backup.json";
    public static final String DATABASE = "db.zip";
    public static final String SETTINGS = "settings";
    public static final String RECORDINGS = "recordings";
    /** How long a running node may take to pick a request up before we say it does not answer. */
    static final Duration PICK_UP = Duration.ofSeconds(30);
    private static final Duration LOOK_EVERY = Duration.ofMillis(100);

    private Backup() {
    }

    /**
     * @param configFile the settings file to copy, or null
     * @return the manifest written
     */
    public static Map<String, Object> take(EarshotConfig config, Path configFile, Path to, boolean withRecordings,
                                           Clock clock, PrintStream out) throws IOException {
        requireEmptyFolder("--to", to);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", 1);
        manifest.put("createdAt", clock.instant().toString());
        manifest.put("dataDir", config.dataDir().toAbsolutePath().toString());
        if (config.dbUrl() != null && config.dbUrl().startsWith("jdbc:postgresql:")) {
            manifest.put("database", "postgresql: not copied, use pg_dump");
            out.println("The database is PostgreSQL (" + EarshotConfig.redacted(config.dbUrl()) + "): back it up with"
                    + " its own tools, e.g. pg_dump --format=custom --file=earshot.dump DBNAME (restore with"
                    + " pg_restore --clean --dbname=DBNAME earshot.dump). Settings and recordings are copied here.");
        } else {
            String source = copyDatabase(config, to.resolve(DATABASE), out);
            manifest.put("database", "h2 " + DATABASE + ", copied " + source);
        }
        manifest.put("index", "not copied: rebuilt from the database on the first start after a restore");
        if (configFile != null) {
            Files.createDirectories(to.resolve(SETTINGS));
            Files.copy(configFile, to.resolve(SETTINGS).resolve(configFile.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            manifest.put("settings", SETTINGS + "/" + configFile.getFileName());
        }
        if (withRecordings) {
            if (config.recordingsDir() == null) {
                throw new IllegalArgumentException("--with-recordings needs recordings-dir (in the config file or as a flag)");
            }
            long files = copyTree(config.recordingsDir(), to.resolve(RECORDINGS));
            manifest.put("recordings", RECORDINGS + "/ (" + files + " files from " + config.recordingsDir() + ")");
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(to.resolve(MANIFEST).toFile(), manifest);
        out.println("Backup written to " + to.toAbsolutePath());
        return manifest;
    }

    /** The database copied by whoever holds it: this process, or the running node it asks. */
    private static String copyDatabase(EarshotConfig config, Path zip, PrintStream out) throws IOException {
        try {
            DatabaseBackup.backupClosed(config.jdbcUrl(), config.dbUser(), config.dbPassword(), zip);
            return "with no node running";
        } catch (DatabaseBackup.InUse running) {
            out.println("A node is running on " + config.dataDir() + ": asking it for a copy of its database");
            askRunningNode(config.dataDir(), zip);
            return "by the running node";
        }
    }

    /** Drops a request for the running node ({@link BackupRequests}) and waits for its answer. */
    static void askRunningNode(Path dataDir, Path zip) throws IOException {
        Path folder = dataDir.resolve(BackupRequests.FOLDER);
        String id = UUID.randomUUID().toString();
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(id + BackupRequests.REQUEST), "");
        } catch (IOException e) {
            throw new IOException("cannot ask the running node for a backup: " + folder + " is not writable by user "
                    + System.getProperty("user.name") + " (run the backup as the user Earshot runs as, or as root)", e);
        }
        Path taken = folder.resolve(id + BackupRequests.TAKEN);
        Path answer = folder.resolve(id + BackupRequests.ZIP);
        Path error = folder.resolve(id + BackupRequests.ERROR);
        long deadline = System.nanoTime() + PICK_UP.toNanos();
        try {
            while (!Files.exists(taken)) {
                if (System.nanoTime() > deadline) {
                    Files.deleteIfExists(folder.resolve(id + BackupRequests.REQUEST));
                    throw new IOException("the process holding " + dataDir + " did not take the backup request within "
                            + PICK_UP.toSeconds() + " s: it is not `earshot serve` or `earshot worker` (import, reindex"
                            + " and purge cannot be asked); run the backup when it is done");
                }
                pause();
            }
            // Taken: a big database takes as long as it takes, and the node always ends with one of the two.
            while (!Files.exists(answer) && !Files.exists(error)) {
                pause();
            }
            if (Files.exists(error)) {
                throw new IOException("the running node could not copy its database: " + Files.readString(error).strip());
            }
            Files.move(answer, zip);
        } finally {
            Files.deleteIfExists(taken);
            Files.deleteIfExists(error);
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(LOOK_EVERY.toMillis()); // waiting on another process's file: nothing to block on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the running node's backup", e);
        }
    }

    /** A folder that is missing (then created) or empty: a backup never mixes with another's files. */
    static void requireEmptyFolder(String option, Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(option + " " + dir + " is a file, not a folder");
            }
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(option + " " + dir.toAbsolutePath() + " is not empty: choose a new"
                            + " or empty folder");
                }
            }
        }
        Files.createDirectories(dir);
    }

    static long copyTree(Path from, Path to) throws IOException {
        long[] files = {0};
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                    files[0]++;
                }
            }
        }
        return files[0];
    }
}
