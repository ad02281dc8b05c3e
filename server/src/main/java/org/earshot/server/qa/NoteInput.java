package org.earshot.server.qa;

import com.fasterxml.jackson.databind.JsonNode;

/** A note as a client sends it: {@code {"atSeconds": 12.5, "text": "..."}}. */
public record NoteInput(Double atSeconds, String text) {

    static final int MAX_TEXT = 2000;

    /** Reads and checks a request body; a mistake is a {@link QaException} naming the field. */
    public static NoteInput fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw QaException.invalid("body must be a JSON object {\"atSeconds\", \"text\"}");
        }
        QaException.requireKnownFields(body, "", java.util.Set.of("atSeconds", "text"));
        JsonNode at = body.get("atSeconds");
        Double atSeconds = null;
        if (at != null && !at.isNull()) {
            if (!at.isNumber() || !(at.asDouble() >= 0) || Double.isInfinite(at.asDouble())) {
                throw QaException.invalid("atSeconds must be a number of seconds >= 0 or null, was " + at);
            }
            atSeconds = at.asDouble();
        }
        JsonNode text = body.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()
                || text.asText().codePointCount(0, text.asText().length()) > MAX_TEXT) {
            throw QaException.invalid("text must be 1-" + MAX_TEXT + " characters, was "
                    + (text == null || !text.isTextual() ? text : text.asText().length() + " characters"));
        }
        return new NoteInput(atSeconds, text.asText());
    }
}
