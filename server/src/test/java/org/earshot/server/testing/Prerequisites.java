package org.earshot.server.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a tool or service from outside Maven (PostgreSQL, espeak-ng, Chromium) skip without it on
 * a developer's machine, saying what is missing. CI sets {@code EARSHOT_REQUIRE_ALL} (see .ci/run): then a
 * missing one fails the test instead, so CI cannot pass with those tests skipped.
 */
public final class Prerequisites {

    static final String REQUIRE_ALL = "EARSHOT_REQUIRE_ALL";

    private Prerequisites() {
    }

    /**
     * Skips (or, with {@code EARSHOT_REQUIRE_ALL}, fails) the calling test unless {@code present}.
     *
     * @param missing what is missing and how to get it, e.g. "espeak-ng (apt-get install espeak-ng)"
     */
    public static void require(boolean present, String missing) {
        if (!present && required()) {
            throw new IllegalStateException(REQUIRE_ALL + " is set but this test's prerequisite is missing: " + missing);
        }
        Assumptions.assumeTrue(present, "skipped, missing: " + missing);
    }

    /** True when CI demands every prerequisite ({@code EARSHOT_REQUIRE_ALL}, or the older {@code EARSHOT_REQUIRE_BROWSER}). */
    public static boolean required() {
        return System.getenv(REQUIRE_ALL) != null;
    }
}
