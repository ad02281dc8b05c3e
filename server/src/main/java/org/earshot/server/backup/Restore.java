package org.earshot.server.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code earshot restore}: puts a backup's database into an empty data dir. The search index is rebuilt from it
 * when Earshot starts there (GET /api/health shows index.pendingChanges until done); settings and recordings are
 * the admin's to put back where the config names them (the command says where they are).
 */
public final class Restore {

    private Restore() {
    }

    public static void restore(Path from, Path dataDir, PrintStream out) throws IOException {
        if (!Files.isRegularFile(from.resolve(Backup.MANIFEST))) {
            throw new IllegalArgumentException("--from " + from.toAbsolutePath() + " is not an Earshot backup (no "
                    + Backup.MANIFEST + ")");
        }
        Path zip = from.resolve(Backup.DATABASE);
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException("--from " + from.toAbsolutePath() + " holds no " + Backup.DATABASE
                    + " (a PostgreSQL node's backup: restore the database with pg_restore)");
        }
        Backup.requireEmptyFolder("--data-dir", dataDir);
        Path db = Files.createDirectories(dataDir.resolve("db"));
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                Path target = db.resolve(entry.getName()).normalize();
                if (!target.startsWith(db) || entry.isDirectory()) {
                    continue; // H2 writes plain file names; anything else is not ours to unpack
                }
                Files.createDirectories(target.getParent());
                Files.copy(entries, target);
            }
        }
        out.println("Restored the database into " + dataDir.toAbsolutePath().resolve("db") + "; the search index is"
                + " rebuilt when Earshot starts on this data dir (GET /api/health shows index.pendingChanges until done).");
        if (Files.isDirectory(from.resolve(Backup.SETTINGS))) {
            out.println("Settings of the backup are in " + from.toAbsolutePath().resolve(Backup.SETTINGS)
                    + ": copy them to /etc/earshot if this is a new machine.");
        }
        if (Files.isDirectory(from.resolve(Backup.RECORDINGS))) {
            out.println("Recordings of the backup are in " + from.toAbsolutePath().resolve(Backup.RECORDINGS)
                    + ": copy them into recordings-dir (cp -a " + from.toAbsolutePath().resolve(Backup.RECORDINGS)
                    + "/. RECORDINGS_DIR/).");
        }
    }
}
