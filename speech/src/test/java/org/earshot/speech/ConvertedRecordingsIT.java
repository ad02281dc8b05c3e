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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated call as other tools write it, converted by sox from the 8 kHz µ-law original, is
 * analysed as well as the original: against the same ground truth ({@code generated-call.truth.json})
 * with the same tolerances as {@link CallAnalyzerIT}. The reader brings these rates to 16 kHz, a rate
 * every stage after it is tested at; times in the report stay the recording's seconds.
 */
class ConvertedRecordingsIT {

    static final Path CALLS = Path.of("src/test/resources/calls");
    /** Name of a converted copy, to sox's output options for it. */
    static final Map<String, String> COPIES = Map.of(
            "cd-24bit", "-r 44100 -b 24 -e signed-integer",
            "studio-float", "-r 48000 -b 32 -e floating-point",
            "old-8bit", "-r 22050 -b 8 -e unsigned-integer");
    static final Map<String, Integer> RATES = Map.of("cd-24bit", 44100, "studio-float", 48000, "old-8bit", 22050);

    @TempDir
    static Path tmp;
    static CallAnalyzer analyzer;
    static JsonNode truth;
    static AnalysisReport original;
    static final Map<String, AnalysisReport> reports = new LinkedHashMap<>();

    @BeforeAll
    static void convertAndAnalyseEachCopy() throws IOException {
        Prerequisites.require(Prerequisites.Need.SOX);
        analyzer = new CallAnalyzer(new SpeechSettings(null, Path.of("target/model-cache"), ChannelRoles.CUSTOMER_AGENT, 2));
        truth = new ObjectMapper().readTree(CALLS.resolve("generated-call.truth.json").toFile());
        original = analyzer.analyze(CALLS.resolve("generated-call.wav"));
        for (var copy : COPIES.entrySet()) {
            Path file = Sox.convert(CALLS.resolve("generated-call.wav"), tmp.resolve(copy.getKey() + ".wav"),
                    copy.getValue().split(" "));
            reports.put(copy.getKey(), analyzer.analyze(file));
        }
    }

    @AfterAll
    static void close() {
        if (analyzer != null) {
            analyzer.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cd-24bit", "studio-float", "old-8bit"})
    void talkSecondsOfEachPartyAreWithinFivePercentOfTheGeneratedClips(String copy) {
        for (String party : List.of("customer", "agent")) {
            double expected = truth.path("talkSeconds").path(party).asDouble();
            assertThat(reports.get(copy).parties().get(party).talkSeconds()).as(party)
                    .isCloseTo(expected, within(0.05 * expected));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cd-24bit", "studio-float", "old-8bit"})
    void theCustomersInterruptionAndTheAgentsBackchannelAreFoundWhereTheyAre(String copy) {
        AnalysisReport r = reports.get(copy);
        assertThat(r.overlaps()).hasSize(truth.path("overlaps").size());
        for (JsonNode expected : truth.path("overlaps")) {
            assertThat(r.overlaps()).as("overlap at %s", expected).anySatisfy(o -> {
                assertThat(o.by()).isEqualTo(expected.path("by").asText());
                assertThat(o.kind()).isEqualTo(expected.path("kind").asText());
                assertThat(o.start()).isCloseTo(expected.path("start").asDouble(), within(0.15));
                assertThat(o.end()).isCloseTo(expected.path("end").asDouble(), within(0.15));
            });
        }
        assertThat(r.parties().get("customer").interruptions()).isEqualTo(1);
        assertThat(r.parties().get("agent").backchannels()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cd-24bit", "studio-float", "old-8bit"})
    void theDeadAirGapIsFoundInTheRecordingsSeconds(String copy) {
        AnalysisReport r = reports.get(copy);
        JsonNode expected = truth.path("deadAir").get(0);
        assertThat(r.deadAir()).hasSize(truth.path("deadAir").size());
        assertThat(r.deadAir().get(0).start()).isCloseTo(expected.path("start").asDouble(), within(0.15));
        assertThat(r.deadAir().get(0).end()).isCloseTo(expected.path("end").asDouble(), within(0.15));
        assertThat(r.durationSeconds()).isCloseTo(truth.path("durationSeconds").asDouble(), within(0.01));
    }

    /**
     * The key phrase {@link CallAnalyzerIT} asserts, on the copies that hold at least the original's
     * detail. The 8-bit copy is left out: its quantisation noise (about 25 dB below this call's speech,
     * spread up to 8 kHz where the original has nothing) turns the phrase into "great feeling you go
     * much", and a 16 kHz 8-bit copy, read without any conversion, loses it the same way ("great and
     * you go much"), so that is the 8 bits, not the resampling. Its transcript as a whole is held to
     * the original's below.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cd-24bit", "studio-float"})
    void transcriptHasTheCustomersClosingWords(String copy) {
        assertThat(text(reports.get(copy), "customer")).contains("great thank you so much");
    }

    /**
     * Against the truth's texts, no more word errors than the 8 kHz original gets, give or take two
     * words (of 51): two renderings of the same speech can tip a borderline word either way.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cd-24bit", "studio-float", "old-8bit"})
    void transcriptHasNoMoreWordErrorsThanTheOriginals(String copy) {
        String reference = stream(truth.path("utterances")).map(u -> u.path("text").asText()).collect(Collectors.joining(" "));

        int originalErrors = WordErrors.count(reference, text(original));
        assertThat(WordErrors.count(reference, text(reports.get(copy)))).isLessThanOrEqualTo(originalErrors + 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cd-24bit", "studio-float", "old-8bit"})
    void transcriptHasOneSegmentPerUtteranceWithWordsTimedInsideIt(String copy) {
        AnalysisReport r = reports.get(copy);
        assertThat(r.transcript()).hasSize(truth.path("utterances").size());
        for (TranscriptSegment segment : r.transcript()) {
            assertThat(segment.words()).isNotEmpty().allSatisfy(w -> {
                assertThat(w.start()).isBetween(segment.start() - 0.25, segment.end() + 0.25);
                assertThat(w.end()).isGreaterThanOrEqualTo(w.start());
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cd-24bit", "studio-float", "old-8bit"})
    void theReportSaysTheRecordingWasResampled(String copy) {
        assertThat(reports.get(copy).notes())
                .contains("resampled from " + RATES.get(copy) + " Hz to 16000 Hz for analysis");
        for (PartyMetrics m : reports.get(copy).parties().values()) {
            assertThat(m).hasNoNullFieldsOrProperties();
        }
    }

    private static String text(AnalysisReport report) {
        return report.transcript().stream().map(TranscriptSegment::text).collect(Collectors.joining(" "));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static String text(AnalysisReport report, String party) {
        return report.transcript().stream().filter(s -> s.party().equals(party))
                .map(TranscriptSegment::text).collect(Collectors.joining(" "));
    }
}
