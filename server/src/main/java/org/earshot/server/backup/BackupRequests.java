package org.earshot.server.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running node's side of {@code earshot backup}: the embedded database is locked by the node, so the command
 * drops a request file in {@code DATA_DIR/backup-requests/} and the node answers with a copy of its database
 * beside it. Files, not HTTP: whoever may read the data dir may have its database, and nobody else; the command
 * needs neither the node's address nor a login.
 *
 * <p>Protocol, all in that folder: the command writes {@code ID.request}; the node writes {@code ID.taken} when
 * it starts, then {@code ID.zip} (renamed into place when whole) or {@code ID.error} (one line), and deletes the
 * request.
 */
public final class BackupRequests implements AutoCloseable {

    public static final String FOLDER = "backup-requests";
    static final String REQUEST = ".request";
    static final String TAKEN = ".taken";
    static final String ZIP = ".zip";
    static final String ERROR = ".error";

    private static final Logger log = LoggerFactory.getLogger(BackupRequests.class);

    private final Path folder;
    private final Consumer<Path> backupTo;
    private final long pollMillis;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "backup-requests");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param dataDir  the node's data dir
     * @param backupTo copies the node's database into the zip file it is given
     */
    public BackupRequests(Path dataDir, Consumer<Path> backupTo, java.time.Duration pollEvery) {
        this.folder = dataDir.resolve(FOLDER);
        this.backupTo = backupTo;
        this.pollMillis = pollEvery.toMillis();
    }

    public void start() {
        poller.scheduleWithFixedDelay(this::answerAll, 0, pollMillis, TimeUnit.MILLISECONDS);
    }

    void answerAll() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> requests = Files.newDirectoryStream(folder, "*" + REQUEST)) {
            for (Path request : requests) {
                answer(request);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Backup requests in {} could not be read: {}", folder, e.getMessage());
        }
    }

    private void answer(Path request) throws IOException {
        String name = request.getFileName().toString();
        String id = name.substring(0, name.length() - REQUEST.length());
        if (!id.matches("[A-Za-z0-9-]{1,64}")) {
            Files.deleteIfExists(request);
            return;
        }
        Files.writeString(folder.resolve(id + TAKEN), "");
        Path part = folder.resolve(id + ZIP + ".part");
        long started = System.nanoTime();
        try {
            Files.deleteIfExists(part);
            backupTo.accept(part);
            Files.move(part, folder.resolve(id + ZIP), StandardCopyOption.ATOMIC_MOVE);
            log.info("Backup {}: database copied in {} ms", id, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | IOException e) {
            log.error("Backup {} failed", id, e);
            Files.deleteIfExists(part);
            Files.writeString(folder.resolve(id + ERROR), String.valueOf(e.getMessage()));
        } finally {
            Files.deleteIfExists(request);
        }
    }

    @Override
    public void close() {
        // Not shutdownNow: an interrupt inside H2's file I/O closes the database under the node.
        poller.shutdown();
        try {
            poller.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
