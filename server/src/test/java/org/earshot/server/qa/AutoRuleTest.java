package org.earshot.server.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.earshot.speech.AnalysisReport.TimelineWindow;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;
import org.junit.jupiter.api.Test;

class AutoRuleTest {

    // agitated-call: the agent greets at once, falls silent for 11 s, and is interrupted twice by the customer.
    private final AnalysisReport agitated = LabelledCalls.report("agitated-call", -0.6);
    // calm-call: "good morning thank you for calling", one "sure" from the agent over the customer, no dead air.
    private final AnalysisReport calm = LabelledCalls.report("calm-call", 0.5);

    @Test
    void greetingSaidInTimePassesWithItsTime() {
        AutoResult result = new AutoRule.AgentPhrase(List.of("thank you for calling", "welcome"), 15).evaluate(agitated);

        assertThat(result.passed()).isTrue();
        assertThat(result.evidence()).isEqualTo("'thank you for calling' at " + seconds(utteranceStart("agitated-call", "a1")));
    }

    @Test
    void phraseMatchIgnoresCaseOfThePhraseAndTheWords() {
        AnalysisReport shouted = withAgentWords(List.of(new Word("Good", 1.2, 1.5, 0.9), new Word("MORNING,", 1.5, 2.0, 0.9)));

        assertThat(new AutoRule.AgentPhrase(List.of("Good Morning"), 15).evaluate(shouted))
                .isEqualTo(new AutoResult(true, "'Good Morning' at 1.2 s"));
    }

    @Test
    void earliestOfSeveralPhrasesIsTheEvidence() {
        AutoResult result = new AutoRule.AgentPhrase(List.of("thank you for calling", "good morning"), 15).evaluate(calm);

        assertThat(result.evidence()).isEqualTo("'good morning' at " + seconds(utteranceStart("calm-call", "a1")));
    }

    @Test
    void phraseSaidTooLateFailsAndSaysWhen() {
        AutoResult result = new AutoRule.AgentPhrase(List.of("i understand"), 15).evaluate(agitated);

        assertThat(result.passed()).isFalse();
        assertThat(result.evidence()).isEqualTo("'i understand' only at " + seconds(utteranceStart("agitated-call", "a4"))
                + ", not within 15.0 s");
    }

    @Test
    void phraseAnywhereFindsItLateInTheCall() {
        assertThat(new AutoRule.AgentPhraseAnywhere(List.of("i understand")).evaluate(agitated))
                .isEqualTo(new AutoResult(true, "'i understand' at " + seconds(utteranceStart("agitated-call", "a4"))));
    }

    @Test
    void wordsOfTheCustomerDoNotCountForTheAgent() {
        // "cancel" and "supervisor" are the customer's words in this call.
        assertThat(new AutoRule.AgentPhraseAnywhere(List.of("cancel", "supervisor")).evaluate(agitated))
                .isEqualTo(new AutoResult(false, "agent never said 'cancel' or 'supervisor'"));
    }

    @Test
    void phraseMustBeConsecutiveWords() {
        // The agent says "i am sorry about that" and "check your account", never "sorry account".
        assertThat(new AutoRule.AgentPhraseAnywhere(List.of("sorry account")).evaluate(agitated).passed()).isFalse();
    }

    @Test
    void interruptionsByTheCustomerAreNotTheAgents() {
        assertThat(new AutoRule.MaxAgentInterruptions(0).evaluate(agitated))
                .isEqualTo(new AutoResult(true, "agent interrupted 0 times; limit 0"));
    }

    @Test
    void backchannelIsNotAnInterruption() {
        // calm-call's only overlap is the agent's "sure", a backchannel.
        assertThat(new AutoRule.MaxAgentInterruptions(0).evaluate(calm).passed()).isTrue();
    }

    @Test
    void agentInterruptionsOverTheLimitFailWithTheirTimes() {
        AnalysisReport report = report(List.of(new Overlap(12.0, 13.1, "agent", "interruption"),
                new Overlap(20.0, 20.4, "agent", "backchannel"), new Overlap(40.2, 41.0, "agent", "interruption"),
                new Overlap(50.0, 51.0, "customer", "interruption"), new Overlap(61.5, 62.5, "agent", "interruption")));

        assertThat(new AutoRule.MaxAgentInterruptions(0).evaluate(report))
                .isEqualTo(new AutoResult(false, "agent interrupted 3 times (12.0 s, 40.2 s, 61.5 s); limit 0"));
    }

    @Test
    void longestDeadAirOverTheLimitFails() {
        JsonNode gap = LabelledCalls.truth("agitated-call").get("deadAir").get(0);
        double length = gap.get("end").asDouble() - gap.get("start").asDouble();

        AutoResult result = new AutoRule.MaxDeadAirSeconds(10).evaluate(agitated);

        assertThat(result).isEqualTo(new AutoResult(false, "longest dead air " + seconds(length) + " at "
                + seconds(gap.get("start").asDouble()) + "; limit 10.0 s"));
    }

    @Test
    void callWithoutDeadAirPasses() {
        assertThat(new AutoRule.MaxDeadAirSeconds(10).evaluate(calm))
                .isEqualTo(new AutoResult(true, "no dead air of 3 s or more; limit 10.0 s"));
    }

    @Test
    void agentTalkRatioOverTheLimitFailsWithTheTalkTimes() {
        JsonNode talk = LabelledCalls.truth("agitated-call").get("talkSeconds");
        double agent = talk.get("agent").asDouble();
        double both = agent + talk.get("customer").asDouble();

        AutoResult result = new AutoRule.MaxAgentTalkRatio(0.5).evaluate(agitated);

        assertThat(result).isEqualTo(new AutoResult(false, String.format(Locale.ROOT,
                "agent spoke %.0f%% of the talk time (%.1f s of %.1f s); limit 50%%", 100 * agent / both, agent, both)));
    }

    @Test
    void customerSentimentBelowTheMinimumFailsAndShowsTheWorstWindow() {
        AnalysisReport report = new AnalysisReport("c.wav", 30, Map.of("left", "customer", "right", "agent"),
                Map.of("customer", sentiment(-0.62)), List.of(), 0.0, List.of(), 0.1, 0.5, null, List.of(),
                List.of(new TimelineWindow(0, 5, 0.1, 0.2), new TimelineWindow(20, 25, -0.8, 0.0)), List.of(), null);

        assertThat(new AutoRule.MinCustomerSentiment(-0.3).evaluate(report)).isEqualTo(new AutoResult(false,
                "customer sentiment -0.62, lowest -0.80 at 20.0 s–25.0 s; minimum -0.30"));
    }

    @Test
    void monoRecordingLeavesPartyCriteriaUnmeasured() {
        AnalysisReport mono = new AnalysisReport("m.wav", 30, Map.of("mono", "mixed"), Map.of(), null, null, List.of(),
                0.2, null, null, List.of(new TranscriptSegment("mixed", 1, 3, "thank you for calling",
                List.of(new Word("thank", 1.0, 1.3, 0.9)))), null, List.of("mono recording"), null);

        assertThat(new AutoRule.AgentPhrase(List.of("thank"), 15).evaluate(mono))
                .isEqualTo(new AutoResult(null, "no agent channel (mono recording)"));
        assertThat(new AutoRule.MaxAgentInterruptions(0).evaluate(mono).passed()).isNull();
        assertThat(new AutoRule.MaxAgentTalkRatio(0.6).evaluate(mono).passed()).isNull();
        assertThat(new AutoRule.MinCustomerSentiment(0).evaluate(mono))
                .isEqualTo(new AutoResult(null, "no customer sentiment measured"));
    }

    @Test
    void callWithoutTranscriptCannotBeCheckedForPhrases() {
        AnalysisReport report = report(List.of());

        assertThat(new AutoRule.AgentPhraseAnywhere(List.of("anything else")).evaluate(report))
                .isEqualTo(new AutoResult(null, "no transcript"));
    }

    @Test
    void ruleParametersAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> new AutoRule.AgentPhrase(List.of(" "), 15)).hasMessageStartingWith("phrases");
        assertThatThrownBy(() -> new AutoRule.AgentPhrase(List.of("hello"), 0)).hasMessageStartingWith("withinSeconds");
        assertThatThrownBy(() -> new AutoRule.MaxAgentTalkRatio(1.5)).hasMessageStartingWith("max");
        assertThatThrownBy(() -> new AutoRule.MinCustomerSentiment(-2)).hasMessageStartingWith("min");
    }

    private static double utteranceStart(String call, String id) {
        for (JsonNode u : LabelledCalls.truth(call).get("utterances")) {
            if (u.get("id").asText().equals(id)) {
                return u.get("start").asDouble();
            }
        }
        throw new IllegalArgumentException("no utterance " + id + " in " + call);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    private static PartyMetrics sentiment(double s) {
        return new PartyMetrics(10.0, null, null, null, null, null, null, null, 0, 0, s, null);
    }

    private static AnalysisReport report(List<Overlap> overlaps) {
        return new AnalysisReport("c.wav", 70, Map.of("left", "customer", "right", "agent"), Map.of(), overlaps, null,
                List.of(), 0.1, 0.5, null, null, null, List.of(), null);
    }

    private static AnalysisReport withAgentWords(List<Word> words) {
        return new AnalysisReport("c.wav", 30, Map.of("left", "customer", "right", "agent"), Map.of(), List.of(), null,
                List.of(), 0.1, 0.5, null, List.of(new TranscriptSegment("agent", words.get(0).start(),
                words.get(words.size() - 1).end(), "", words)), null, List.of(), null);
    }
}
