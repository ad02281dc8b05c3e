package org.earshot.speech;

import java.nio.file.Path;
import java.time.Duration;
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
 * @param search   how widely Vosk's decoder searches, or null for the model's own {@code conf/model.conf}
 * @param maxRecordingLength longer recordings are refused before a sample is read (config key
 *                           {@value #MAX_RECORDING_KEY}): the analysis holds every sample once
 * @param pciRedaction whether card data (spoken card numbers, security codes, expiry dates, keypad digits) is
 *                     taken out of the transcript and listed for silencing (config key {@value #PCI_REDACTION_KEY},
 *                     on by default)
 */
public record SpeechSettings(Path modelDir, Path modelCacheDir, ChannelRoles channels, int threads, Sentiment sentiment,
                             DecoderSearch search, Duration maxRecordingLength, boolean pciRedaction) {

    /**
     * Four hours: far past any call a contact centre takes. The analysis holds the samples of the
     * whole call as 16-bit shorts, 115 MB per stereo hour at MixMonitor's 8 kHz (460 MB at the limit)
     * and twice that for wideband files, which are analysed at 16 kHz: lower the limit on a small heap.
     */
    public static final Duration DEFAULT_MAX_RECORDING_LENGTH = Duration.ofHours(4);
    /** The setting a refusal tells the user to change: the config key, and the flag of the same name. */
    public static final String MAX_RECORDING_KEY = "max-recording-hours";
    /** The config key (and flag) that turns PCI redaction off: {@code pci-redaction = off}. */
    public static final String PCI_REDACTION_KEY = "pci-redaction";

    public SpeechSettings {
        Objects.requireNonNull(modelCacheDir, "modelCacheDir");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(sentiment, "sentiment");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (maxRecordingLength == null || maxRecordingLength.isNegative() || maxRecordingLength.isZero()) {
            throw new IllegalArgumentException(MAX_RECORDING_KEY + " must be a positive length, was " + maxRecordingLength);
        }
    }

    /** With PCI redaction on. */
    public SpeechSettings(Path modelDir, Path modelCacheDir, ChannelRoles channels, int threads, Sentiment sentiment,
                          DecoderSearch search, Duration maxRecordingLength) {
        this(modelDir, modelCacheDir, channels, threads, sentiment, search, maxRecordingLength, true);
    }

    /** With the default maximum recording length ({@link #DEFAULT_MAX_RECORDING_LENGTH}). */
    public SpeechSettings(Path modelDir, Path modelCacheDir, ChannelRoles channels, int threads, Sentiment sentiment,
                          DecoderSearch search) {
        this(modelDir, modelCacheDir, channels, threads, sentiment, search, DEFAULT_MAX_RECORDING_LENGTH);
    }

    /** The same settings, refusing recordings longer than {@code max}. */
    public SpeechSettings withMaxRecordingLength(Duration max) {
        return new SpeechSettings(modelDir, modelCacheDir, channels, threads, sentiment, search, max, pciRedaction);
    }

    /** The same settings, with PCI redaction on or off. */
    public SpeechSettings withPciRedaction(boolean on) {
        return new SpeechSettings(modelDir, modelCacheDir, channels, threads, sentiment, search, maxRecordingLength, on);
    }

    /** Parses the config value of {@value #PCI_REDACTION_KEY}: "on" or "off" (any case). */
    public static boolean parsePciRedaction(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(PCI_REDACTION_KEY + " must be on or off, was '" + value + "'");
        };
    }

    /**
     * The default decoder search: {@link DecoderSearch#TELEPHONE} for the bundled model, which it was
     * measured on; a model of the user's own keeps its own settings.
     */
    public SpeechSettings(Path modelDir, Path modelCacheDir, ChannelRoles channels, int threads, Sentiment sentiment) {
        this(modelDir, modelCacheDir, channels, threads, sentiment, modelDir == null ? DecoderSearch.TELEPHONE : null);
    }

    /** The default sentiment rules ({@link Sentiment#DEFAULTS}) and decoder search. */
    public SpeechSettings(Path modelDir, Path modelCacheDir, ChannelRoles channels, int threads) {
        this(modelDir, modelCacheDir, channels, threads, Sentiment.DEFAULTS);
    }

    /**
     * Vosk's decoder search options (Kaldi's {@code LatticeIncrementalDecoderConfig}), written over the
     * model's own {@code conf/model.conf}: Vosk reads them from nowhere else.
     *
     * @param beam        keep hypotheses within this log-likelihood of the best one
     * @param maxActive   at most this many hypotheses per frame (narrows the beam when exceeded)
     * @param minActive   at least this many hypotheses per frame (widens the beam when fewer are in it)
     * @param latticeBeam keep lattice paths within this of the best one (word alternatives, confidences)
     */
    public record DecoderSearch(double beam, int maxActive, int minActive, double latticeBeam) {

        /**
         * For the bundled small model on telephone speech. It ships with beam 10, max-active 3000,
         * min-active 200, lattice-beam 2, and most of Vosk's time goes to that search (expanding the
         * HCLr∘Gr graph on the fly), little to the acoustic network. On 8 kHz speech the beam holds
         * fewer than 200 hypotheses most of the time, so min-active 200 set the work; max-active 700
         * caps the frames where the beam holds many. The beam stays at 10: at 9 or 8 "weasels" (a
         * rare word) was lost in {@code CallAnalyzerIT}, and beam 8 raised WER on noisy speech.
         *
         * <p>Measured 2026-11-23 ({@code bench/run speech.SpeechBench --search ...}, two runs each):
         * pipeline / naive 3.1× with the shipped settings, 3.8× with min-active 50, 4.5–4.6× with
         * these, 4.9–5.0× with max-active 500. Word error rate through the product's path on all 259
         * Allison prompts of three or more words (2818 words; Kaldi's dither moves it by about 0.3
         * point from run to run): shipped 18.59–18.95 %, these 18.67 / 18.74 %; with white noise
         * mixed in at about 26 dB SNR: shipped 24.73–25.12 %, these 25.02 / 24.98 %, max-active 500
         * 25.20 / 25.55 %, beam 8 25.76 %. The whole table is in speech/README.md.
         */
        public static final DecoderSearch TELEPHONE = new DecoderSearch(10.0, 700, 50, 2.0);

        public DecoderSearch {
            if (!(beam > 0) || Double.isInfinite(beam)) {
                throw new IllegalArgumentException("search beam must be a positive number, was " + beam);
            }
            if (!(latticeBeam > 0) || Double.isInfinite(latticeBeam)) {
                throw new IllegalArgumentException("search latticeBeam must be a positive number, was " + latticeBeam);
            }
            if (maxActive < 2 || minActive < 0 || minActive > maxActive) {
                throw new IllegalArgumentException("search must satisfy 0 <= minActive <= maxActive and maxActive >= 2,"
                        + " were minActive=" + minActive + " maxActive=" + maxActive);
            }
        }
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
