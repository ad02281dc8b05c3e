package org.earshot.speech.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reference values from ITU-T G.711 (table 2a/2b: decoder output of the extreme and smallest codes). */
class G711Test {

    @Test
    void muLawExpandsToTheG711ReferenceValues() {
        assertThat(G711.ulaw((byte) 0xFF)).isEqualTo((short) 0);       // positive zero
        assertThat(G711.ulaw((byte) 0x7F)).isEqualTo((short) 0);       // negative zero
        assertThat(G711.ulaw((byte) 0x80)).isEqualTo((short) 32124);   // largest positive
        assertThat(G711.ulaw((byte) 0x00)).isEqualTo((short) -32124);  // largest negative
        assertThat(G711.ulaw((byte) 0xFE)).isEqualTo((short) 8);       // smallest step
    }

    @Test
    void aLawExpandsToTheG711ReferenceValues() {
        assertThat(G711.alaw((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.alaw((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711.alaw((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.alaw((byte) 0x2A)).isEqualTo((short) -32256);
    }

    @Test
    void bothLawsAreMonotonicOverTheirPositiveCodes() {
        // µ-law positive codes run 0xFF (zero) down to 0x80 (max); A-law 0xD5 up through segments to 0xAA
        for (int code = 0xFF; code > 0x80; code--) {
            assertThat(G711.ulaw((byte) (code - 1))).isGreaterThan(G711.ulaw((byte) code));
        }
        for (int linear = 0; linear < 127; linear++) {
            assertThat(G711.alaw((byte) ((linear + 1 | 0x80) ^ 0x55))).isGreaterThan(G711.alaw((byte) ((linear | 0x80) ^ 0x55)));
        }
    }
}
