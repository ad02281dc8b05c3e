package org.earshot.speech;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PrerequisitesTest {

    @Test
    void aMissingToolFailsNamingItWhenEverythingIsRequired() {
        assertThatThrownBy(() -> Prerequisites.check(List.of("praat (Debian package praat)"), "1"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("missing: praat (Debian package praat)")
                .hasMessageContaining("EARSHOT_REQUIRE_ALL=1");
    }

    @Test
    void aMissingToolSkipsNamingItWhenNotRequired() {
        for (String unset : new String[] {null, "", "0"}) {
            assertThatThrownBy(() -> Prerequisites.check(List.of("sox (Debian package sox)"), unset))
                    .as("EARSHOT_REQUIRE_ALL=%s", unset)
                    .isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("missing: sox (Debian package sox)");
        }
    }

    @Test
    void nothingMissingRunsTheTestEvenWhenEverythingIsRequired() {
        assertThatCode(() -> Prerequisites.check(List.of(), "1")).doesNotThrowAnyException();
    }
}
