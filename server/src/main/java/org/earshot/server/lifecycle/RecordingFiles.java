package org.earshot.server.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.earshot.server.jobs.RecordingLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the recordings of erased and purged calls, and only those Earshot owns: files inside the
 * configured recordings dir. A path the store names elsewhere (or through a link out of the dir) is
 * left alone and logged, so a tampered or imported row can never make Earshot delete another file.
 */
public final class RecordingFiles {

    private static final Logger log = LoggerFactory.getLogger(RecordingFiles.class);

    /** What became of one file. */
    public enum Outcome { DELETED, ALREADY_GONE, NOT_OURS, FAILED }

    private final RecordingLocator locator;
    private final Path root;

    /** @param recordingsDir the recordings dir (null: none configured, so no file is Earshot's to delete) */
    public RecordingFiles(Path recordingsDir) {
        this.locator = new RecordingLocator(recordingsDir);
        this.root = recordingsDir == null ? null : recordingsDir.toAbsolutePath().normalize();
    }

    /** Deletes the file Asterisk named {@code asteriskPath} (of call {@code callId}) if it is ours. */
    public Outcome delete(String callId, String asteriskPath) {
        if (root == null) {
            log.warn("Recording of call {} not deleted: no recordings-dir is configured, so Earshot owns no file;"
                    + " delete it on the Asterisk side", callId);
            return Outcome.NOT_OURS;
        }
        Path file = locator.locate(asteriskPath).toAbsolutePath().normalize();
        try {
            if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return Outcome.ALREADY_GONE;
            }
            Path real = file.toRealPath();
            if (!file.startsWith(root) || !real.startsWith(root.toRealPath()) || !Files.isRegularFile(real)) {
                log.warn("Recording of call {} not deleted: {} is outside the recordings dir {}", callId, file, root);
                return Outcome.NOT_OURS;
            }
            Files.delete(file);
            log.debug("Deleted the recording of call {}: {}", callId, file);
            return Outcome.DELETED;
        } catch (java.nio.file.NoSuchFileException e) {
            return Outcome.ALREADY_GONE;
        } catch (IOException e) {
            log.error("Recording of call {} could not be deleted: {}: {}", callId, file, e.toString());
            return Outcome.FAILED;
        }
    }
}
