package org.earshot.server.qa;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads criteria from JSON, for the API and for stored scorecards alike. A mistake is a
 * {@link QaException} whose message starts with the path of the bad field, e.g.
 * {@code criteria[2].auto.withinSeconds must be a number}.
 */
final class CriteriaJson {

    private CriteriaJson() {
    }

    static List<Criterion> criteria(JsonNode array, String path) {
        if (array == null || !array.isArray()) {
            throw QaException.invalid(path + " must be a list of criteria");
        }
        if (array.isEmpty()) {
            throw QaException.invalid(path + " must have at least one criterion");
        }
        List<Criterion> criteria = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String at = path + "[" + i + "]";
            Criterion criterion = criterion(array.get(i), at);
            if (!ids.add(criterion.id())) {
                throw QaException.invalid(at + ".id '" + criterion.id() + "' is used by another criterion: ids must be unique");
            }
            criteria.add(criterion);
        }
        return List.copyOf(criteria);
    }

    static Criterion criterion(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw QaException.invalid(path + " must be an object {\"id\", \"label\", \"weight\", \"auto\"}");
        }
        AutoRule auto = node.hasNonNull("auto") ? auto(node.get("auto"), path + ".auto") : null;
        return build(path, () -> new Criterion(text(node, "id", path), text(node, "label", path),
                number(node, "weight", path), auto));
    }

    private static AutoRule auto(JsonNode node, String path) {
        if (!node.isObject()) {
            throw QaException.invalid(path + " must be null or an object with a kind, one of " + String.join(", ", AutoRule.KINDS));
        }
        String kind = node.path("kind").asText("");
        return build(path, () -> switch (kind) {
            case "agent-phrase" -> new AutoRule.AgentPhrase(phrases(node, path), number(node, "withinSeconds", path));
            case "agent-phrase-anywhere" -> new AutoRule.AgentPhraseAnywhere(phrases(node, path));
            case "max-agent-interruptions" -> new AutoRule.MaxAgentInterruptions(wholeNumber(node, "max", path));
            case "max-dead-air-seconds" -> new AutoRule.MaxDeadAirSeconds(number(node, "max", path));
            case "min-customer-sentiment" -> new AutoRule.MinCustomerSentiment(number(node, "min", path));
            case "max-agent-talk-ratio" -> new AutoRule.MaxAgentTalkRatio(number(node, "max", path));
            default -> throw QaException.invalid(path + ".kind must be one of " + String.join(", ", AutoRule.KINDS)
                    + ", was '" + node.path("kind").asText() + "'");
        });
    }

    /** Runs a record constructor; its messages start with the field name, so the path goes in front. */
    private static <T> T build(String path, java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw QaException.invalid(path + "." + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw QaException.invalid(path + "." + field + " must be text, was " + value);
        }
        return value.asText();
    }

    private static double number(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw QaException.invalid(path + "." + field + " must be a number, was " + value);
        }
        return value.asDouble();
    }

    private static int wholeNumber(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw QaException.invalid(path + "." + field + " must be a whole number, was " + value);
        }
        return value.asInt();
    }

    private static List<String> phrases(JsonNode node, String path) {
        JsonNode value = node.get("phrases");
        if (value == null || !value.isArray()) {
            throw QaException.invalid(path + ".phrases must be a list of phrases, was " + value);
        }
        List<String> phrases = new ArrayList<>();
        for (JsonNode phrase : value) {
            if (!phrase.isTextual()) {
                throw QaException.invalid(path + ".phrases must hold text only, found " + phrase);
            }
            phrases.add(phrase.asText());
        }
        return phrases;
    }
}
