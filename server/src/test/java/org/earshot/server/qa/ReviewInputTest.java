package org.earshot.server.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReviewInputTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aMisspeltFieldIsRefusedRatherThanTheReviewHalfSaved() {
        assertThatThrownBy(() -> ReviewInput.fromJson(json.readTree("{\"values\": {\"empathy\": 1}, \"status\": \"reviewed\"}")))
                .isInstanceOf(QaException.class)
                .hasMessage("values is not a field here (known: scorecardId, scores, status)");
        assertThatThrownBy(() -> ReviewInput.fromJson(json.readTree(
                "{\"status\": \"reviewed\", \"scores\": [{\"criterionId\": \"greeting\", \"score\": 1}]}")))
                .hasMessage("scores[0].score is not a field here (known: criterionId, value)");
        assertThatThrownBy(() -> NoteInput.fromJson(json.readTree("{\"text\": \"x\", \"second\": 3}")))
                .hasMessage("second is not a field here (known: atSeconds, text)");
    }

    @Test
    void aWellFormedReviewIsRead() throws Exception {
        ReviewInput input = ReviewInput.fromJson(json.readTree(
                "{\"scorecardId\": 3, \"status\": \"reviewed\", \"scores\": [{\"criterionId\": \"greeting\", \"value\": 1}]}"));

        assertThat(input.status()).isEqualTo("reviewed");
    }
}
