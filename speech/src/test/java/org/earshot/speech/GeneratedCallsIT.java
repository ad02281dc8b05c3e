package org.earshot.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.speech.AnalysisReport.Cue;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every per-party metric against the ground truth the generator wrote for its calls
 * (src/test/scripts/make-test-call.sh): talk from the clip lengths, words from the texts,
 * syllables from espeak-ng's phonemes, overlaps and dead air from the placements, mood from the
 * way each caller was synthesised.
 */
class GeneratedCallsIT {

    static final Path CALLS = Path.of("src/test/resources/calls");
    static final List<String> PARTIES = List.of("customer", "agent");
    static CallAnalyzer analyzer;
    static final Map<String, AnalysisReport> reports = new LinkedHashMap<>();
    static final Map<String, JsonNode> truths = new LinkedHashMap<>();

    /*
     * speech/README.md ("Accuracy") claims the worst relative error over the three calls' six parties;
     * each test allows that plus a stated margin, no more. The analysis is deterministic (the
     * transcriber's dither is seeded), so the margins cover another machine's floating point only.
     */
    /** Talk seconds: claimed 0.6 %; margin 0.15 point, one 10 ms frame of the shortest party's 6.6 s. */
    static final double TALK_CLAIM = 0.006;
    static final double TALK_MARGIN = 0.0015;
    /** Words per minute: claimed 8.3 % (agitated customer); margin 1 point, under one word of that party's 37. */
    static final double WPM_CLAIM = 0.083;
    static final double WPM_MARGIN = 0.01;
    /** Syllables per second: claimed 12.3 % (calm customer); margin 0.5 point, under one syllable of that party's 32. */
    static final double SYLLABLES_CLAIM = 0.123;
    static final double SYLLABLES_MARGIN = 0.005;

    @BeforeAll
    static void analyseEveryGeneratedCall() throws IOException {
        analyzer = new CallAnalyzer(new SpeechSettings(null, Path.of("target/model-cache"), ChannelRoles.CUSTOMER_AGENT, 2));
        for (String call : List.of("generated-call", "calm-call", "agitated-call")) {
            truths.put(call, new ObjectMapper().readTree(CALLS.resolve(call + ".truth.json").toFile()));
            reports.put(call, analyzer.analyze(CALLS.resolve(call + ".wav")));
        }
        reports.forEach((call, r) -> PARTIES.forEach(p -> {
            PartyMetrics m = r.parties().get(p);
            JsonNode t = truths.get(call);
            double talk = t.path("talkSeconds").path(p).asDouble();
            double wpm = t.path("words").path(p).asInt() / (talk / 60);
            double sps = t.path("syllables").path(p).asInt() / talk;
            System.out.printf("%s %s: talk %.2f (truth %.2f, %+.2f %%), wpm %.1f (truth %.1f, %+.2f %%), syll/s %.2f"
                            + " (truth %.2f, %+.2f %%), pitch %.0f Hz, loudness %.1f dB, sentiment %.2f%n", call, p,
                    m.talkSeconds(), talk, 100 * (m.talkSeconds() / talk - 1), m.wordsPerMinute(), wpm,
                    100 * (m.wordsPerMinute() / wpm - 1), m.syllablesPerSecond(), sps, 100 * (m.syllablesPerSecond() / sps - 1),
                    m.pitchMedianHz(), m.loudnessDb(), m.sentiment());
        }));
        reports.forEach((call, r) -> System.out.printf("%s: %s%n  cues %s%n", call, r.sentiment(), r.cues()));
    }

    @AfterAll
    static void close() {
        analyzer.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"generated-call", "calm-call", "agitated-call"})
    void talkSecondsAreWithinTheClaimedErrorOfTheClips(String call) {
        for (String p : PARTIES) {
            double expected = truths.get(call).path("talkSeconds").path(p).asDouble();
            assertThat(reports.get(call).parties().get(p).talkSeconds()).as(p)
                    .isCloseTo(expected, within((TALK_CLAIM + TALK_MARGIN) * expected));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"generated-call", "calm-call", "agitated-call"})
    void wordsPerMinuteAreWithinTheClaimedErrorOfTheTextsOverTheClips(String call) {
        for (String p : PARTIES) {
            JsonNode t = truths.get(call);
            double expected = t.path("words").path(p).asInt() / (t.path("talkSeconds").path(p).asDouble() / 60);
            assertThat(reports.get(call).parties().get(p).wordsPerMinute()).as(p)
                    .isCloseTo(expected, within((WPM_CLAIM + WPM_MARGIN) * expected));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"generated-call", "calm-call", "agitated-call"})
    void syllablesPerSecondAreWithinTheClaimedErrorOfTheSpokenSyllables(String call) {
        for (String p : PARTIES) {
            JsonNode t = truths.get(call);
            double expected = t.path("syllables").path(p).asInt() / t.path("talkSeconds").path(p).asDouble();
            assertThat(reports.get(call).parties().get(p).syllablesPerSecond()).as(p)
                    .isCloseTo(expected, within((SYLLABLES_CLAIM + SYLLABLES_MARGIN) * expected));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"generated-call", "calm-call", "agitated-call"})
    void overlapsAreFoundWithTheirPartyAndKind(String call) {
        JsonNode expected = truths.get(call).path("overlaps");
        AnalysisReport r = reports.get(call);
        assertThat(r.overlaps()).hasSize(expected.size());
        for (JsonNode o : expected) {
            assertThat(r.overlaps()).as("overlap %s", o).anySatisfy(found -> {
                assertThat(found.by()).isEqualTo(o.path("by").asText());
                assertThat(found.kind()).isEqualTo(o.path("kind").asText());
                assertThat(found.start()).isCloseTo(o.path("start").asDouble(), within(0.15));
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"generated-call", "calm-call", "agitated-call"})
    void deadAirIsFoundWhereTheGeneratorLeftIt(String call) {
        JsonNode expected = truths.get(call).path("deadAir");
        AnalysisReport r = reports.get(call);
        assertThat(r.deadAir()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(r.deadAir().get(i).start()).isCloseTo(expected.get(i).path("start").asDouble(), within(0.15));
            assertThat(r.deadAir().get(i).end()).isCloseTo(expected.get(i).path("end").asDouble(), within(0.15));
        }
    }

    @Test
    void theCalmCallerScoresAboveTheAgitatedOne() {
        double calm = reports.get("calm-call").parties().get("customer").sentiment();
        double agitated = reports.get("agitated-call").parties().get("customer").sentiment();
        assertThat(calm).isGreaterThan(agitated + 0.5);
        assertThat(reports.get("calm-call").sentiment().label()).isEqualTo("positive");
        assertThat(reports.get("agitated-call").sentiment().label()).isEqualTo("negative");
    }

    @Test
    void theAgitatedCallIsFlaggedForItsNegativeCallerEscalationAndLongDeadAir() {
        assertThat(reports.get("agitated-call").sentiment().flags())
                .contains("customer-negative", "escalation", "long-dead-air", "frequent-interruptions");
        assertThat(reports.get("calm-call").sentiment().flags()).isEmpty();
    }

    @Test
    void cuesNameTheRaisedVoiceAndTheEscalationWordsWithTheirTimes() {
        JsonNode c3 = utterance("agitated-call", "c3");
        List<Cue> cues = reports.get("agitated-call").cues();
        assertThat(cues).anySatisfy(c -> {
            assertThat(c.party()).isEqualTo("customer");
            assertThat(c.kind()).isEqualTo("prosody");
            assertThat(c.text()).contains("pitch +").contains("above own baseline");
            assertThat(c.start()).isCloseTo(c3.path("start").asDouble(), within(0.3));
        });
        assertThat(cues).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo("escalation");
            assertThat(c.text()).containsAnyOf("'cancel' at", "'supervisor' at");
            assertThat(c.start()).isBetween(c3.path("start").asDouble(), c3.path("end").asDouble());
        });
        assertThat(cues).anySatisfy(c -> assertThat(c.kind()).isEqualTo("interruption"));
        assertThat(cues).isSortedAccordingTo((a, b) -> Double.compare(a.start(), b.start()));
    }

    @Test
    void theTimelineShowsWhereTheAgitatedCallTurned() {
        AnalysisReport r = reports.get("agitated-call");
        double c1 = utterance("agitated-call", "c1").path("start").asDouble();
        double c3 = utterance("agitated-call", "c3").path("start").asDouble();
        Double early = r.timeline().stream().filter(w -> w.start() <= c1 && c1 < w.end()).findFirst().orElseThrow().customerSentiment();
        Double late = r.timeline().stream().filter(w -> w.start() <= c3 && c3 < w.end()).findFirst().orElseThrow().customerSentiment();
        assertThat(late).isLessThan(early);
        assertThat(r.timeline().get(r.timeline().size() - 1).end()).isEqualTo(r.durationSeconds());
    }

    @Test
    void timelinePitchRisesWhereTheCustomerSpeaksHigherAndIsAbsentWhereTheyAreSilent() {
        AnalysisReport r = reports.get("agitated-call");
        // c1 is spoken at espeak pitch 45, c3 at 85: the window holding c3 must carry the higher customer pitch.
        double c1 = (utterance("agitated-call", "c1").path("start").asDouble() + utterance("agitated-call", "c1").path("end").asDouble()) / 2;
        double c3 = (utterance("agitated-call", "c3").path("start").asDouble() + utterance("agitated-call", "c3").path("end").asDouble()) / 2;
        Double low = r.timeline().stream().filter(w -> w.start() <= c1 && c1 < w.end()).findFirst().orElseThrow().customerPitchHz();
        Double high = r.timeline().stream().filter(w -> w.start() <= c3 && c3 < w.end()).findFirst().orElseThrow().customerPitchHz();
        assertThat(low).isNotNull();
        assertThat(high).isGreaterThan(low * 1.2);
        // Between c1 and c2 the customer says nothing, so no window wholly inside that gap has a customer pitch.
        double quietFrom = utterance("agitated-call", "c1").path("end").asDouble();
        double quietTo = utterance("agitated-call", "c2").path("start").asDouble();
        assertThat(r.timeline()).filteredOn(w -> w.start() >= quietFrom && w.end() <= quietTo)
                .isNotEmpty()
                .allSatisfy(w -> assertThat(w.customerPitchHz()).isNull());
    }

    private static JsonNode utterance(String call, String id) {
        for (JsonNode u : truths.get(call).path("utterances")) {
            if (u.path("id").asText().equals(id)) {
                return u;
            }
        }
        throw new AssertionError("no utterance " + id + " in " + call);
    }
}
