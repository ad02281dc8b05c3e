package org.earshot.speech.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.earshot.speech.AnalysisReport.Word;
import org.junit.jupiter.api.Test;

class SpokenCardDataTest {

    /** Words 0.4 s apart; "|" is a pause of {@code pause} seconds. */
    static List<Word> words(String text, double pause) {
        List<Word> out = new ArrayList<>();
        double t = 1.0;
        for (String w : text.split(" ")) {
            if (w.equals("|")) {
                t += pause;
                continue;
            }
            out.add(new Word(w, t, t + 0.3, 0.9));
            t += 0.4;
        }
        return out;
    }

    private static List<String> kinds(String text) {
        return SpokenCardData.find("customer", words(text, 0)).stream().map(Finding::kind).toList();
    }

    @Test
    void aCardNumberAfterAnEverydayCueIsFoundFromTheCueToItsLastDigit() {
        List<Word> w = words("the number is four one one one one one one one one one one one one one one one thanks", 0);
        List<Finding> found = SpokenCardData.find("customer", w);
        assertThat(found).containsExactly(new Finding("customer", "card-number", w.get(2).start(), w.get(18).end()));
    }

    @Test
    void aLuhnValidNumberWithoutACueIsACardNumber() {
        assertThat(kinds("it is four one one one one one one one one one one one one one one one")).containsExactly("card-number");
    }

    @Test
    void aThirteenDigitNumberWithoutACueThatFailsLuhnIsKept() {
        assertThat(kinds("reference one two three four five six seven eight nine one two three four")).isEmpty();
    }

    @Test
    void pairsAndDoublesCountTheirDigits() {
        assertThat(kinds("the card is forty one eleven double one eleven eleven eleven eleven")).containsExactly("card-number");
    }

    @Test
    void aNumberSplitByLongPausesAcrossResultsIsOneCardNumber() {
        List<Finding> found = SpokenCardData.find("customer",
                words("visa four one one one | one one one one | one one one one | one one one one", 3.0));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).kind()).isEqualTo("card-number");
    }

    @Test
    void groupsReadWithPausesLongerThanARunStillContinueTheCardNumber() {
        List<Word> w = words("number four one one one one one one one | one one one one one one one one", 5.0);
        List<Finding> found = SpokenCardData.find("customer", w);
        assertThat(found).extracting(Finding::kind).containsExactly("card-number", "card-number");
        assertThat(found.get(1).end()).isEqualTo(w.get(w.size() - 1).end());
    }

    @Test
    void securityCodeAfterItsCues() {
        assertThat(kinds("the security code is one two three")).containsExactly("security-code");
        assertThat(kinds("cvv seven three seven")).containsExactly("security-code");
        assertThat(kinds("the three digits on the back are four oh one")).containsExactly("security-code");
    }

    @Test
    void securityCodeCueWinsOverAnEarlierCardCue() {
        assertThat(kinds("the security code for my card is one two three")).containsExactly("security-code");
    }

    @Test
    void expiryWithAMonthOrDigits() {
        assertThat(kinds("it expires march twenty twenty seven")).containsExactly("expiry");
        assertThat(kinds("expiry oh nine slash twenty six")).containsExactly("expiry");
    }

    @Test
    void aMisheardDigitBetweenCueAndRunIsRedactedToo() {
        List<Word> w = words("card number is a one one one one one one one one", 0);
        List<Finding> found = SpokenCardData.find("customer", w);
        assertThat(found.get(0).start()).isEqualTo(w.get(2).start());
    }

    @Test
    void harmlessNumbersAreKept() {
        assertThat(kinds("my order is five five one two three")).isEmpty();
        assertThat(kinds("i called at three thirty yesterday")).isEmpty();
        assertThat(kinds("the bill was forty nine ninety nine")).isEmpty();
        assertThat(kinds("oh i see")).isEmpty();
        assertThat(kinds("i am looking for a refund")).isEmpty();
    }

    @Test
    void afterAStrongCueTheRestOfTheTurnGoesEvenWhenItsDigitsWereMisheard() {
        List<Word> w = words("my card number is well no five well no five thanks", 0);
        assertThat(SpokenCardData.find("customer", w))
                .containsExactly(new Finding("customer", "card-number", w.get(3).start(), w.get(10).end()));
        assertThat(kinds("the card ending in one two three four")).containsExactly("card-number");
    }

    @Test
    void theOtherPartysStrongCueTakesTheNextTurnIfItSoundsLikeDigits() {
        List<Word> agent = List.of(new Word("the", 1.0, 1.2, 1), new Word("expiry", 1.3, 1.8, 1));
        List<Word> customer = List.of(new Word("oh", 2.5, 2.8, 1), new Word("i", 2.9, 3.0, 1), new Word("did", 3.1, 3.6, 1));
        List<Word> chat = List.of(new Word("sure", 2.5, 2.8, 1), new Word("thanks", 2.9, 3.4, 1));

        assertThat(SpokenCardData.find("customer", customer, agent)).containsExactly(new Finding("customer", "expiry", 2.5, 3.6));
        assertThat(SpokenCardData.find("customer", chat, agent)).isEmpty();
    }

    @Test
    void theBackIsAStrongSecurityCodeCueButCallMeBackIsNot() {
        List<Word> customer = List.of(new Word("oh", 2.5, 2.8, 1), new Word("boy", 2.9, 3.0, 1));
        assertThat(SpokenCardData.find("customer", customer, words("digits on the back", 0)))
                .extracting(Finding::kind).containsExactly("security-code");
        assertThat(SpokenCardData.find("customer", customer, words("call me back", 0))).isEmpty();
    }

    @Test
    void everydayCuesAloneDoNotTakeTheTurn() {
        assertThat(kinds("my order number is five five one to free")).isEmpty();
    }

    @Test
    void theOtherPartysQuestionCuesTheAnswer() {
        List<Word> agent = List.of(new Word("and", 1.0, 1.2, 1), new Word("the", 1.2, 1.3, 1), new Word("cvv", 1.3, 1.8, 1));
        List<Word> customer = List.of(new Word("one", 2.5, 2.8, 1), new Word("two", 2.9, 3.2, 1), new Word("three", 3.3, 3.6, 1));

        assertThat(SpokenCardData.find("customer", customer, agent))
                .containsExactly(new Finding("customer", "security-code", 2.5, 3.6));
        assertThat(SpokenCardData.find("customer", customer, List.of())).isEmpty();
    }

    @Test
    void aShortNumberSaidWithinAMinuteOfACardNumberIsItsSecurityCodeCueOrNot() {
        // the question before it misheard ("and what isn't a seemingly" for "and what is the cvv")
        List<Finding> found = SpokenCardData.find("customer", words(
                "four one one one one one one one one one one one one one one one | one three", 20.0));
        assertThat(found).extracting(Finding::kind).containsExactly("card-number", "security-code");
    }

    @Test
    void aMonthWithinAMinuteOfACardNumberIsItsExpiry() {
        List<Finding> found = SpokenCardData.find("customer", words(
                "four one one one one one one one one one one one one one one one | march twenty", 20.0));
        assertThat(found).extracting(Finding::kind).containsExactly("card-number", "expiry");
    }

    @Test
    void aPhoneNumberAfterACardNumberAndShortNumbersAMinuteLaterAreKept() {
        String card = "four one one one one one one one one one one one one one one one";
        assertThat(SpokenCardData.find("customer", words(card + " | five five five one two three four", 20.0)))
                .extracting(Finding::kind).containsExactly("card-number");
        assertThat(SpokenCardData.find("customer", words(card + " | one three", 70.0)))
                .extracting(Finding::kind).containsExactly("card-number");
    }

    @Test
    void sixDigitsAfterACueThatNamesTheCardAreACardNumberButAfterNumberAloneTheyAreKept() {
        assertThat(kinds("go ahead with the card | eight two forty three one oh five")).containsExactly("card-number");
        assertThat(kinds("my order number is eight two forty three one oh five")).isEmpty();
    }

    @Test
    void aZipCodeOrAPhoneNumberIsNoCue() {
        assertThat(kinds("my zip code is nine oh two one oh")).isEmpty();
        assertThat(kinds("the promo code is one two three")).isEmpty();
        assertThat(kinds("my phone number is four one one one one one one one one one")).isEmpty();
        assertThat(kinds("the code is one two three")).containsExactly("security-code");
    }

    @Test
    void overlappingFindingsMergeIntoTheKindOfTheLongest() {
        List<Finding> merged = SpokenCardData.merge(List.of(new Finding("customer", Finding.SECURITY_CODE, 6.0, 7.0),
                new Finding("customer", Finding.CARD_NUMBER, 3.0, 11.0), new Finding("customer", Finding.EXPIRY, 10.5, 12.0)));
        assertThat(merged).containsExactly(new Finding("customer", Finding.CARD_NUMBER, 3.0, 12.0));
    }
}
