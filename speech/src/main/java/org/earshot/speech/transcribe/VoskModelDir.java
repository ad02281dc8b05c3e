package org.earshot.speech.transcribe;

import java.nio.file.Files;
import java.nio.file.Path;

/** What makes a folder a Vosk (Kaldi nnet3) model: an acoustic model and its feature configuration. */
final class VoskModelDir {

    private VoskModelDir() {
    }

    /** Null when {@code dir} looks like a Vosk model, else what is missing. */
    static String problem(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "no such folder";
        }
        if (!Files.isRegularFile(dir.resolve("am").resolve("final.mdl"))) {
            return "am/final.mdl not found";
        }
        if (!Files.isDirectory(dir.resolve("conf"))) {
            return "conf/ not found";
        }
        return null;
    }

    /** Throws unless {@code dir} looks like a Vosk model folder; the message names the folder. */
    static Path require(Path dir) {
        String problem = problem(dir);
        if (problem != null) {
            // "model" is the config key and the --model flag users set.
            throw new IllegalArgumentException("model " + dir.toAbsolutePath() + " is not a Vosk model folder ("
                    + problem + "); unpack a model from https://alphacephei.com/vosk/models there, or leave"
                    + " model unset to use the bundled US-English model");
        }
        return dir;
    }
}
