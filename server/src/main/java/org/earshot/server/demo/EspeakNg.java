package org.earshot.server.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * espeak-ng as a {@link Synthesizer}: one process per utterance ({@code --stdout} writes a WAV, about
 * 10 ms per sentence here), so nothing is linked into the JVM and a missing espeak-ng only means no
 * recordings. The text goes as one argument, never through a shell.
 */
final class EspeakNg implements Synthesizer {

    static final String HOW_TO_GET = "install espeak-ng (Debian/Ubuntu: apt-get install espeak-ng)";
    private static final long TIMEOUT_SECONDS = 30;

    private final String executable;

    /** @param executable the espeak-ng command, normally "espeak-ng" on the PATH */
    EspeakNg(String executable) {
        this.executable = executable;
    }

    @Override
    public Optional<String> unavailable() {
        try {
            Process p = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(executable + " --version did not answer within " + TIMEOUT_SECONDS + " s");
            }
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of(executable + " --version failed with exit status " + p.exitValue() + "; " + HOW_TO_GET);
        } catch (IOException e) {
            return Optional.of(executable + " is not installed (" + e.getMessage() + "); " + HOW_TO_GET);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while looking for " + executable);
        }
    }

    @Override
    public Speech speak(String text, String voice, int rate, int pitch) throws IOException {
        Process p = new ProcessBuilder(List.of(executable, "-v", voice, "-s", Integer.toString(rate), "-p",
                Integer.toString(pitch), "--stdout", text)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] wav;
        try (InputStream out = p.getInputStream()) {
            wav = out.readAllBytes();
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(executable + " did not finish within " + TIMEOUT_SECONDS + " s for '" + text + "'");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + executable + " spoke '" + text + "'", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(executable + " -v " + voice + " failed with exit status " + p.exitValue() + " for '" + text + "'");
        }
        return TelephoneAudio.readWav(wav, executable + " output for '" + text + "'");
    }
}
