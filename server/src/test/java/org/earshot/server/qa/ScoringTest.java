package org.earshot.server.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoringTest {

    private static final Criterion GREETING = new Criterion("greeting", "Greets", 10,
            new AutoRule.AgentPhrase(List.of("thank you for calling"), 15));
    private static final Criterion EMPATHY = new Criterion("empathy", "Shows empathy", 30, null);
    private static final Criterion RESOLUTION = new Criterion("resolution", "Resolves", 60, null);

    private static final Scoring.Line GREETED = new Scoring.Line(GREETING, new AutoResult(true, "'thank you for calling' at 0.4 s"), 1.0, false);
    private static final Scoring.Line UNMEASURED = new Scoring.Line(GREETING, new AutoResult(null, "no transcript"), null, false);

    @Test
    void scoreIsWeightedOverTheCriteriaThatHaveAValue() {
        List<Scoring.Line> lines = List.of(GREETED, new Scoring.Line(EMPATHY, null, 0.0, false),
                new Scoring.Line(RESOLUTION, null, null, false));

        // 10 × 1 + 30 × 0 over weights 10 + 30; resolution is not scored yet and does not count.
        assertThat(Scoring.score(lines)).isEqualTo(25.0);
    }

    @Test
    void halfValuesCountHalfTheirWeight() {
        List<Scoring.Line> lines = List.of(GREETED, new Scoring.Line(EMPATHY, null, 0.5, false),
                new Scoring.Line(RESOLUTION, null, 0.5, false));

        assertThat(Scoring.score(lines)).isEqualTo(55.0);
    }

    @Test
    void scoreIsNullWhileNothingIsScored() {
        assertThat(Scoring.score(List.of(UNMEASURED, new Scoring.Line(EMPATHY, null, null, false)))).isNull();
    }

    @Test
    void valueOtherThanTheAutomaticResultIsAnOverride() {
        Scoring.Line line = GREETED.withValue(0.0);

        assertThat(line.value()).isEqualTo(0.0);
        assertThat(line.overridden()).isTrue();
        assertThat(line.auto().passed()).as("the automatic result stays visible").isTrue();
    }

    @Test
    void valueEqualToTheAutomaticResultIsNoOverride() {
        assertThat(GREETED.withValue(1.0).overridden()).isFalse();
    }

    @Test
    void nullValueTakesBackTheAutomaticResult() {
        Scoring.Line line = GREETED.withValue(0.0).withValue(null);

        assertThat(line.value()).isEqualTo(1.0);
        assertThat(line.overridden()).isFalse();
    }

    @Test
    void scoringAnUnmeasuredAutomaticCriterionByHandIsAnOverride() {
        Scoring.Line line = UNMEASURED.withValue(1.0);

        assertThat(line.value()).isEqualTo(1.0);
        assertThat(line.overridden()).isTrue();
    }

    @Test
    void draftTakesAutomaticResultsAndLeavesManualCriteriaUnscored() {
        Scorecard card = new Scorecard(1, "Test", true, List.of(GREETING, EMPATHY));

        List<Scoring.Line> lines = Scoring.draft(card, LabelledCalls.report("agitated-call", -0.6));

        assertThat(lines).extracting(Scoring.Line::value).containsExactly(1.0, null);
        assertThat(lines.get(1).auto()).isNull();
    }

    @Test
    void callWithoutAnalysisLeavesAutomaticCriteriaUnmeasured() {
        Scorecard card = new Scorecard(1, "Test", true, List.of(GREETING));

        assertThat(Scoring.draft(card, null).get(0).auto()).isEqualTo(new AutoResult(null, "call not analysed"));
    }

    @Test
    void criteriaNotNamedKeepTheirValues() {
        List<Scoring.Line> lines = List.of(GREETED.withValue(0.0), new Scoring.Line(EMPATHY, null, 1.0, false));

        List<Scoring.Line> applied = Scoring.apply(lines, Map.of("empathy", 0.5), 1);

        assertThat(applied).extracting(Scoring.Line::value).containsExactly(0.0, 0.5);
        assertThat(applied.get(0).overridden()).isTrue();
    }

    @Test
    void explicitNullClearsAManualValue() {
        Map<String, Double> values = new HashMap<>();
        values.put("empathy", null);

        List<Scoring.Line> applied = Scoring.apply(List.of(new Scoring.Line(EMPATHY, null, 1.0, false)), values, 1);

        assertThat(applied.get(0).value()).isNull();
    }

    @Test
    void unknownCriterionIsRefusedNamingTheScorecardsCriteria() {
        assertThatThrownBy(() -> Scoring.apply(List.of(GREETED), Map.of("politeness", 1.0), 3))
                .isInstanceOf(QaException.class)
                .hasMessage("scores: 'politeness' is not a criterion of scorecard 3 (greeting)");
    }
}
