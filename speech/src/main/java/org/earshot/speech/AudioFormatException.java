package org.earshot.speech;

import java.io.IOException;
import java.nio.file.Path;

/** A recording that cannot be analysed: missing, not audio, truncated, empty or in an unsupported format. */
public class AudioFormatException extends IOException {

    private final transient Path file;
    private final String reason;

    public AudioFormatException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    public AudioFormatException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** Why the file was refused, without the file name. */
    public String reason() {
        return reason;
    }
}
