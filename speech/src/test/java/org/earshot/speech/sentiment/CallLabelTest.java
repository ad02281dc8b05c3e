package org.earshot.speech.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.SpeechSettings;
import org.earshot.speech.prosody.PartyProsody;
import org.earshot.speech.prosody.Prosody;
import org.earshot.speech.vad.Spurt;
import org.junit.jupiter.api.Test;

/** A short, angry customer and an agent who talks long and cheerfully: the talk-weighted score is positive. */
class CallLabelTest {

    static final int RATE = 8000;
    static final SentimentScorer SCORER = new SentimentScorer(Lexicon.load(), SpeechSettings.Sentiment.DEFAULTS);

    @Test
    void aCallWhoseCustomerIsNegativeIsLabelledNegativeHoweverCheerfulTheAgentTalked() {
        List<Spurt> customerSpeech = List.of(Spurt.ofSeconds(0.5, 2.5));
        List<Spurt> agentSpeech = List.of(Spurt.ofSeconds(3.0, 18.0));
        PartyEvidence customer = new PartyEvidence("customer", customerSpeech, tone(customerSpeech),
                words(0.6, "this", "is", "terrible", "awful", "horrible"), List.of());
        PartyEvidence agent = new PartyEvidence("agent", agentSpeech, tone(agentSpeech),
                words(3.1, "great", "wonderful", "happy", "glad", "great", "excellent", "thank", "you", "love", "it"), List.of());

        SentimentResult r = SCORER.score(List.of(customer, agent), List.of(), List.of(), 20.0);

        assertThat(r.call().score()).as("talk-weighted, the agent's 15 s outweigh").isPositive();
        assertThat(r.call().flags()).contains("customer-negative");
        assertThat(r.call().label()).isEqualTo("negative");
    }

    private static List<Word> words(double from, String... words) {
        List<Word> out = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            double start = from + 0.3 * i;
            out.add(new Word(words[i], start, start + 0.25, 1.0));
        }
        return out;
    }

    private static PartyProsody tone(List<Spurt> speech) {
        short[] samples = new short[20 * RATE];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (4000 * Math.sin(2 * Math.PI * 200 * i / RATE));
        }
        return Prosody.measure(samples, RATE, speech);
    }
}
