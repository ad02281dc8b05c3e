package org.earshot.search;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names of a call's numbers: the analysis figures a {@link CallDocument} may carry (SPEC, "Call
 * analysis report") and the call's own durations. The one list of numeric names the index, the
 * {@code where=} conditions and the sort know.
 *
 * <pre>{@code
 * figures.put(Figures.INTERRUPTIONS_CUSTOMER, (double) report.parties().customer().interruptions());
 * CallQuery.fromParameters(Map.of("where", List.of("interruptions.customer>=3")));
 * }</pre>
 */
public final class Figures {

    /** Call-level sentiment score in [-1, 1] ({@code sentiment.score} of the report). */
    public static final String SENTIMENT = "sentiment";
    public static final String SENTIMENT_CUSTOMER = "sentiment.customer";
    public static final String SENTIMENT_AGENT = "sentiment.agent";
    public static final String INTERRUPTIONS_CUSTOMER = "interruptions.customer";
    public static final String INTERRUPTIONS_AGENT = "interruptions.agent";
    public static final String BACKCHANNELS_CUSTOMER = "backchannels.customer";
    public static final String BACKCHANNELS_AGENT = "backchannels.agent";
    public static final String OVERLAPS_PER_MINUTE = "overlapsPerMinute";
    /** Sum of the report's {@code deadAir} spans, in seconds. */
    public static final String DEAD_AIR_SECONDS = "deadAirSeconds";
    public static final String SILENCE_RATIO = "silenceRatio";
    public static final String AGENT_TALK_RATIO = "agentTalkRatio";
    public static final String WORDS_PER_MINUTE_CUSTOMER = "wordsPerMinute.customer";
    public static final String WORDS_PER_MINUTE_AGENT = "wordsPerMinute.agent";
    public static final String PITCH_SD_SEMITONES_CUSTOMER = "pitchSdSemitones.customer";
    public static final String PITCH_SD_SEMITONES_AGENT = "pitchSdSemitones.agent";

    /** Every analysis figure name, in the order error messages list them. */
    public static final List<String> NAMES = List.of(
            SENTIMENT, SENTIMENT_CUSTOMER, SENTIMENT_AGENT,
            INTERRUPTIONS_CUSTOMER, INTERRUPTIONS_AGENT, BACKCHANNELS_CUSTOMER, BACKCHANNELS_AGENT,
            OVERLAPS_PER_MINUTE, DEAD_AIR_SECONDS, SILENCE_RATIO, AGENT_TALK_RATIO,
            WORDS_PER_MINUTE_CUSTOMER, WORDS_PER_MINUTE_AGENT,
            PITCH_SD_SEMITONES_CUSTOMER, PITCH_SD_SEMITONES_AGENT);

    /** The call's durations in seconds (from the call record, not the analysis). */
    public static final String DURATION_SECONDS = "durationSeconds";
    public static final String WAIT_SECONDS = "waitSeconds";
    public static final String TALK_SECONDS = "talkSeconds";
    public static final String HOLD_SECONDS = "holdSeconds";

    /** Every name a {@code where=} condition may use: the durations, then the analysis figures. */
    public static final Set<String> NUMERIC_FIELDS;

    static {
        Set<String> all = new LinkedHashSet<>(List.of(DURATION_SECONDS, WAIT_SECONDS, TALK_SECONDS, HOLD_SECONDS));
        all.addAll(NAMES);
        NUMERIC_FIELDS = Collections.unmodifiableSet(all);
    }

    private Figures() {
    }
}
