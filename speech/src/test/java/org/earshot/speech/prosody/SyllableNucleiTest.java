package org.earshot.speech.prosody;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.earshot.speech.vad.Spurt;
import org.junit.jupiter.api.Test;

/** Vowel nuclei on synthetic "syllables": a voiced 160 Hz source whose level rises and falls. */
class SyllableNucleiTest {

    static final int RATE = 8000;

    @Test
    void eachSwellOfAVoicedSoundIsOneNucleus() {
        short[] s = syllables(10, 4.0, 1.0); // 10 syllables at 4 a second, dipping to silence between
        PartyProsody p = Prosody.measure(s, RATE, List.of(new Spurt(0, s.length / 80)));

        assertThat(p.syllables(0, s.length / 80)).isEqualTo(10);
        assertThat(p.syllablesPerSecond()).isEqualTo(4.0);
    }

    @Test
    void swellsWithDipsUnderTwoDecibelsMergeIntoOneNucleus() {
        short[] s = syllables(8, 4.0, 0.1); // modulation depth 10 %: dips of under 1 dB
        PartyProsody p = Prosody.measure(s, RATE, List.of(new Spurt(0, s.length / 80)));

        assertThat(p.syllables(0, s.length / 80)).isLessThanOrEqualTo(1);
    }

    /** {@code n} raised-cosine swells at {@code perSecond}, modulation {@code depth} (1 = down to silence). */
    static short[] syllables(int n, double perSecond, double depth) {
        short[] out = new short[(int) (n / perSecond * RATE)];
        double phase = 0;
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / RATE;
            double envelope = 1 - depth * (0.5 + 0.5 * Math.cos(2 * Math.PI * perSecond * t));
            phase += 2 * Math.PI * 160 / RATE;
            double x = Math.sin(phase) + 0.6 * Math.sin(2 * phase) + 0.4 * Math.sin(3 * phase) + 0.3 * Math.sin(4 * phase);
            out[i] = (short) Math.round(8000 * envelope * x);
        }
        return out;
    }
}
