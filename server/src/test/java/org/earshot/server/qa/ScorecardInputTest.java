package org.earshot.server.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.earshot.server.Json;
import org.junit.jupiter.api.Test;

class ScorecardInputTest {

    private final ObjectMapper json = Json.newMapper();

    @Test
    void criteriaWithEveryKindAreRead() throws Exception {
        ScorecardInput input = ScorecardInput.fromJson(json.readTree("""
                {"name": " Sales ", "criteria": [
                 {"id": "greeting", "label": "Greets", "weight": 10,
                  "auto": {"kind": "agent-phrase", "phrases": ["thank you for calling", "welcome"], "withinSeconds": 15}},
                 {"id": "close", "label": "Closes", "weight": 5, "auto": {"kind": "agent-phrase-anywhere", "phrases": ["anything else"]}},
                 {"id": "listen", "label": "Listens", "weight": 5, "auto": {"kind": "max-agent-interruptions", "max": 0}},
                 {"id": "silence", "label": "No silence", "weight": 5, "auto": {"kind": "max-dead-air-seconds", "max": 8.5}},
                 {"id": "mood", "label": "Happy customer", "weight": 5, "auto": {"kind": "min-customer-sentiment", "min": -0.2}},
                 {"id": "share", "label": "Lets them talk", "weight": 5, "auto": {"kind": "max-agent-talk-ratio", "max": 0.6}},
                 {"id": "empathy", "label": "Shows empathy", "weight": 20, "auto": null}]}"""));

        assertThat(input.name()).isEqualTo("Sales");
        assertThat(input.active()).isNull();
        assertThat(input.criteria()).extracting(Criterion::auto).containsExactly(
                new AutoRule.AgentPhrase(List.of("thank you for calling", "welcome"), 15),
                new AutoRule.AgentPhraseAnywhere(List.of("anything else")), new AutoRule.MaxAgentInterruptions(0),
                new AutoRule.MaxDeadAirSeconds(8.5), new AutoRule.MinCustomerSentiment(-0.2),
                new AutoRule.MaxAgentTalkRatio(0.6), null);
    }

    @Test
    void criteriaAreWrittenAsTheApiShowsThemAndReadBackTheSame() throws Exception {
        List<Criterion> criteria = List.of(new Criterion("greeting", "Greets within 15 s", 10,
                new AutoRule.AgentPhrase(List.of("thank you for calling", "welcome"), 15)),
                new Criterion("empathy", "Shows empathy", 20, null));

        JsonNode written = json.readTree(json.writeValueAsString(criteria));

        assertThat(written.get(0).get("auto").get("kind").asText()).isEqualTo("agent-phrase");
        assertThat(written.get(0).get("auto").get("withinSeconds").asDouble()).isEqualTo(15);
        assertThat(written.get(1).has("auto")).as("a manual criterion says auto: null").isTrue();
        assertThat(written.get(1).get("auto").isNull()).isTrue();
        assertThat(CriteriaJson.criteria(written, "criteria")).isEqualTo(criteria);
    }

    @Test
    void duplicateCriterionIdIsNamed() {
        assertThatThrownBy(() -> read("""
                {"name": "x", "criteria": [{"id": "a", "label": "A", "weight": 1}, {"id": "a", "label": "B", "weight": 1}]}"""))
                .isInstanceOf(QaException.class)
                .hasMessageStartingWith("criteria[1].id 'a' is used by another criterion");
    }

    @Test
    void weightMustBeAPositiveNumberOfAtMostAThousand() {
        assertThatThrownBy(() -> read("{\"name\": \"x\", \"criteria\": [{\"id\": \"a\", \"label\": \"A\", \"weight\": 0}]}"))
                .hasMessage("criteria[0].weight must be a number > 0 and <= 1000, was 0.0");
        assertThatThrownBy(() -> read("{\"name\": \"x\", \"criteria\": [{\"id\": \"a\", \"label\": \"A\", \"weight\": 1e308}]}"))
                .hasMessage("criteria[0].weight must be a number > 0 and <= 1000, was 1.0E308");
        assertThatThrownBy(() -> read("{\"name\": \"x\", \"criteria\": [{\"id\": \"a\", \"label\": \"A\", \"weight\": \"10\"}]}"))
                .hasMessage("criteria[0].weight must be a number, was \"10\"");
    }

    @Test
    void unknownAutomaticKindListsTheKnownOnes() {
        assertThatThrownBy(() -> read("""
                {"name": "x", "criteria": [{"id": "a", "label": "A", "weight": 1, "auto": {"kind": "shouting"}}]}"""))
                .hasMessageStartingWith("criteria[0].auto.kind must be one of agent-phrase, agent-phrase-anywhere,")
                .hasMessageEndingWith("was 'shouting'");
    }

    @Test
    void missingRuleParameterIsNamedWithItsPath() {
        assertThatThrownBy(() -> read("""
                {"name": "x", "criteria": [{"id": "a", "label": "A", "weight": 1,
                  "auto": {"kind": "agent-phrase", "phrases": ["hello"]}}]}"""))
                .hasMessage("criteria[0].auto.withinSeconds must be a number, was null");
        assertThatThrownBy(() -> read("""
                {"name": "x", "criteria": [{"id": "a", "label": "A", "weight": 1,
                  "auto": {"kind": "agent-phrase-anywhere", "phrases": []}}]}"""))
                .hasMessage("criteria[0].auto.phrases must list at least one phrase");
        assertThatThrownBy(() -> read("""
                {"name": "x", "criteria": [{"id": "a", "label": "A", "weight": 1,
                  "auto": {"kind": "max-agent-interruptions", "max": 1.5}}]}"""))
                .hasMessage("criteria[0].auto.max must be a whole number, was 1.5");
    }

    @Test
    void scorecardNeedsANameAndCriteria() {
        assertThatThrownBy(() -> read("{\"criteria\": []}")).hasMessageStartingWith("name must be text");
        assertThatThrownBy(() -> read("{\"name\": \"x\", \"criteria\": []}"))
                .hasMessage("criteria must have at least one criterion");
        assertThatThrownBy(() -> read("{\"name\": \"x\"}")).hasMessage("criteria must be a list of criteria");
        assertThatThrownBy(() -> read("{\"name\": \"x\", \"criteria\": [{\"id\": \"a\", \"weight\": 1}]}"))
                .hasMessage("criteria[0].label must be text, was null");
    }

    private ScorecardInput read(String body) throws Exception {
        return ScorecardInput.fromJson(json.readTree(body));
    }
}
