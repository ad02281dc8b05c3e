package org.earshot.server.qa;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A scorecard as a client sends it: {@code {"name", "criteria": [...], "active"}}.
 *
 * @param active true or false, or null to keep the current value (a new scorecard is active)
 */
public record ScorecardInput(String name, List<Criterion> criteria, Boolean active) {

    public ScorecardInput {
        criteria = List.copyOf(criteria);
    }

    /** Reads and checks a request body; a mistake is a {@link QaException} naming the field. */
    public static ScorecardInput fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw QaException.invalid("body must be a JSON object {\"name\", \"criteria\": [...], \"active\"}");
        }
        QaException.requireKnownFields(body, "", java.util.Set.of("name", "criteria", "active"));
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank() || name.asText().length() > 200) {
            throw QaException.invalid("name must be text of 1-200 characters, was " + name);
        }
        JsonNode active = body.get("active");
        if (active != null && !active.isNull() && !active.isBoolean()) {
            throw QaException.invalid("active must be true or false, was " + active);
        }
        return new ScorecardInput(name.asText().strip(), CriteriaJson.criteria(body.get("criteria"), "criteria"),
                active == null || active.isNull() ? null : active.asBoolean());
    }
}
