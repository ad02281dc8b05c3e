package org.earshot.speech;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How recordings are analysed.
 *
 * @param modelDir a Vosk model folder, or null for the small US-English model bundled in this module
 * @param modelCacheDir where the bundled model is unpacked on first use (a folder the user may write)
 * @param channels which party is on which channel of a stereo recording
 * @param threads  recogniser threads (the two parties of a call are decoded in parallel)
 * @param sentiment thresholds and keywords behind the call-level sentiment label and flags
 */
public record SpeechSettings(Path modelDir, Path modelCacheDir, ChannelRoles channels, int threads, Sentiment sentiment) {

    public SpeechSettings {
        Objects.requireNonNull(modelCacheDir, "modelCacheDir");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(sentiment, "sentiment");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
    }

    /** The default sentiment rules ({@link Sentiment#DEFAULTS}). */
    public SpeechSettings(Path modelDir, Path modelCacheDir, ChannelRoles channels, int threads) {
        this(modelDir, modelCacheDir, channels, threads, Sentiment.DEFAULTS);
    }

    /**
     * Sentiment label and flag rules.
     *
     * @param escalationKeywords words (lower case) that flag {@code escalation} when either party says one
     * @param longDeadAirSeconds a dead-air gap at least this long flags {@code long-dead-air}
     * @param frequentInterruptionsPerMinute interruptions (both parties) per minute of call that flag
     *                                       {@code frequent-interruptions}
     * @param timelineWindowSeconds length of each {@code timeline} window
     * @param negativeBelow a score at or below this is labelled negative (and flags a negative party)
     * @param positiveAbove a score at or above this is labelled positive
     */
    public record Sentiment(List<String> escalationKeywords, double longDeadAirSeconds,
                            double frequentInterruptionsPerMinute, double timelineWindowSeconds,
                            double negativeBelow, double positiveAbove) {

        /**
         * Keywords: what call-centre QA teams commonly flag for escalation. 10 s of dead air is far
         * past the 3 s SPEC threshold: long enough that a caller wonders whether the line dropped.
         * Two interruptions a minute is well above the rate of ordinary overlapping turn-taking.
         * ±0.2 keeps near-zero lexicon scores (one mildly loaded word) neutral.
         */
        public static final Sentiment DEFAULTS = new Sentiment(
                List.of("supervisor", "manager", "cancel", "cancellation", "complaint", "complain", "lawyer",
                        "attorney", "refund", "chargeback", "unacceptable", "escalate"),
                10.0, 2.0, 10.0, -0.2, 0.2);

        public Sentiment {
            escalationKeywords = escalationKeywords.stream().map(k -> k.strip().toLowerCase(Locale.ROOT)).toList();
            requirePositive("longDeadAirSeconds", longDeadAirSeconds);
            requirePositive("frequentInterruptionsPerMinute", frequentInterruptionsPerMinute);
            requirePositive("timelineWindowSeconds", timelineWindowSeconds);
            if (!(negativeBelow >= -1 && negativeBelow < positiveAbove && positiveAbove <= 1)) {
                throw new IllegalArgumentException("sentiment thresholds must satisfy -1 <= negativeBelow < positiveAbove"
                        + " <= 1, were negativeBelow=" + negativeBelow + " positiveAbove=" + positiveAbove);
            }
        }

        private static void requirePositive(String key, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(key + " must be a positive number, was " + value);
            }
        }
    }
}
