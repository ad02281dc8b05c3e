package org.earshot.speech.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LexiconTest {

    static final Lexicon LEXICON = Lexicon.load();

    @Test
    void loadedWordsCarryTheirVaderValence() {
        // vader_lexicon.txt: "great 3.1", "terrible -2.1"
        assertThat(LEXICON.valence(List.of("great"), 0)).isEqualTo(3.1);
        assertThat(LEXICON.valence(List.of("terrible"), 0)).isEqualTo(-2.1);
    }

    @Test
    void wordsOutsideTheLexiconAreNeutral() {
        assertThat(LEXICON.valence(List.of("router"), 0)).isZero();
    }

    @Test
    void aNegatorWithinThreeWordsFlipsAndDampsTheValence() {
        assertThat(LEXICON.valence(List.of("not", "very", "great"), 2)).isCloseTo(3.1 * -0.74, within(1e-9));
        assertThat(LEXICON.valence(List.of("not", "at", "all", "so", "great"), 4)).isEqualTo(3.1);
    }

    @Test
    void sumsAreSquashedIntoMinusOneToOneAsVaderDoes() {
        assertThat(Lexicon.normalise(0)).isZero();
        assertThat(Lexicon.normalise(3.1)).isCloseTo(3.1 / Math.sqrt(3.1 * 3.1 + 15), within(1e-12));
        assertThat(Lexicon.normalise(-100)).isBetween(-1.0, -0.99);
    }
}
