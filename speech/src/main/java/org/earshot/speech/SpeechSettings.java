package org.earshot.speech;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How recordings are analysed.
 *
 * @param modelDir a Vosk model folder, or null for the small US-English model bundled in this module
 * @param modelCacheDir where the bundled model is unpacked on first use (a folder the user may write)
 * @param channels which party is on which channel of a stereo recording
 * @param threads  recogniser threads (the two parties of a call are decoded in parallel)
 */
public record SpeechSettings(Path modelDir, Path modelCacheDir, ChannelRoles channels, int threads) {

    public SpeechSettings {
        Objects.requireNonNull(modelCacheDir, "modelCacheDir");
        Objects.requireNonNull(channels, "channels");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
    }
}
