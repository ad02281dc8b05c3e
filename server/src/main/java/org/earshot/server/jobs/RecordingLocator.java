package org.earshot.server.jobs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds Asterisk's recording on this machine. Asterisk names the file by its own path (e.g.
 * /var/spool/asterisk/monitor/x.raw); Earshot may see that folder elsewhere (an NFS mount), so the
 * configured recordings dir is searched by file name first.
 */
public final class RecordingLocator {

    private final Path recordingsDir;

    /** @param recordingsDir where the recordings are visible here, or null to use Asterisk's paths as they are */
    public RecordingLocator(Path recordingsDir) {
        this.recordingsDir = recordingsDir;
    }

    public Path locate(String asteriskPath) {
        Path named = Path.of(asteriskPath);
        if (recordingsDir == null) {
            return named;
        }
        Path inDir = recordingsDir.resolve(named.getFileName().toString());
        return Files.exists(inDir) || !Files.exists(named) ? inDir : named;
    }
}
