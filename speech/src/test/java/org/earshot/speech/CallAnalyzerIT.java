package org.earshot.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.earshot.speech.AnalysisReport.Cue;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.audio.Recording;
import org.earshot.speech.audio.RecordingReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real recordings through the real Vosk model. Expected values come from the generator's ground
 * truths ({@code calls/*.truth.json}, see src/test/scripts/make-test-call.sh) and from
 * the Asterisk capture's README and prompt texts (core-sounds-en.txt).
 */
class CallAnalyzerIT {

    static final Path CALLS = Path.of("src/test/resources/calls");
    static final Path ASTERISK = Path.of("src/test/resources/asterisk");
    /** Call S6: caller plays tt-monkeysintro / tt-weasels, agent agent-loginok, hello-world, demo-congrats. */
    static final Path S6_STEREO_RAW = ASTERISK.resolve("20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw");
    static final Path S6_MIXED_MONO = ASTERISK.resolve("20261123-002015-5550107-earshot-lab-1795393215.23.wav");
    /** Call S1b, 15 s: the same prompts, longer. */
    static final Path S1B_STEREO = ASTERISK.resolve("20261123-001811-5550102-earshot-lab-1795393091.5-stereo.converted.wav");

    static CallAnalyzer analyzer;
    static JsonNode truth;
    static AnalysisReport generated;

    @BeforeAll
    static void loadModelOnce() throws IOException {
        // target/ keeps the unpacked model between runs; the first run unpacks it from the jar
        analyzer = new CallAnalyzer(new SpeechSettings(null, Path.of("target/model-cache"), ChannelRoles.CUSTOMER_AGENT, 2));
        truth = truth("generated-call");
        generated = analyzer.analyze(CALLS.resolve("generated-call.wav"));
    }

    @AfterAll
    static void close() {
        analyzer.close();
    }

    @Test
    void talkSecondsOfEachPartyAreWithinFivePercentOfTheGeneratedClips() {
        for (String party : List.of("customer", "agent")) {
            double expected = truth.path("talkSeconds").path(party).asDouble();
            assertThat(generated.parties().get(party).talkSeconds()).as(party).isCloseTo(expected, within(0.05 * expected));
        }
    }

    @Test
    void theCustomersInterruptionAndTheAgentsBackchannelAreFound() {
        assertThat(generated.overlaps()).hasSize(truth.path("overlaps").size());
        for (JsonNode expected : truth.path("overlaps")) {
            assertThat(generated.overlaps()).as("overlap at %s", expected).anySatisfy(o -> {
                assertThat(o.by()).isEqualTo(expected.path("by").asText());
                assertThat(o.kind()).isEqualTo(expected.path("kind").asText());
                assertThat(o.start()).isCloseTo(expected.path("start").asDouble(), within(0.15));
                assertThat(o.end()).isCloseTo(expected.path("end").asDouble(), within(0.15));
            });
        }
        assertThat(generated.parties().get("customer").interruptions()).isEqualTo(1);
        assertThat(generated.parties().get("agent").backchannels()).isEqualTo(1);
    }

    @Test
    void theDeadAirGapIsFound() {
        assertThat(generated.deadAir()).hasSize(truth.path("deadAir").size());
        JsonNode expected = truth.path("deadAir").get(0);
        assertThat(generated.deadAir().get(0).start()).isCloseTo(expected.path("start").asDouble(), within(0.15));
        assertThat(generated.deadAir().get(0).end()).isCloseTo(expected.path("end").asDouble(), within(0.15));
    }

    @Test
    void callLevelRatiosFollowFromTheTalkSpans() {
        double customer = truth.path("talkSeconds").path("customer").asDouble();
        double agent = truth.path("talkSeconds").path("agent").asDouble();
        assertThat(generated.agentTalkRatio()).isCloseTo(agent / (agent + customer), within(0.02));
        assertThat(generated.overlapsPerMinute()).isCloseTo(truth.path("overlaps").size() / (generated.durationSeconds() / 60), within(0.01));
        assertThat(generated.durationSeconds()).isCloseTo(truth.path("durationSeconds").asDouble(), within(0.01));
        assertThat(generated.channels()).containsExactly(Map.entry("left", "customer"), Map.entry("right", "agent"));
    }

    @Test
    void everyPartyMetricIsMeasuredOnAStereoCallWithSpeechOnBothSides() {
        for (PartyMetrics m : generated.parties().values()) {
            assertThat(m).hasNoNullFieldsOrProperties();
            assertThat(m.sentiment()).isBetween(-1.0, 1.0);
        }
        assertThat(generated.sentiment()).isNotNull();
        assertThat(generated.timeline()).isNotEmpty();
        assertThat(generated.cues()).isNotNull();
    }

    @Test
    void eachPartysSpurtsAddUpToItsTalkSeconds() {
        for (PartyMetrics m : generated.parties().values()) {
            double sum = m.spurts().stream().mapToDouble(s -> s.end() - s.start()).sum();
            assertThat(m.talkSeconds()).isCloseTo(sum, within(0.011));
        }
    }

    @Test
    void transcriptHasOneSegmentPerUtteranceWithWordsInsideTheirSegment() {
        assertThat(generated.transcript()).hasSize(truth.path("utterances").size());
        for (TranscriptSegment segment : generated.transcript()) {
            assertThat(segment.words()).isNotEmpty().allSatisfy(w -> {
                assertThat(w.start()).isBetween(segment.start() - 0.25, segment.end() + 0.25);
                assertThat(w.end()).isGreaterThanOrEqualTo(w.start());
                assertThat(w.confidence()).isBetween(0.0, 1.0);
            });
        }
        assertThat(text(generated, "customer")).contains("great thank you so much");
    }

    @Test
    void asteriskPromptsAreTranscribedOnTheirParty() throws IOException {
        AnalysisReport report = analyzer.analyze(S6_STEREO_RAW);

        assertThat(text(report, "agent")).contains("hello world");
        assertThat(text(report, "customer")).contains("weasels").doesNotContain("hello");
    }

    @Test
    void longerAsteriskCallHasBothCustomerPromptsAndTheAgentsGreeting() throws IOException {
        AnalysisReport report = analyzer.analyze(S1B_STEREO);

        assertThat(text(report, "customer")).contains("carried away by monkeys", "weasels have eaten");
        assertThat(text(report, "agent")).contains("hello world", "congratulations");
    }

    @Test
    void theSameRecordingAlwaysGetsTheSameTranscriptWhileBothPartiesDecodeAtOnce() throws IOException {
        // Kaldi's own dither drew from one process-wide sequence, so which thread drew first changed words
        List<String> first = analyzer.analyze(S1B_STEREO).transcript().stream().map(TranscriptSegment::text).toList();

        for (int i = 0; i < 4; i++) {
            assertThat(analyzer.analyze(S1B_STEREO).transcript()).extracting(TranscriptSegment::text)
                    .as("analysis %d", i + 2).isEqualTo(first);
        }
    }

    @Test
    void channelRolesOfTheCallDecideWhoIsWho() throws IOException {
        AnalysisReport report = analyzer.analyze(S6_STEREO_RAW, new ChannelRoles(Party.AGENT, Party.CUSTOMER));

        assertThat(report.channels()).containsEntry("left", "agent").containsEntry("right", "customer");
        assertThat(text(report, "customer")).contains("hello world");
    }

    @Test
    void monoRecordingHasNoPartyMetricsButACallSentimentFromItsWordsAndSaysWhy() throws IOException {
        AnalysisReport report = analyzer.analyze(S6_MIXED_MONO);

        assertThat(report.channels()).containsExactly(Map.entry("mono", "mixed"));
        assertThat(report.parties()).isEmpty();
        assertThat(report.overlaps()).isNull();
        assertThat(report.overlapsPerMinute()).isNull();
        assertThat(report.agentTalkRatio()).isNull();
        assertThat(report.timeline()).isNull();
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).startsWith("mono recording").contains("from its words alone"));
        assertThat(report.transcript()).isNotEmpty().allSatisfy(s -> assertThat(s.party()).isEqualTo("mixed"));
        assertThat(report.silenceRatio()).isBetween(0.0, 1.0);
        // 6 s of Asterisk prompts: no escalation keyword, no room for 10 s of dead air
        assertThat(report.sentiment()).isNotNull();
        assertThat(report.sentiment().flags()).isEmpty();
        assertThat(report.cues()).noneSatisfy(c -> assertThat(c.kind()).isIn("prosody", "interruption"));
    }

    /**
     * In the plain mono mix of this call every escalation keyword is said over the agent, and Vosk on
     * one mixed channel does not hear them (speech/README.md, "Mono recordings"). Here the agent stops
     * talking when the caller cuts in the second time, so "cancel" and "supervisor" are said in the clear.
     */
    @Test
    void monoCallWithAnEscalationKeywordIsFlaggedWithACueWhereTheKeywordWasSaid(@TempDir Path tmp) throws IOException {
        JsonNode agitated = truth("agitated-call");
        double callerCutsIn = utterance(agitated, "c3").path("start").asDouble();

        AnalysisReport report = analyzer.analyze(monoMix("agitated-call", tmp, callerCutsIn));

        assertThat(report.sentiment().flags()).contains("escalation")
                .doesNotContain("customer-negative", "agent-negative", "frequent-interruptions");
        List<Cue> escalations = report.cues().stream().filter(c -> c.kind().equals("escalation")).toList();
        assertThat(escalations).isNotEmpty().allSatisfy(c -> {
            assertThat(c.party()).isEqualTo("mixed");
            String keyword = c.text().substring(1, c.text().indexOf('\'', 1)); // "'cancel' at 27.6 s (...)"
            assertThat(agitated.path("utterances")).as("an utterance saying '%s' around %.1f s", keyword, c.start())
                    .anySatisfy(u -> {
                        assertThat(List.of(u.path("text").asText().split(" "))).contains(keyword);
                        assertThat(c.start()).isBetween(u.path("start").asDouble() - 0.3, u.path("end").asDouble() + 0.3);
                    });
        });
    }

    @Test
    void monoMixOfTheAgitatedCallIsFlaggedForItsLongDeadAir(@TempDir Path tmp) throws IOException {
        JsonNode gap = truth("agitated-call").path("deadAir").get(0);
        assertThat(gap.path("end").asDouble() - gap.path("start").asDouble()).as("the generator's gap")
                .isGreaterThanOrEqualTo(SpeechSettings.Sentiment.DEFAULTS.longDeadAirSeconds());

        AnalysisReport report = analyzer.analyze(monoMix("agitated-call", tmp));

        assertThat(report.deadAir()).singleElement().satisfies(d -> {
            assertThat(d.start()).isCloseTo(gap.path("start").asDouble(), within(0.15));
            assertThat(d.end()).isCloseTo(gap.path("end").asDouble(), within(0.15));
        });
        assertThat(report.sentiment().flags()).contains("long-dead-air");
        assertThat(report.cues()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo("dead-air");
            assertThat(c.start()).isEqualTo(report.deadAir().get(0).start());
            assertThat(c.end()).isEqualTo(report.deadAir().get(0).end());
        });
    }

    @Test
    void monoMixOfTheCalmCallIsPositiveByItsWordsAndUnflagged(@TempDir Path tmp) throws IOException {
        AnalysisReport report = analyzer.analyze(monoMix("calm-call", tmp));

        assertThat(report.sentiment().label()).isEqualTo("positive");
        assertThat(report.sentiment().flags()).isEmpty();
    }

    @Test
    void fileThatIsNotAudioFailsWithItsNameAndReason(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("call-42.wav"), "<html>not found</html>");

        assertThatThrownBy(() -> analyzer.analyze(file))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining("call-42.wav")
                .hasMessageContaining("not a RIFF/WAVE file");
    }

    /**
     * Vosk itself is not bit-for-bit repeatable when several recognisers run at once (a word's
     * confidence moves by a few hundredths, a low-confidence word may change), so the transcript is
     * compared by its segments and key words; everything Earshot computes must be identical.
     */
    @Test
    void concurrentAnalysesGiveTheSameReportsAsOneAtATime() throws Exception {
        AnalysisReport alone = withoutWords(analyzer.analyze(S6_STEREO_RAW));
        ExecutorService workers = Executors.newFixedThreadPool(3);
        try {
            List<Future<AnalysisReport>> reports = List.of(
                    workers.submit(() -> analyzer.analyze(S6_STEREO_RAW)),
                    workers.submit(() -> analyzer.analyze(S6_STEREO_RAW)),
                    workers.submit(() -> analyzer.analyze(S6_STEREO_RAW)));
            for (Future<AnalysisReport> report : reports) {
                assertThat(withoutWords(report.get())).isEqualTo(alone);
                assertThat(text(report.get(), "agent")).contains("hello world");
            }
        } finally {
            workers.shutdown();
        }
    }

    @Test
    void aClosedAnalyzerRefusesWork() {
        CallAnalyzer closed = new CallAnalyzer(new SpeechSettings(null, Path.of("target/model-cache"), ChannelRoles.CUSTOMER_AGENT, 1));
        closed.close();

        assertThatThrownBy(() -> closed.analyze(S6_STEREO_RAW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aModelDirThatIsNotAVoskModelIsRefusedAtConstruction(@TempDir Path tmp) {
        assertThatThrownBy(() -> new CallAnalyzer(new SpeechSettings(tmp, tmp, ChannelRoles.CUSTOMER_AGENT, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(tmp.toAbsolutePath().toString())
                .hasMessageContaining("not a Vosk model folder");
    }

    /** The generated call as a mono recording would hold it: both legs summed at half level each, as {@code sox -m} mixes. */
    private static Path monoMix(String call, Path dir) throws IOException {
        return monoMix(call, dir, Double.POSITIVE_INFINITY);
    }

    /** The same, with the agent's leg (right) silent from {@code agentStopsAt} seconds on. */
    private static Path monoMix(String call, Path dir, double agentStopsAt) throws IOException {
        Recording stereo = RecordingReader.read(CALLS.resolve(call + ".wav"));
        short[] customer = stereo.channel(0);
        short[] agent = stereo.channel(1);
        long agentStops = (long) Math.min(stereo.frames(), agentStopsAt * stereo.sampleRate());
        return TestWavs.write(dir.resolve(call + "-mono.wav"), 1, stereo.sampleRate(), stereo.frames(),
                (c, i) -> (short) ((customer[(int) i] + (i < agentStops ? agent[(int) i] : 0)) / 2));
    }

    private static JsonNode utterance(JsonNode truth, String id) {
        for (JsonNode u : truth.path("utterances")) {
            if (u.path("id").asText().equals(id)) {
                return u;
            }
        }
        throw new AssertionError("no utterance " + id + " in " + truth.path("file").asText());
    }

    private static JsonNode truth(String call) throws IOException {
        return new ObjectMapper().readTree(CALLS.resolve(call + ".truth.json").toFile());
    }

    private static AnalysisReport withoutWords(AnalysisReport r) {
        List<TranscriptSegment> segments = r.transcript().stream()
                .map(s -> new TranscriptSegment(s.party(), s.start(), s.end(), "", List.of())).toList();
        Map<String, PartyMetrics> parties = r.parties().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> {
            PartyMetrics m = e.getValue();
            return new PartyMetrics(m.talkSeconds(), null, m.syllablesPerSecond(), m.pitchMedianHz(), m.pitchSdSemitones(),
                    m.pitchRangeSemitones(), m.intonationShiftsPerMinute(), m.loudnessDb(), m.interruptions(),
                    m.backchannels(), null, m.spurts());
        }));
        // sentiment reads the words, so it may move with them
        return new AnalysisReport(r.file(), r.durationSeconds(), r.channels(), parties, r.overlaps(), r.overlapsPerMinute(),
                r.deadAir(), r.silenceRatio(), r.agentTalkRatio(), null, segments, null, r.notes(), null);
    }

    private static String text(AnalysisReport report, String party) {
        return report.transcript().stream().filter(s -> s.party().equals(party))
                .map(TranscriptSegment::text).collect(Collectors.joining(" "));
    }
}
