package org.earshot.server.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Checks, before the database and the search index open, that the data dir exists or can be created and that
 * this process can write it and what it holds: otherwise H2 and Lucene fail deep inside with pages of stack
 * traces, or a bare {@code write.lock} path, naming neither the dir nor the permission.
 */
final class DataDir {

    // Where the embedded database and the index live: their files are written on every start.
    private static final List<String> WRITTEN = List.of("db", "index");

    private DataDir() {
    }

    /** @throws IOException one line naming the dir, what is wrong with it and what to do */
    static void requireWritable(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("data-dir " + dir + " is a file, not a folder: choose a folder (it is created when missing)");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            Path blocker = firstExisting(dir);
            throw new IOException("data-dir " + dir + " cannot be created: " + (Files.isDirectory(blocker)
                    ? notWritable(dataDir, blocker, owner(blocker), permissions(blocker), user())
                    : blocker + " is a file, not a folder; choose another data-dir"), e);
        }
        for (Path path : written(dir)) {
            if (!canWrite(path)) {
                throw new IOException("data-dir " + dir + ": " + notWritable(dir, path, owner(path), permissions(path), user()));
            }
        }
    }

    /** What to say about a path this process cannot write: whose it is, its permissions, and the ways out. */
    static String notWritable(Path dataDir, Path path, String owner, String permissions, String user) {
        return path + " is not writable by user " + user + " (it belongs to " + owner + ", permissions " + permissions
                + "): run Earshot as " + owner + ", give " + user + " the folder (chown -R " + user + " " + dataDir
                + "), or choose another data-dir";
    }

    /** The dir, its db/ and index/ folders, and the files directly in them. */
    private static List<Path> written(Path dir) throws IOException {
        List<Path> paths = new ArrayList<>(List.of(dir));
        for (String name : WRITTEN) {
            Path sub = dir.resolve(name);
            if (Files.isDirectory(sub)) {
                paths.add(sub);
                try (Stream<Path> files = Files.list(sub)) {
                    files.filter(Files::isRegularFile).forEach(paths::add);
                }
            }
        }
        return paths;
    }

    /** A folder: a file can be created in it (the only test that also holds on ACLs and read-only mounts). */
    private static boolean canWrite(Path path) {
        if (!Files.isDirectory(path)) {
            return Files.isWritable(path);
        }
        Path probe = path.resolve(".earshot-write-check-" + UUID.randomUUID());
        try {
            Files.createFile(probe);
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path firstExisting(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir.getRoot() : p;
    }

    // Owner and permissions only colour the one-line start error: where the file system cannot tell them
    // (no POSIX attributes, no right to read them), the line still names the path and what to do.
    private static String owner(Path path) {
        try {
            return Files.getOwner(path).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "an owner this system does not report";
        }
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException | UnsupportedOperationException e) {
            return "unknown";
        }
    }

    private static String user() {
        return System.getProperty("user.name");
    }
}
