package org.earshot.telephony;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Prompts and timing of the post-call survey. Prompts are Asterisk sound names (no extension; several
 * joined with {@code &} play in a row). The core sounds have no survey questions, so the defaults are a
 * beep before each question: record your own (e.g. {@code custom/earshot-csat}) and set them here.
 *
 * <p>Defaults (all in Asterisk's core sounds): intro {@code beep}, csat / nps / ces {@code beep}, invalid
 * {@code option-is-invalid}, thanks {@code auth-thankyou}; 5 s to answer each question.
 *
 * @param intro         played once before the first question
 * @param csat          "rate us 1 to 5"
 * @param nps           "how likely 0 to 10, then #"
 * @param ces           "how easy 1 to 7"
 * @param invalid       played before the one retry after an invalid answer
 * @param thanks        played at the end
 * @param answerTimeout how long Asterisk waits for a key after a question (GET DATA timeout)
 */
public record SurveySettings(String intro, String csat, String nps, String ces, String invalid, String thanks,
                             Duration answerTimeout) {

    public static final SurveySettings DEFAULTS = new SurveySettings("beep", "beep", "beep", "beep",
            "option-is-invalid", "auth-thankyou", Duration.ofSeconds(5));

    public SurveySettings {
        prompt("survey.prompt.intro", intro);
        prompt("survey.prompt.csat", csat);
        prompt("survey.prompt.nps", nps);
        prompt("survey.prompt.ces", ces);
        prompt("survey.prompt.invalid", invalid);
        prompt("survey.prompt.thanks", thanks);
        Objects.requireNonNull(answerTimeout, "survey.answer-timeout-seconds");
        if (answerTimeout.isNegative() || answerTimeout.isZero() || answerTimeout.toSeconds() > 60) {
            throw new IllegalArgumentException("survey.answer-timeout-seconds must be 1-60, was "
                    + answerTimeout.toSeconds());
        }
    }

    /** Reads {@code survey.prompt.<name>} and {@code survey.answer-timeout-seconds}; absent keys take the defaults. */
    static SurveySettings fromConfig(Map<String, String> config) {
        SurveySettings d = DEFAULTS;
        return new SurveySettings(get(config, "intro", d.intro), get(config, "csat", d.csat),
                get(config, "nps", d.nps), get(config, "ces", d.ces), get(config, "invalid", d.invalid),
                get(config, "thanks", d.thanks),
                Duration.ofSeconds(AgiSettings.integer(config, "survey.answer-timeout-seconds",
                        (int) d.answerTimeout.toSeconds())));
    }

    private static String get(Map<String, String> config, String name, String fallback) {
        String v = config.get("survey.prompt." + name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static void prompt(String key, String value) {
        if (value == null || value.isBlank() || value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"')) {
            throw new IllegalArgumentException(key + " = '" + value
                    + "' must be a sound file name without spaces or quotes, e.g. custom/earshot-csat");
        }
    }
}
