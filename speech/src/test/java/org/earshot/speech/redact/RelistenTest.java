package org.earshot.speech.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.vad.Spurt;
import org.junit.jupiter.api.Test;

class RelistenTest {

    /** Words 0.4 s apart from {@code start}. */
    private static List<Word> at(double start, String text) {
        return SpokenCardDataTest.words(text, 0).stream()
                .map(w -> new Word(w.word(), w.start() - 1 + start, w.end() - 1 + start, w.confidence())).toList();
    }

    @Test
    void spurtsWithDigitsSoundAlikesCuesOrFewWordsAreHeardAgainAndPlainTalkIsNot() {
        Spurt plain = Spurt.ofSeconds(0, 2.0);
        Spurt soundAlikes = Spurt.ofSeconds(3, 5.0);
        Spurt mumbled = Spurt.ofSeconds(6, 9.0);
        Spurt cue = Spurt.ofSeconds(10, 11.6);
        List<Word> firstPass = new java.util.ArrayList<>();
        firstPass.addAll(at(0, "thank you and hello there"));
        firstPass.addAll(at(3, "and an old for for free"));
        firstPass.addAll(at(6.5, "more"));
        firstPass.addAll(at(10, "the security bit please"));

        assertThat(Relisten.doubtful(List.of(plain, soundAlikes, mumbled, cue), firstPass))
                .containsExactly(soundAlikes, mumbled, cue);
    }

    @Test
    void toAndForAloneDoNotSendASpurtRoundAgainButARunOfSoundAlikesDoes() {
        Spurt everyday = Spurt.ofSeconds(0, 2.4);
        Spurt soundAlikes = Spurt.ofSeconds(3, 5.4);

        List<Word> firstPass = new java.util.ArrayList<>(at(0, "thanks for waiting to day"));
        firstPass.addAll(at(3, "the market for for free"));

        assertThat(Relisten.doubtful(List.of(everyday, soundAlikes), firstPass)).containsExactly(soundAlikes);
    }

    @Test
    void theOtherPartysLastSpurtBeforeADoubtfulOneIsHeardAgainForItsQuestion() {
        Spurt question = Spurt.ofSeconds(0.5, 3.3);
        Spurt answer = Spurt.ofSeconds(3.9, 5.2);
        Map<String, List<Spurt>> speech = new LinkedHashMap<>();
        speech.put("customer", List.of(answer));
        speech.put("agent", List.of(question));
        Map<String, List<Word>> firstPass = Map.of(
                "customer", at(3.9, "three emanates do"),
                "agent", at(0.5, "go ahead with the current amber wear them"));

        Map<String, List<Spurt>> again = Relisten.toHearAgain(speech, firstPass);

        assertThat(again.get("customer")).containsExactly(answer);
        assertThat(again.get("agent")).containsExactly(question);
    }

    @Test
    void inAQuestionHeardAgainOnlyTheSecondListensCuesCountAndTheFirstPassWordsStay() {
        List<Word> firstPass = at(0.5, "please type your card on the keypad");
        List<Word> secondListen = at(0.5, "three the card number five");

        List<Word> view = Relisten.view(firstPass, List.of(), secondListen);

        assertThat(view).extracting(Word::word).doesNotContain("three", "five").contains("number", "keypad");
    }

    @Test
    void inADoubtfulSpurtTheSecondListenStandsForTheFirstPass() {
        Spurt s = Spurt.ofSeconds(1, 3);
        List<Word> view = Relisten.view(at(1, "well no five"), List.of(s), at(1, "one oh five"));

        assertThat(view).extracting(Word::word).containsExactly("one", "oh", "five");
    }

    @Test
    void anEverydayCueTheSecondListenHeardAloneIsDroppedButKeptInItsPhrase() {
        Spurt s = Spurt.ofSeconds(1, 9);
        List<Word> view = Relisten.view(List.of(), List.of(s),
                at(1, "forty nine code fifteen zero security code seven three seven on the back"));

        assertThat(view).extracting(Word::word).containsExactly("forty", "nine", "fifteen", "zero", "security", "code",
                "seven", "three", "seven", "on", "the", "back");
    }

    @Test
    void theGrammarHasNoUnknownWordSoEverySoundIsADigitOrACue() {
        assertThat(Relisten.GRAMMAR).doesNotContain("[unk]").contains("oh", "double", "card number", "security code");
    }
}
