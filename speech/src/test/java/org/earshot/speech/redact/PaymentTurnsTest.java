package org.earshot.speech.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.vad.Spurt;
import org.junit.jupiter.api.Test;

class PaymentTurnsTest {

    private static Word w(String word, double start) {
        return new Word(word, start, start + 0.3, 0.9);
    }

    @Test
    void digitSpurtsBeforeASecurityCodeInTheSameTurnAreTheCardNumber() {
        // "three seven eight two" | "eight two two four six" | "the code on the back is four four three two"
        List<Spurt> own = List.of(Spurt.ofSeconds(3.9, 5.2), Spurt.ofSeconds(6.6, 8.0), Spurt.ofSeconds(11.5, 14.3));
        List<Word> heard = List.of(w("date", 4.5), w("two", 4.8), w("forty", 7.4), w("four", 13.1), w("four", 13.4));
        Finding code = new Finding("customer", Finding.SECURITY_CODE, 13.1, 14.3);

        List<Finding> found = PaymentTurns.find("customer", own, List.of(Spurt.ofSeconds(0.5, 3.3)), heard, List.of(code));

        assertThat(found).containsExactly(new Finding("customer", Finding.CARD_NUMBER, 3.9, 5.2),
                new Finding("customer", Finding.CARD_NUMBER, 6.6, 8.0),
                new Finding("customer", Finding.SECURITY_CODE, 11.5, 14.3));
    }

    @Test
    void theAnswerAfterTheAgentsNextQuestionIsCardDataIfDigitsWereHeardInIt() {
        Finding card = new Finding("customer", Finding.CARD_NUMBER, 2.3, 10.3);
        List<Spurt> own = List.of(Spurt.ofSeconds(2.3, 10.3), Spurt.ofSeconds(12.9, 13.9), Spurt.ofSeconds(20, 22));
        List<Spurt> agent = List.of(Spurt.ofSeconds(10.9, 12.3), Spurt.ofSeconds(15, 17));
        List<Word> heard = List.of(w("three", 13.2), w("expires", 20.1), w("twenty", 20.8), w("eight", 21.2));

        List<Finding> found = PaymentTurns.find("customer", own, agent, heard, List.of(card));

        assertThat(found).contains(new Finding("customer", Finding.SECURITY_CODE, 12.9, 13.9),
                new Finding("customer", Finding.EXPIRY, 20, 22));
    }

    @Test
    void numbersLongAfterTheCardNumberOrInATurnWithoutCardDataAreKept() {
        Finding card = new Finding("customer", Finding.CARD_NUMBER, 2, 8);
        List<Spurt> own = List.of(Spurt.ofSeconds(2, 8), Spurt.ofSeconds(8 + PaymentTurns.FOLLOW_UP_SECONDS + 5, 45));
        List<Spurt> agent = List.of(Spurt.ofSeconds(9, 10));
        List<Word> heard = List.of(w("forty", 41), w("nine", 41.5));

        assertThat(PaymentTurns.find("customer", own, agent, heard, List.of(card))).isEmpty();
        assertThat(PaymentTurns.find("customer", own, agent, heard, List.of())).isEmpty();
    }

    @Test
    void anotherPartyStartingToSpeakEndsTheTurn() {
        List<Spurt> own = List.of(Spurt.ofSeconds(1, 2), Spurt.ofSeconds(3, 4), Spurt.ofSeconds(6, 7));

        assertThat(PaymentTurns.turns(own, List.of(Spurt.ofSeconds(4.5, 5.5))))
                .containsExactly(List.of(own.get(0), own.get(1)), List.of(own.get(2)));
    }
}
