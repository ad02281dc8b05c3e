package org.earshot.speech.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.earshot.speech.AnalysisReport.Redaction;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.transcribe.HeardDigits;
import org.earshot.speech.vad.Spurt;
import org.junit.jupiter.api.Test;

class TranscriptRedactionTest {

    private static TranscriptSegment segment(String party, List<Word> words) {
        return new TranscriptSegment(party, words.get(0).start(), words.get(words.size() - 1).end(),
                String.join(" ", words.stream().map(Word::word).toList()), words);
    }

    @Test
    void aCardNumberSplitOverTwoSegmentsBecomesOneMarkerInEach() {
        List<Word> w = SpokenCardDataTest.words("my card number is four one one one one one one one | one one one one one one one one",
                2.0);
        TranscriptSegment first = segment("customer", w.subList(0, 12));
        TranscriptSegment second = segment("customer", w.subList(12, w.size()));
        // the agent reads eight digits 30 s later: too far from the customer's cue
        TranscriptSegment agent = segment("agent", SpokenCardDataTest.words("four one one one one one one one", 0).stream()
                .map(x -> new Word(x.word(), x.start() + 30, x.end() + 30, x.confidence())).toList());

        TranscriptRedaction.Result r = TranscriptRedaction.redact(List.of(first, second, agent), List.of(), 60);

        assertThat(r.transcript().get(0).text()).isEqualTo("my card number [card number]");
        assertThat(r.transcript().get(1).text()).isEqualTo("[card number]");
        assertThat(r.transcript().get(1).words()).extracting(Word::word).containsExactly("[card number]");
        assertThat(r.transcript().get(2)).as("the agent's eight digits carry no cue: kept").isEqualTo(agent);
        assertThat(r.redactions()).hasSize(1);
        Redaction span = r.redactions().get(0);
        assertThat(span.party()).isEqualTo("customer");
        assertThat(span.start()).isEqualTo(w.get(3).start() - 0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(span.end()).isEqualTo(w.get(w.size() - 1).end() + 0.5, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void keypadSpansReplaceTheWordsTheRecogniserMadeOfTheTones() {
        List<Word> w = new ArrayList<>(SpokenCardDataTest.words("okay the hmm hmm done", 0));
        TranscriptSegment s = segment("customer", w);
        Finding keypad = new Finding("customer", Finding.KEYPAD_DIGITS, w.get(2).start(), w.get(3).end());

        TranscriptRedaction.Result r = TranscriptRedaction.redact(List.of(s), List.of(keypad), 60);

        assertThat(r.transcript().get(0).text()).isEqualTo("okay the [keypad digits] done");
        assertThat(r.redactions()).extracting(Redaction::kind).containsExactly("keypad-digits");
    }

    @Test
    void paddingStopsAtTheEdgesOfTheRecording() {
        List<Word> w = SpokenCardDataTest.words("cvv one two three", 0);
        TranscriptRedaction.Result r = TranscriptRedaction.redact(List.of(segment("agent", w)), List.of(), w.get(3).end() + 0.1);
        assertThat(r.redactions().get(0).end()).isEqualTo(Math.round((w.get(3).end() + 0.1) * 100) / 100.0);
    }

    @Test
    void theSecondListenHearsTheDoubtfulSpurtsThenTheAnswerAfterTheCardNumberItFound() throws Exception {
        // the first pass heard neither the card number nor the code: "well no five ..." and "i played family"
        List<Word> card = SpokenCardDataTest.words("i well i am well no i was so five well no", 0);
        List<Word> code = List.of(new Word("i", 12.0, 12.3, 0.9), new Word("played", 12.3, 12.6, 0.9),
                new Word("family", 12.6, 12.9, 0.9));
        Spurt cardSpurt = Spurt.ofSeconds(1.0, 5.8);
        Spurt codeSpurt = Spurt.ofSeconds(12.0, 12.9);
        List<Map<String, List<Spurt>>> asked = new ArrayList<>();
        SecondListen.Ears ears = (forDigits, forCues) -> {
            asked.add(forDigits);
            List<HeardDigits> heard = new ArrayList<>();
            if (forDigits.get("customer").contains(cardSpurt)) {
                heard.add(new HeardDigits(1.0, 5.8, SpokenCardDataTest.words(
                        "four one one one one one one one one one one one one one one one", 0).stream()
                        .map(w -> new Word(w.word(), w.start() * 0.7, w.end() * 0.7, 1.0)).toList(), -3.0));
            }
            if (forDigits.get("customer").contains(codeSpurt)) {
                heard.add(new HeardDigits(12.0, 12.9, List.of(), -3.7)); // it heard no digit, but fits like one
            }
            return new SecondListen.Heard(Map.of("customer", heard), Map.of());
        };

        TranscriptRedaction.Result r = TranscriptRedaction.redact(List.of(segment("customer", card), segment("customer", code)),
                Map.of("customer", List.of(cardSpurt, codeSpurt)), List.of(), 20, ears);

        assertThat(asked).extracting(a -> a.get("customer")).containsExactly(List.of(cardSpurt), List.of(codeSpurt));
        assertThat(r.redactions()).containsExactly(new Redaction("customer", "card-number", 0.2, 6.3),
                new Redaction("customer", "security-code", 11.5, 13.4));
        assertThat(r.transcript()).extracting(TranscriptSegment::text).containsExactly("[card number]", "[security code]");
    }
}
