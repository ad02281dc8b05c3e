package org.earshot.server.coaching;

import java.util.List;
import java.util.function.Function;

/**
 * The measured figures coaching compares, keyed as in the API. {@code minSpread} is the smallest
 * spread between agents taken as real for outlier z-scores: differences below it are within what
 * the measurement resolves or a listener would notice (a few words per minute, a few points of talk
 * share), so a team of near-identical agents does not turn a trifle into an "outlier".
 */
enum Metric {
    WORDS_PER_MINUTE("wordsPerMinute", "Speech rate (words per minute)", 5, Source.SPEECH,
            c -> c.cue(CallCues::agentWordsPerMinute)),
    SYLLABLES_PER_SECOND("syllablesPerSecond", "Articulation rate (syllables per second)", 0.2, Source.SPEECH,
            c -> c.cue(CallCues::agentSyllablesPerSecond)),
    INTERRUPTIONS_PER_CALL("interruptionsPerCall", "Interruptions made per call", 0.2, Source.SPEECH,
            c -> c.cue(CallCues::agentInterruptions)),
    AGENT_TALK_RATIO("agentTalkRatio", "Agent share of the talk", 0.03, Source.SPEECH,
            c -> c.cue(CallCues::agentTalkRatio)),
    DEAD_AIR_SECONDS_PER_CALL("deadAirSecondsPerCall", "Dead air per call (seconds)", 2, Source.SPEECH,
            c -> c.cue(CallCues::deadAirSeconds)),
    CUSTOMER_SENTIMENT("customerSentiment", "Customer sentiment", 0.05, Source.SPEECH,
            c -> c.cue(CallCues::customerSentiment)),
    AGENT_SENTIMENT("agentSentiment", "Agent sentiment", 0.05, Source.SPEECH,
            c -> c.cue(CallCues::agentSentiment)),
    CSAT("csat", "CSAT (1-5)", 0.2, Source.SURVEY,
            c -> c.csat() == null ? null : c.csat().doubleValue()),
    AHT_SECONDS("ahtSeconds", "Average handle time (seconds)", 15, Source.HANDLE_TIME,
            CoachingCall::handleSeconds),
    CUSTOMER_INTERRUPTIONS_PER_CALL("customerInterruptionsPerCall", "Customer interruptions per call", 0.2,
            Source.SPEECH, c -> c.cue(CallCues::customerInterruptions)),
    SILENCE_RATIO("silenceRatio", "Share of the call in silence", 0.02, Source.SPEECH,
            c -> c.cue(CallCues::silenceRatio));

    /** Where a metric's per-call values come from. */
    enum Source {
        /** The call's analysis report. */
        SPEECH,
        /** The post-call survey. */
        SURVEY,
        /** The call record; for agents and the team the KPI service's AHT is used instead. */
        HANDLE_TIME
    }

    /** The metrics of agents and the team (the API's metrics object, less the call counts). */
    static final List<Metric> COACHED = List.of(WORDS_PER_MINUTE, SYLLABLES_PER_SECOND, INTERRUPTIONS_PER_CALL,
            AGENT_TALK_RATIO, DEAD_AIR_SECONDS_PER_CALL, CUSTOMER_SENTIMENT, AGENT_SENTIMENT, CSAT, AHT_SECONDS);

    /** The cues compared between groups of calls: CSAT is what the groups are split by, so it is not one. */
    static final List<Metric> CUES = List.of(WORDS_PER_MINUTE, SYLLABLES_PER_SECOND, INTERRUPTIONS_PER_CALL,
            CUSTOMER_INTERRUPTIONS_PER_CALL, AGENT_TALK_RATIO, DEAD_AIR_SECONDS_PER_CALL, SILENCE_RATIO,
            CUSTOMER_SENTIMENT, AGENT_SENTIMENT, AHT_SECONDS);

    private final String key;
    private final String label;
    private final double minSpread;
    private final Source source;
    private final Function<CoachingCall, Double> perCall;

    Metric(String key, String label, double minSpread, Source source, Function<CoachingCall, Double> perCall) {
        this.key = key;
        this.label = label;
        this.minSpread = minSpread;
        this.source = source;
        this.perCall = perCall;
    }

    String key() {
        return key;
    }

    String label() {
        return label;
    }

    double minSpread() {
        return minSpread;
    }

    Source source() {
        return source;
    }

    /** This metric on one call, or null when the call does not have it. */
    Double of(CoachingCall call) {
        return perCall.apply(call);
    }
}
