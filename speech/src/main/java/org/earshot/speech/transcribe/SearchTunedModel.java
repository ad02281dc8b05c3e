package org.earshot.speech.transcribe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.earshot.speech.SpeechSettings.DecoderSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Vosk model folder that decodes with other search options than the model's own. Vosk reads them
 * only from {@code conf/model.conf} inside the folder it loads, and the original must stay as
 * shipped (other users of it, such as a baseline, expect the stock settings), so this builds a
 * sibling folder in the model cache: its {@code conf/model.conf} is the original's with the search
 * options replaced, and every other entry is a symbolic link to the original's (no second copy of
 * the graph). The folder's name carries a hash of the source folder and of the written
 * configuration, so a changed setting gets a new folder and an existing one can be trusted as is
 * (unless its links dangle); it is built beside its final name and renamed atomically, as
 * {@link BundledModel} does.
 */
final class SearchTunedModel {

    private static final Logger log = LoggerFactory.getLogger(SearchTunedModel.class);
    private static final String MODEL_CONF = "model.conf";

    private SearchTunedModel() {
    }

    /** The folder to load: {@code model} with {@code search} written over its decoder options. */
    static Path prepare(Path model, DecoderSearch search, Path cacheDir) throws IOException {
        Path conf = model.resolve("conf").resolve(MODEL_CONF);
        if (!Files.isRegularFile(conf)) {
            throw new IOException("cannot set the decoder search of the Vosk model " + model.toAbsolutePath() + ": it has no"
                    + " conf/" + MODEL_CONF + " (an old model layout); leave the search settings unset for this model");
        }
        String text = modelConf(Files.readAllLines(conf, StandardCharsets.UTF_8), search);
        Path target = cacheDir.resolve(model.getFileName() + "-search-" + hash(model.toAbsolutePath() + "\n" + text));
        if (isBuilt(target, text)) {
            return target;
        }
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempDirectory(cacheDir, ".linking-" + target.getFileName() + "-");
        try {
            link(model.toAbsolutePath(), tmp, text);
            if (Files.exists(target) && !isBuilt(target, text)) {
                // its links dangle (the model was moved): nothing can load from it, so replace it
                Folders.deleteTree(target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                log.info("Vosk model {} with decoder search {} prepared in {}", model, search, target);
            } catch (IOException e) {
                // another process built it first (rename onto a non-empty folder fails): use theirs
                if (!isBuilt(target, text)) {
                    throw new IOException("cannot move the prepared Vosk model to " + target + " (a folder of that name"
                            + " exists and is not one: remove it)", e);
                }
            }
        } finally {
            Folders.deleteTree(tmp);
        }
        return target;
    }

    /** The source's lines with the search options replaced where they stand; missing ones appended. */
    static String modelConf(List<String> source, DecoderSearch search) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--beam", Double.toString(search.beam()));
        options.put("--max-active", Integer.toString(search.maxActive()));
        options.put("--min-active", Integer.toString(search.minActive()));
        options.put("--lattice-beam", Double.toString(search.latticeBeam()));
        List<String> lines = new ArrayList<>();
        lines.add("# Earshot: the model's own conf/model.conf with the decoder search options of SpeechSettings.search");
        for (String line : source) {
            String key = line.strip().split("=", 2)[0];
            String value = options.remove(key);
            lines.add(value == null ? line : key + "=" + value);
        }
        options.forEach((key, value) -> lines.add(key + "=" + value));
        return String.join("\n", lines) + "\n";
    }

    private static boolean isBuilt(Path target, String text) throws IOException {
        Path conf = target.resolve("conf").resolve(MODEL_CONF);
        return VoskModelDir.problem(target) == null && Files.isRegularFile(conf)
                && Files.readString(conf, StandardCharsets.UTF_8).equals(text);
    }

    /** Links every entry of {@code source} into {@code dir} except conf/model.conf, which gets {@code text}. */
    private static void link(Path source, Path dir, String text) throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        for (Path entry : list(source)) {
            if (!entry.getFileName().toString().equals("conf")) {
                symlink(dir.resolve(entry.getFileName().toString()), entry);
            }
        }
        for (Path entry : list(source.resolve("conf"))) {
            if (!entry.getFileName().toString().equals(MODEL_CONF)) {
                symlink(conf.resolve(entry.getFileName().toString()), entry);
            }
        }
        Files.writeString(conf.resolve(MODEL_CONF), text, StandardCharsets.UTF_8);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    private static void symlink(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            throw new IOException("cannot link " + link + " to " + target + " to set the decoder search: the model cache"
                    + " needs a file system with symbolic links, or leave the search settings unset", e);
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
