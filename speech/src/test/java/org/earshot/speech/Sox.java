package org.earshot.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Converts test recordings with sox, the way a user's tool would have written them. Tests that need
 * it call {@code Prerequisites.require(Need.SOX)} first: skipped without it, failed under CI.
 */
public final class Sox {

    private Sox() {
    }

    /**
     * {@code sox -R in OPTIONS out}: {@code options} are the output's (e.g. {@code -r 44100 -b 24}).
     * {@code -R} makes sox's dither repeatable, so a test sees the same file on every run.
     */
    public static Path convert(Path in, Path out, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("sox", "-R", in.toString()));
        command.addAll(List.of(options));
        command.add(out.toString());
        Process sox = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(sox.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!sox.waitFor(60, TimeUnit.SECONDS)) {
                sox.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 60 s");
            }
            if (sox.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return out;
    }
}
