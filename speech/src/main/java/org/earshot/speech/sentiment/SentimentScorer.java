package org.earshot.speech.sentiment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.speech.AnalysisReport.CallSentiment;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.AnalysisReport.TimelineWindow;
import org.earshot.speech.SpeechSettings;

/**
 * Scores a stereo call: each party over the whole call and per timeline window, the call-level
 * label (talk-weighted mean of the parties) and flags, and the cues that explain them. A mono call
 * gets only what its one mixed channel can honestly tell ({@link #scoreMixed}).
 *
 * <pre>{@code
 * SentimentResult r = new SentimentScorer(Lexicon.load(), settings.sentiment())
 *         .score(List.of(customer, agent), overlaps, deadAir, durationSeconds);
 * }</pre>
 */
public final class SentimentScorer {

    public static final String CUSTOMER = "customer";
    public static final String AGENT = "agent";

    /** One interruption in a 20-second call is a rate of 3 a minute, but not a pattern. */
    static final int MIN_FREQUENT_INTERRUPTIONS = 2;

    private final Lexicon lexicon;
    private final SpeechSettings.Sentiment rules;

    public SentimentScorer(Lexicon lexicon, SpeechSettings.Sentiment rules) {
        this.lexicon = lexicon;
        this.rules = rules;
    }

    public SentimentResult score(List<PartyEvidence> parties, List<Overlap> overlaps, List<Span> deadAir,
                                 double durationSeconds) {
        double end = Math.max(durationSeconds, 1e-3);
        Map<String, PartyScore> scorers = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (PartyEvidence p : parties) {
            PartyScore s = new PartyScore(lexicon, p, rules.frequentInterruptionsPerMinute());
            scorers.put(p.party(), s);
            Double score = s.over(0, end);
            if (score != null) {
                scores.put(p.party(), round(score));
            }
        }
        CallSentiment call = scores.isEmpty() ? null : call(parties, scorers, scores, overlaps, deadAir, end);
        List<TimelineWindow> timeline = scores.isEmpty() ? List.of() : timeline(scorers, end);
        Cues cues = new Cues(rules);
        parties.forEach(p -> cues.addParty(p, scorers.get(p.party())));
        cues.addDeadAir(deadAir);
        return new SentimentResult(scores, call, timeline, cues.sorted());
    }

    /**
     * Scores a mono call, whose one channel mixes both parties: the call's score and label from the
     * lexical valence of all its words (no prosody, see {@link PartyScore#wordsOnly}), the call-level
     * flags {@code escalation} and {@code long-dead-air}, and their cues. No per-party scores, flags
     * or timeline: nobody can be told apart. The call is null when nobody spoke.
     *
     * @param mixed the mono channel's speech and words, with no interruptions
     */
    public SentimentResult scoreMixed(PartyEvidence mixed, List<Span> deadAir, double durationSeconds) {
        PartyScore words = PartyScore.wordsOnly(lexicon, mixed);
        Double score = words.over(0, Math.max(durationSeconds, 1e-3));
        CallSentiment call = null;
        if (score != null) {
            List<String> flags = new ArrayList<>();
            addCallFlags(flags, List.of(words), deadAir);
            call = new CallSentiment(round(score), label(round(score)), List.copyOf(flags));
        }
        Cues cues = new Cues(rules);
        cues.addParty(mixed, words);
        cues.addDeadAir(deadAir);
        return new SentimentResult(Map.of(), call, List.of(), cues.sorted());
    }

    private CallSentiment call(List<PartyEvidence> parties, Map<String, PartyScore> scorers, Map<String, Double> scores,
                               List<Overlap> overlaps, List<Span> deadAir, double duration) {
        double weighted = 0;
        double talk = 0;
        for (PartyEvidence p : parties) {
            if (scores.containsKey(p.party())) {
                weighted += scores.get(p.party()) * p.talkSeconds();
                talk += p.talkSeconds();
            }
        }
        double score = round(weighted / talk);
        List<String> flags = new ArrayList<>();
        flagNegative(flags, scores, CUSTOMER);
        flagNegative(flags, scores, AGENT);
        addCallFlags(flags, scorers.values(), deadAir);
        long interruptions = overlaps.stream().filter(o -> o.kind().equals("interruption")).count();
        if (interruptions >= MIN_FREQUENT_INTERRUPTIONS && interruptions / (duration / 60) >= rules.frequentInterruptionsPerMinute()) {
            flags.add("frequent-interruptions");
        }
        return new CallSentiment(score, callLabel(score, flags), List.copyOf(flags));
    }

    /**
     * The score's label, except that a call is never better than its customer's experience: with the
     * customer flagged negative it is negative (a long, cheerful agent outweighs a short, angry caller
     * in the talk-weighted score, and QA must still find the call), and with the agent flagged negative
     * it is at best neutral.
     */
    private String callLabel(double score, List<String> flags) {
        String label = label(score);
        if (flags.contains("customer-negative")) {
            return "negative";
        }
        return flags.contains("agent-negative") && label.equals("positive") ? "neutral" : label;
    }

    /** The flags that need no party split: an escalation keyword said by anyone, long dead air. */
    private void addCallFlags(List<String> flags, Collection<PartyScore> speakers, List<Span> deadAir) {
        if (speakers.stream().anyMatch(s -> s.tokens().stream().anyMatch(rules.escalationKeywords()::contains))) {
            flags.add("escalation");
        }
        if (deadAir.stream().anyMatch(d -> d.end() - d.start() >= rules.longDeadAirSeconds())) {
            flags.add("long-dead-air");
        }
    }

    private void flagNegative(List<String> flags, Map<String, Double> scores, String party) {
        Double s = scores.get(party);
        if (s != null && s <= rules.negativeBelow()) {
            flags.add(party + "-negative");
        }
    }

    String label(double score) {
        return score <= rules.negativeBelow() ? "negative" : score >= rules.positiveAbove() ? "positive" : "neutral";
    }

    private List<TimelineWindow> timeline(Map<String, PartyScore> scorers, double duration) {
        List<TimelineWindow> windows = new ArrayList<>();
        double w = rules.timelineWindowSeconds();
        for (double from = 0; from < duration; from += w) {
            double to = Math.min(duration, from + w);
            windows.add(new TimelineWindow(round(from), round(to), windowScore(scorers.get(CUSTOMER), from, to),
                    windowScore(scorers.get(AGENT), from, to)));
        }
        return windows;
    }

    private static Double windowScore(PartyScore s, double from, double to) {
        Double score = s == null ? null : s.over(from, to);
        return score == null ? null : round(score);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
