package org.earshot.speech.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.transcribe.HeardDigits;
import org.earshot.speech.vad.Spurt;
import org.junit.jupiter.api.Test;

class SecondListenTest {

    private static Word w(String word, double start) {
        return new Word(word, start, start + 0.3, 0.9);
    }

    private static List<String> texts(List<Word> words) {
        return words.stream().map(Word::word).toList();
    }

    @Test
    void spurtsWithNumberishWordsOrFewWordsAreHeardAgainAndFluentSpeechIsNot() {
        Spurt numberish = Spurt.ofSeconds(1.0, 3.0);
        Spurt fluent = Spurt.ofSeconds(4.0, 5.0);
        Spurt sparse = Spurt.ofSeconds(6.0, 8.0);
        List<Word> firstPass = List.of(w("well", 1.1), w("no", 1.5), w("five", 2.0),
                w("i", 4.0), w("would", 4.2), w("like", 4.4), w("that", 4.6),
                w("or", 7.0));
        assertThat(SecondListen.doubtful(List.of(numberish, fluent, sparse), firstPass, firstPass)).containsExactly(numberish, sparse);
    }

    @Test
    void toAndForAloneDoNotMakeASpurtDoubtfulButARunOfSoundAlikesDoes() {
        Spurt sentence = Spurt.ofSeconds(1.0, 2.0);
        Spurt soundAlikes = Spurt.ofSeconds(3.0, 4.0);
        List<Word> firstPass = List.of(w("i", 1.0), w("want", 1.2), w("to", 1.4), w("go", 1.6),
                w("for", 3.0), w("for", 3.3), w("free", 3.6), w("to", 3.8));
        assertThat(SecondListen.doubtful(List.of(sentence, soundAlikes), firstPass, firstPass)).containsExactly(soundAlikes);
    }

    @Test
    void theQuestionBeforeADoubtfulSpurtIsHeardForCuesAndEarlierSpeechIsNot() {
        Spurt longAgo = Spurt.ofSeconds(0.5, 2.0);
        Spurt question = Spurt.ofSeconds(10.0, 12.0);
        Spurt digits = Spurt.ofSeconds(13.0, 16.0);
        Map<String, List<Spurt>> cues = SecondListen.forCues(
                Map.of("agent", List.of(longAgo, question), "customer", List.of(digits)),
                Map.of("agent", List.of(), "customer", List.of(digits)));
        assertThat(cues.get("agent")).containsExactly(question);
        assertThat(cues.get("customer")).containsExactly(digits);
    }

    @Test
    void everydayCueWordsHeardAloneAreNotBelieved() {
        List<Word> heard = List.of(w("the", 1.0), w("card", 1.2), w("number", 1.5), w("date", 2.0), w("number", 3.0),
                w("debit", 4.0), w("code", 4.5), w("security", 5.0), w("code", 5.4), w("the", 6.0), w("back", 6.2),
                w("three", 7.0), w("back", 7.2), w("expiry", 8.0));
        assertThat(texts(SecondListen.plausibleCues(heard)))
                .containsExactly("card", "number", "security", "code", "back", "expiry");
    }

    @Test
    void digitsThatFitStandForTheFirstPassWordsKeepingItsCuesAndMonths() {
        List<Word> firstPass = List.of(w("my", 1.0), w("card", 1.3), w("well", 2.0), w("no", 2.4), w("march", 3.0),
                w("hello", 6.0), w("world", 6.4));
        HeardDigits fits = new HeardDigits(0.9, 3.5, List.of(w("one", 2.0), w("oh", 2.4)), -3.0);
        HeardDigits forced = new HeardDigits(5.9, 6.8, List.of(w("eleven", 6.0), w("three", 6.4)), -30.0);
        List<Word> view = SecondListen.view(firstPass, List.of(fits, forced), List.of(w("security", 4.0)));
        assertThat(texts(view)).containsExactly("card", "one", "oh", "march", "security", "hello", "world");
    }

    @Test
    void aFindingWidensToTheWholeOfASpurtWhoseDigitsFit() {
        Finding found = new Finding("customer", Finding.CARD_NUMBER, 4.5, 11.0);
        HeardDigits firstGroup = new HeardDigits(3.9, 5.2, List.of(w("eight", 4.5)), -2.4);
        HeardDigits notDigits = new HeardDigits(10.5, 14.0, List.of(w("three", 10.8)), -20.0);
        assertThat(SecondListen.widen(List.of(found), List.of(firstGroup, notDigits)))
                .containsExactly(new Finding("customer", Finding.CARD_NUMBER, 3.9, 11.0));
    }

    @Test
    void aSpurtAfterAStrongCueIsHeardAgainHoweverFluentTheFirstPassMadeIt() {
        Spurt answer = Spurt.ofSeconds(5.0, 6.0);
        List<Word> agent = List.of(w("what", 1.0), w("is", 1.3), w("the", 1.6), w("security", 2.0), w("code", 2.5));
        List<Word> customer = List.of(w("well", 5.0), w("you", 5.3), w("do", 5.6));
        List<Word> everyone = new java.util.ArrayList<>(agent);
        everyone.addAll(customer);
        assertThat(SecondListen.doubtful(List.of(answer), customer, everyone)).containsExactly(answer);
        assertThat(SecondListen.doubtful(List.of(answer), customer, customer)).isEmpty();
    }

    @Test
    void lettersHeardInsideDigitsThatFitAreNotACvvCue() {
        HeardDigits digits = new HeardDigits(1.0, 6.0, List.of(w("sixteen", 2.0), w("one", 3.0)), -1.5);
        List<Word> cues = List.of(w("c", 2.4), w("v", 2.7), w("c", 8.0), w("v", 8.3), w("v", 8.6));
        assertThat(texts(SecondListen.view(List.of(), List.of(digits), cues)))
                .containsExactly("sixteen", "one", "v", "v");
    }

    @Test
    void afterACardNumberASpurtThatFitsIsTheSecurityCodeOrWithAMonthTheExpiry() {
        Finding card = new Finding("customer", Finding.CARD_NUMBER, 2.0, 9.0);
        HeardDigits nothingHeard = new HeardDigits(12.0, 13.0, List.of(), -3.7);
        HeardDigits month = new HeardDigits(15.0, 16.5, List.of(w("december", 15.1)), -6.0);
        HeardDigits ordinary = new HeardDigits(18.0, 19.0, List.of(w("one", 18.2)), -25.0);
        HeardDigits muchLater = new HeardDigits(80.0, 81.0, List.of(w("one", 80.2)), -2.0);
        assertThat(SecondListen.answers("customer", List.of(card), List.of(nothingHeard, month, ordinary, muchLater), List.of()))
                .containsExactly(new Finding("customer", Finding.SECURITY_CODE, 12.0, 13.0),
                        new Finding("customer", Finding.EXPIRY, 15.0, 16.5));
    }

    @Test
    void afterAStrongCueASpurtThatFitsIsWhatTheCueAskedFor() {
        List<Word> agent = List.of(w("and", 10.0), w("the", 10.3), w("expiry", 10.6), w("date", 11.0));
        HeardDigits answer = new HeardDigits(12.0, 13.5, List.of(w("twenty", 12.5)), -4.0);
        HeardDigits tooLate = new HeardDigits(30.0, 31.0, List.of(w("two", 30.2)), -4.0);
        assertThat(SecondListen.answers("customer", List.of(), List.of(answer, tooLate), agent))
                .containsExactly(new Finding("customer", Finding.EXPIRY, 12.0, 13.5));
    }

    @Test
    void theSpurtsAfterACardNumberNotHeardYetAreHeardInASecondRound() {
        Spurt card = Spurt.ofSeconds(2.0, 9.0);
        Spurt code = Spurt.ofSeconds(12.0, 13.0);
        Spurt later = Spurt.ofSeconds(75.0, 76.0);
        Map<String, List<Spurt>> more = SecondListen.moreToHear(Map.of("customer", List.of(card, code, later)),
                Map.of("customer", List.of(card)), List.of(new Finding("customer", Finding.CARD_NUMBER, 2.0, 9.0)), List.of());
        assertThat(more.get("customer")).containsExactly(code);
    }
}
