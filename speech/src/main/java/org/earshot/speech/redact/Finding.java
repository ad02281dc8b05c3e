package org.earshot.speech.redact;

import java.util.Objects;

/**
 * Card data found in a call: who gave it, what it is, and where (seconds, without padding). For
 * spoken data the span covers exactly the words to replace; the audio to silence is padded later.
 *
 * @param kind one of {@link #CARD_NUMBER}, {@link #SECURITY_CODE}, {@link #EXPIRY}, {@link #KEYPAD_DIGITS}
 */
public record Finding(String party, String kind, double start, double end) {

    public static final String CARD_NUMBER = "card-number";
    public static final String SECURITY_CODE = "security-code";
    public static final String EXPIRY = "expiry";
    public static final String KEYPAD_DIGITS = "keypad-digits";

    public Finding {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(kind, "kind");
        if (!(end >= start)) {
            throw new IllegalArgumentException("a finding ends after it starts, was " + start + ".." + end);
        }
    }

    /** The word that stands in the transcript for what was taken out, e.g. "[card number]". */
    public String marker() {
        return switch (kind) {
            case CARD_NUMBER -> "[card number]";
            case SECURITY_CODE -> "[security code]";
            case EXPIRY -> "[expiry]";
            case KEYPAD_DIGITS -> "[keypad digits]";
            default -> throw new IllegalStateException("unknown redaction kind " + kind);
        };
    }
}
