package org.earshot.server.qa;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A review as a client saves it: {@code {"scorecardId", "status", "scores": [{"criterionId", "value"}]}}.
 *
 * @param scorecardId the scorecard to score against, or null for the review's own (or the active one)
 * @param status      to-review, reviewed or disputed
 * @param values      the values given, by criterion id: a number from 0 to 1, or null for "not scored"
 *                    (on an automatic criterion: take the automatic result). Criteria left out keep
 *                    what the review had.
 */
public record ReviewInput(Long scorecardId, String status, Map<String, Double> values) {

    /** The statuses a review can have. */
    public static final Set<String> STATUSES = Set.of("to-review", "reviewed", "disputed");

    public ReviewInput {
        // A copy that, unlike Map.copyOf, keeps the null values that mean "not scored".
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Reads and checks a request body; a mistake is a {@link QaException} naming the field. */
    public static ReviewInput fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw QaException.invalid("body must be a JSON object {\"scorecardId\", \"status\", \"scores\": [...]}");
        }
        QaException.requireKnownFields(body, "", java.util.Set.of("scorecardId", "status", "scores"));
        JsonNode id = body.get("scorecardId");
        if (id != null && !id.isNull() && !(id.isIntegralNumber() && id.canConvertToLong())) {
            throw QaException.invalid("scorecardId must be a scorecard's id, was " + id);
        }
        JsonNode status = body.get("status");
        if (status == null || !STATUSES.contains(status.asText())) {
            throw QaException.invalid("status must be to-review, reviewed or disputed, was " + status);
        }
        return new ReviewInput(id == null || id.isNull() ? null : id.asLong(), status.asText(), values(body.get("scores")));
    }

    private static Map<String, Double> values(JsonNode scores) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (scores == null || scores.isNull()) {
            return values;
        }
        if (!scores.isArray()) {
            throw QaException.invalid("scores must be a list of {\"criterionId\", \"value\"}, was " + scores);
        }
        for (int i = 0; i < scores.size(); i++) {
            JsonNode score = scores.get(i);
            String at = "scores[" + i + "]";
            if (!score.isObject() || !score.path("criterionId").isTextual()) {
                throw QaException.invalid(at + ".criterionId must be text, was " + score.get("criterionId"));
            }
            QaException.requireKnownFields(score, at, java.util.Set.of("criterionId", "value"));
            String criterion = score.get("criterionId").asText();
            JsonNode value = score.get("value");
            Double number = null;
            if (value != null && !value.isNull()) {
                if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
                    throw QaException.invalid(at + ".value must be a number from 0 to 1 or null, was " + value);
                }
                number = value.asDouble();
            }
            if (values.containsKey(criterion)) {
                throw QaException.invalid(at + ".criterionId '" + criterion + "' is scored twice");
            }
            values.put(criterion, number);
        }
        return values;
    }
}
