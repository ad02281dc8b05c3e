package org.earshot.speech.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.earshot.speech.AnalysisReport.Redaction;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;
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
}
