package org.earshot.speech;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The tools and data some tests measure against, and what a test does without them: on a
 * developer's machine it skips, saying what is missing; with {@code EARSHOT_REQUIRE_ALL=1} (set by
 * {@code .ci/run}) it fails, naming what is missing, so CI cannot pass with those tests skipped.
 *
 * <pre>{@code
 * @BeforeAll
 * static void tools() {
 *     Prerequisites.require(Need.ALLISON_PROMPTS, Need.PRAAT);
 * }
 * }</pre>
 */
public final class Prerequisites {

    /** The environment variable that turns a missing tool from a skip into a failure. */
    public static final String REQUIRE_ALL = "EARSHOT_REQUIRE_ALL";

    /** Something a test needs that the build does not bring: Debian packages CI installs. */
    public enum Need {
        PRAAT("praat (Debian package praat)") {
            @Override
            boolean present() {
                return runs("praat", "--version");
            }
        },
        SOX("sox (Debian package sox)") {
            @Override
            boolean present() {
                return runs("sox", "--version");
            }
        },
        ESPEAK_NG("espeak-ng (Debian package espeak-ng)") {
            @Override
            boolean present() {
                return runs("espeak-ng", "--version");
            }
        },
        ALLISON_PROMPTS("the Allison prompts " + AllisonPrompts.SOUNDS + " and their texts " + AllisonPrompts.TEXTS
                + " (Debian packages asterisk-core-sounds-en-wav and asterisk-core-sounds-en)") {
            @Override
            boolean present() {
                return AllisonPrompts.installed();
            }
        };

        private final String description;

        Need(String description) {
            this.description = description;
        }

        abstract boolean present();

        public String description() {
            return description;
        }
    }

    private Prerequisites() {
    }

    /** Skips the calling test (class, if called from {@code @BeforeAll}) when one is missing; fails instead under CI. */
    public static void require(Need... needs) {
        List<String> missing = Arrays.stream(needs).filter(n -> !n.present()).map(Need::description).toList();
        check(missing, System.getenv(REQUIRE_ALL));
    }

    /** Whether the JVM was started with everything required (CI). */
    public static boolean allRequired() {
        return required(System.getenv(REQUIRE_ALL));
    }

    static void check(List<String> missing, String requireAll) {
        if (missing.isEmpty()) {
            return;
        }
        String what = "missing: " + String.join("; ", missing);
        if (required(requireAll)) {
            Assertions.fail(what + " (" + REQUIRE_ALL + "=" + requireAll + " makes this test required)");
        }
        Assumptions.abort(what + " (set " + REQUIRE_ALL + "=1 to make this a failure)");
    }

    private static boolean required(String value) {
        return value != null && !value.isBlank() && !value.strip().equals("0");
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
