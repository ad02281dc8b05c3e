package org.earshot.speech.transcribe;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small US-English Vosk model that ships inside this module's jar, unpacked once into the
 * model cache folder (Vosk's native code reads a model from a real folder, not from a jar).
 *
 * <p>The copy goes to a temporary folder beside the target and is then renamed atomically, so a
 * crash mid-copy never leaves a half model that a later start would trust; a second process that
 * races us simply uses the winner's copy. The copy stays exactly as shipped, decoder settings
 * included: {@link TunedModel} links a folder beside it with the settings the transcriber decodes with.
 */
final class BundledModel {

    private static final Logger log = LoggerFactory.getLogger(BundledModel.class);

    private BundledModel() {
    }

    /** The unpacked model folder under {@code cacheDir}, unpacking it first if needed. */
    static Path unpack(Path cacheDir) throws IOException {
        Properties props = properties();
        Path target = cacheDir.resolve("vosk-model-en-us-" + props.getProperty("version"));
        if (VoskModelDir.problem(target) == null) {
            return target;
        }
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempDirectory(cacheDir, ".unpacking-" + target.getFileName() + "-");
        try {
            withClasspathFolder(props.getProperty("resource"), source -> copyTree(source, tmp));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                log.info("Unpacked the bundled Vosk model to {}", target);
            } catch (IOException e) {
                // another process unpacked it first (rename onto a non-empty folder fails): use theirs
                if (VoskModelDir.problem(target) != null) {
                    throw new IOException("cannot move the unpacked Vosk model to " + target + " (a folder of that name"
                            + " exists and is not a model: remove it)", e);
                }
            }
        } finally {
            Folders.deleteTree(tmp);
        }
        return target;
    }

    private static Properties properties() throws IOException {
        Properties props = new Properties();
        try (InputStream in = BundledModel.class.getResourceAsStream("bundled-model.properties")) {
            if (in == null) {
                throw new IOException("bundled-model.properties missing from the classpath: broken build of earshot-speech");
            }
            props.load(in);
        }
        return props;
    }

    private interface FolderAction {
        void accept(Path folder) throws IOException;
    }

    /**
     * Runs {@code action} on the classpath folder, whether this class was loaded from a folder
     * (tests, IDE) or from a jar (shaded server jar), found through the class's own code source.
     */
    private static void withClasspathFolder(String resource, FolderAction action) throws IOException {
        Path codeSource;
        try {
            codeSource = Path.of(BundledModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("cannot locate the earshot-speech jar to unpack the bundled Vosk model", e);
        }
        if (Files.isDirectory(codeSource)) {
            action.accept(requireFolder(codeSource.resolve(resource), codeSource));
            return;
        }
        try (FileSystem jar = FileSystems.newFileSystem(codeSource, (ClassLoader) null)) {
            action.accept(requireFolder(jar.getPath("/" + resource), codeSource));
        }
    }

    private static Path requireFolder(Path folder, Path codeSource) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("the bundled Vosk model is missing from " + codeSource
                    + " (expected " + folder + "): set modelDir to a Vosk model folder instead");
        }
        return folder;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                // resolve by string: source and target may live in different file systems (jar vs disk)
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
