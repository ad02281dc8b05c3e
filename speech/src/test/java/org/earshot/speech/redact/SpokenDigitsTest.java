package org.earshot.speech.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpokenDigitsTest {

    private static String parse(String words) {
        return SpokenDigits.parse(List.of(words.split(" ")));
    }

    @Test
    void singleDigitsReadOneByOne() {
        assertThat(parse("four one one one")).isEqualTo("4111");
    }

    @Test
    void ohAndZeroAreBothZero() {
        assertThat(parse("five oh o zero")).isEqualTo("5000");
    }

    @Test
    void pairsAreTwoDigits() {
        assertThat(parse("twenty three forty thirteen")).isEqualTo("234013");
    }

    @Test
    void doubleAndTripleRepeatTheNextDigit() {
        assertThat(parse("double four triple oh one")).isEqualTo("440001");
    }

    @Test
    void hundredAddsTwoZeros() {
        assertThat(parse("four hundred")).isEqualTo("400");
    }

    @Test
    void figuresAndPunctuationAreRead() {
        assertThat(parse("4111, 1111.")).isEqualTo("41111111");
    }

    @Test
    void wordsThatAreNotNumbersAreSkipped() {
        assertThat(parse("four uh one")).isEqualTo("41");
    }

    @Test
    void luhnAcceptsTestCardNumbersAndRejectsOneWrongDigit() {
        assertThat(SpokenDigits.luhn("4111111111111111")).isTrue();
        assertThat(SpokenDigits.luhn("5555555555554444")).isTrue();
        assertThat(SpokenDigits.luhn("378282246310005")).isTrue();
        assertThat(SpokenDigits.luhn("4111111111111112")).isFalse();
        assertThat(SpokenDigits.luhn("")).isFalse();
    }

    @Test
    void ohAndSoundAlikesAreWeakNotNumberWordsOnTheirOwn() {
        assertThat(SpokenDigits.isNumberWord("oh")).isFalse();
        assertThat(SpokenDigits.isWeak("oh")).isTrue();
        assertThat(SpokenDigits.isWeak("for")).isTrue();
        assertThat(SpokenDigits.isNumberWord("Four")).isTrue();
        assertThat(SpokenDigits.isNumberWord("hello")).isFalse();
    }
}
