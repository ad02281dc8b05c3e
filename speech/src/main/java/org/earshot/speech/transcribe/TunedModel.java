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
 * A Vosk model folder set up the way {@link Transcriber} decodes: Kaldi's own dither off (the
 * transcriber adds the same noise from a seeded generator, so a recording always gets the same
 * transcript) and, if given, other decoder search options than the model's own. Vosk reads these
 * only from {@code conf/mfcc.conf} and {@code conf/model.conf} inside the folder it loads, and the
 * original must stay as shipped (other users of it, such as a baseline, expect the stock settings),
 * so this builds a sibling folder in the model cache: those two files are the original's with the
 * options replaced, and every other entry is a symbolic link to the original's (no second copy of
 * the graph; a copy on a file system without links). The folder's name carries a hash of the source
 * folder and of the written files, so a changed setting gets a new folder and an existing one can be
 * trusted as is (unless its links dangle); it is built beside its final name and renamed atomically,
 * as {@link BundledModel} does.
 */
final class TunedModel {

    private static final Logger log = LoggerFactory.getLogger(TunedModel.class);
    private static final String MODEL_CONF = "model.conf";
    private static final String MFCC_CONF = "mfcc.conf";
    private static final String HEADER = "# Earshot: the model's own conf/%s with %s";

    private TunedModel() {
    }

    /**
     * The folder to load: {@code model} with Kaldi's dither off and, unless {@code search} is null,
     * {@code search} written over its decoder options.
     */
    static Path prepare(Path model, DecoderSearch search, Path cacheDir) throws IOException {
        Map<String, String> written = new LinkedHashMap<>();
        Path mfcc = model.resolve("conf").resolve(MFCC_CONF);
        if (!Files.isRegularFile(mfcc)) {
            throw new IOException("the Vosk model " + model.toAbsolutePath() + " has no conf/" + MFCC_CONF
                    + ": it is not a model folder of the layout Vosk 0.3.45 loads");
        }
        written.put(MFCC_CONF, mfccConf(Files.readAllLines(mfcc, StandardCharsets.UTF_8)));
        if (search != null) {
            Path conf = model.resolve("conf").resolve(MODEL_CONF);
            if (!Files.isRegularFile(conf)) {
                throw new IOException("cannot set the decoder search of the Vosk model " + model.toAbsolutePath()
                        + ": it has no conf/" + MODEL_CONF + " (an old model layout); leave the search settings unset"
                        + " for this model");
            }
            written.put(MODEL_CONF, modelConf(Files.readAllLines(conf, StandardCharsets.UTF_8), search));
        }
        Path target = cacheDir.resolve(model.getFileName() + "-tuned-" + hash(model.toAbsolutePath() + "\n" + written));
        if (isBuilt(target, written)) {
            return target;
        }
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempDirectory(cacheDir, ".linking-" + target.getFileName() + "-");
        try {
            link(model.toAbsolutePath(), tmp, written);
            if (Files.exists(target) && !isBuilt(target, written)) {
                // its links dangle (the model was moved): nothing can load from it, so replace it
                Folders.deleteTree(target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                log.info("Vosk model {} with dither off{} prepared in {}", model,
                        search == null ? "" : " and decoder search " + search, target);
            } catch (IOException e) {
                // another process built it first (rename onto a non-empty folder fails): use theirs
                if (!isBuilt(target, written)) {
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
        return replaced(source, options, String.format(HEADER, MODEL_CONF, "the decoder search of SpeechSettings.search"));
    }

    /** The source's feature options with Kaldi's dither off: {@link Transcriber} dithers with a seed instead. */
    static String mfccConf(List<String> source) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--dither", "0");
        return replaced(source, options, String.format(HEADER, MFCC_CONF, "dither off (Transcriber adds a seeded one)"));
    }

    private static String replaced(List<String> source, Map<String, String> options, String header) {
        Map<String, String> missing = new LinkedHashMap<>(options);
        List<String> lines = new ArrayList<>();
        lines.add(header);
        for (String line : source) {
            String key = line.strip().split("=", 2)[0];
            String value = missing.remove(key);
            lines.add(value == null ? line : key + "=" + value);
        }
        missing.forEach((key, value) -> lines.add(key + "=" + value));
        return String.join("\n", lines) + "\n";
    }

    private static boolean isBuilt(Path target, Map<String, String> written) throws IOException {
        if (VoskModelDir.problem(target) != null) {
            return false;
        }
        for (Map.Entry<String, String> file : written.entrySet()) {
            Path conf = target.resolve("conf").resolve(file.getKey());
            if (Files.isSymbolicLink(conf) || !Files.isRegularFile(conf)
                    || !Files.readString(conf, StandardCharsets.UTF_8).equals(file.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Links every entry of {@code source} into {@code dir} except the written conf files, which get their text. */
    private static void link(Path source, Path dir, Map<String, String> written) throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        for (Path entry : list(source)) {
            if (!entry.getFileName().toString().equals("conf")) {
                symlink(dir.resolve(entry.getFileName().toString()), entry);
            }
        }
        for (Path entry : list(source.resolve("conf"))) {
            if (!written.containsKey(entry.getFileName().toString())) {
                symlink(conf.resolve(entry.getFileName().toString()), entry);
            }
        }
        for (Map.Entry<String, String> file : written.entrySet()) {
            Files.writeString(conf.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    /** A symbolic link; a copy where the file system has none (some network shares), which costs only disk. */
    private static void symlink(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            log.debug("No symbolic link {} -> {} ({}); copying instead", link, target, e.toString());
            copyTree(target, link);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : paths.toList()) {
                Files.copy(p, target.resolve(source.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
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
