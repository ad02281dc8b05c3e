package org.earshot.speech.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.SpeechSettings;
import org.earshot.speech.prosody.PartyProsody;
import org.earshot.speech.prosody.Prosody;
import org.earshot.speech.vad.Spurt;
import org.junit.jupiter.api.Test;

/**
 * A mono call: one channel carrying a low, quiet voice saying hello, 12.5 s of silence, then a voice
 * an octave higher and 18 dB louder saying "this is terrible i want to cancel".
 */
class MixedCallSentimentTest {

    static final int RATE = 8000;
    static final Lexicon LEXICON = Lexicon.load();
    static final SentimentScorer SCORER = new SentimentScorer(LEXICON, SpeechSettings.Sentiment.DEFAULTS);
    static final List<Spurt> SPEECH = List.of(Spurt.ofSeconds(0.5, 2.5), Spurt.ofSeconds(15.0, 18.0));
    static final Span DEAD_AIR = new Span(2.5, 15.0);
    static final List<Word> WORDS = words("hello@1.0", "this@15.2", "is@15.5", "terrible@15.8", "i@16.4", "want@16.6",
            "to@16.9", "cancel@17.1");
    static final PartyEvidence MIXED = new PartyEvidence("mixed", SPEECH, prosody(), WORDS, List.of());

    @Test
    void theCallIsScoredFromItsWordsAloneHoweverRaisedTheLouderVoiceSounds() {
        List<String> tokens = WORDS.stream().map(Word::word).toList();
        double valence = IntStream.range(0, tokens.size()).mapToDouble(i -> LEXICON.valence(tokens, i)).sum();

        SentimentResult r = SCORER.scoreMixed(MIXED, List.of(DEAD_AIR), 20.0);

        assertThat(r.call().score()).isEqualTo(SentimentScorer.round(Lexicon.normalise(valence)));
        assertThat(r.cues()).noneSatisfy(c -> assertThat(c.kind()).isEqualTo("prosody"));
        // the same channel taken for one speaker reads as raised: the input does carry what mono must ignore
        PartyEvidence asOneSpeaker = new PartyEvidence("customer", SPEECH, MIXED.prosody(), WORDS, List.of());
        assertThat(SCORER.score(List.of(asOneSpeaker), List.of(), List.of(DEAD_AIR), 20.0).cues())
                .anySatisfy(c -> assertThat(c.kind()).isEqualTo("prosody"));
    }

    @Test
    void aNegativeMonoCallGetsTheCallLevelFlagsButNoPerPartyScoresFlagsOrTimeline() {
        SentimentResult r = SCORER.scoreMixed(MIXED, List.of(DEAD_AIR), 20.0);

        assertThat(r.call().label()).isEqualTo("negative");
        assertThat(r.call().flags()).containsExactly("escalation", "long-dead-air");
        assertThat(r.parties()).isEmpty();
        assertThat(r.timeline()).isEmpty();
    }

    @Test
    void theKeywordAndTheDeadAirAreCuedWithTheirTimes() {
        SentimentResult r = SCORER.scoreMixed(MIXED, List.of(DEAD_AIR), 20.0);

        assertThat(r.cues()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo("escalation");
            assertThat(c.party()).isEqualTo("mixed");
            assertThat(c.start()).isEqualTo(17.1);
            assertThat(c.text()).isEqualTo("'cancel' at 17.1 s (escalation keyword)");
        });
        assertThat(r.cues()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo("dead-air");
            assertThat(c.party()).isNull();
            assertThat(c.start()).isEqualTo(DEAD_AIR.start());
            assertThat(c.end()).isEqualTo(DEAD_AIR.end());
        });
    }

    @Test
    void shortDeadAirAndNoKeywordRaiseNoFlag() {
        PartyEvidence polite = new PartyEvidence("mixed", SPEECH, MIXED.prosody(), words("thanks@1.0", "goodbye@15.5"),
                List.of());

        SentimentResult r = SCORER.scoreMixed(polite, List.of(new Span(2.5, 5.5)), 20.0);

        assertThat(r.call().flags()).isEmpty();
    }

    @Test
    void aMonoCallWithNoSpeechHasNoSentiment() {
        PartyEvidence silent = new PartyEvidence("mixed", List.of(), MIXED.prosody(), List.of(), List.of());

        assertThat(SCORER.scoreMixed(silent, List.of(), 20.0).call()).isNull();
    }

    /** "word@start", each 0.25 s long. */
    private static List<Word> words(String... timed) {
        List<Word> out = new ArrayList<>();
        for (String w : timed) {
            String[] parts = w.split("@");
            double start = Double.parseDouble(parts[1]);
            out.add(new Word(parts[0], start, start + 0.25, 1.0));
        }
        return List.copyOf(out);
    }

    /** 150 Hz at -24 dBFS in the first spurt, 300 Hz at -6 dBFS in the second. */
    private static PartyProsody prosody() {
        short[] samples = new short[20 * RATE];
        for (int i = 0; i < samples.length; i++) {
            double t = (double) i / RATE;
            double hz = t < 10 ? 150 : 300;
            double amplitude = t >= 0.5 && t < 2.5 ? 2000 : t >= 15 && t < 18 ? 16000 : 0;
            samples[i] = (short) (amplitude * Math.sin(2 * Math.PI * hz * t));
        }
        return Prosody.measure(samples, RATE, SPEECH);
    }
}
