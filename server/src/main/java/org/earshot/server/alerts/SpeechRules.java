package org.earshot.server.alerts;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.earshot.server.live.LiveSentiment;
import org.earshot.server.live.LiveTranscript;

/**
 * The rules over what the live analysis hears: escalation words, the customer's sentiment, agent interruptions
 * and dead air. Times are seconds of the call's recording, as the live analysis reports them. One thread.
 */
final class SpeechRules {

    /** Who a call is with, as far as the boards told: either may be null. */
    record Parties(String queue, String agent) {
        static final Parties UNKNOWN = new Parties(null, null);
    }

    private static final double MINUTE = 60;
    // Calls whose live analysis never said "ended" must not pile up without end.
    private static final int MAX_CALLS = 10_000;
    private static final Set<AlertRule> RULES = Set.of(AlertRule.ESCALATION_KEYWORD, AlertRule.CUSTOMER_SENTIMENT,
            AlertRule.AGENT_INTERRUPTIONS, AlertRule.DEAD_AIR);

    /** What the rules remember of one call. */
    private static final class Heard {
        final Deque<Double> agentInterruptions = new ArrayDeque<>();
        Double negativeSince;
        Double silentSince;
    }

    private final AlertSettings settings;
    private final Episodes episodes;
    private final Function<String, Parties> parties;
    private final Map<String, Heard> calls = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Heard> eldest) {
            return size() > MAX_CALLS;
        }
    };

    // A word raises once per call, also when its last words are heard after the call ended (the recording's last
    // spurt is flushed at hang-up, after the call was stored): the (call, word) pairs already raised.
    private final Set<String> wordsRaised = java.util.Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_CALLS;
        }
    });

    /** @param parties the queue and agent of a call id, for per-queue rules and for the alert to name them */
    SpeechRules(AlertSettings settings, Episodes episodes, Function<String, Parties> parties) {
        this.settings = settings;
        this.episodes = episodes;
        this.parties = parties;
    }

    /** Escalation words in a final segment; a partial one may still change, its final one follows. */
    void transcript(LiveTranscript segment) {
        Heard heard = heard(segment.callId());
        speechAt(segment.callId(), heard, segment.end());
        if (!segment.isFinal() || segment.text() == null) {
            return;
        }
        Parties who = parties.apply(segment.callId());
        AlertSettings.Rules rules = settings.forQueue(who.queue());
        if (!rules.escalationParty().equals("any") && !rules.escalationParty().equals(segment.party())) {
            return;
        }
        Set<String> words = new HashSet<>();
        for (String word : segment.text().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            words.add(word);
        }
        for (String keyword : rules.escalationKeywords()) {
            String episode = AlertRule.ESCALATION_KEYWORD.episode(segment.callId(), keyword);
            if (words.contains(keyword) && wordsRaised.add(episode)) {
                raise(episode, AlertRule.ESCALATION_KEYWORD,
                        segment.callId(), who, segment.party() + " said \"" + keyword + "\"");
            }
        }
    }

    void sentiment(LiveSentiment s) {
        Heard heard = heard(s.callId());
        pruneInterruptions(s.callId(), heard, s.at());
        if (!"customer".equals(s.party())) {
            return;
        }
        Parties who = parties.apply(s.callId());
        AlertSettings.Rules rules = settings.forQueue(who.queue());
        String key = AlertRule.CUSTOMER_SENTIMENT.episode(s.callId());
        if (rules.sentimentSeconds() <= 0 || s.score() >= rules.sentimentBelow()) {
            heard.negativeSince = null;
            episodes.clear(key);
            return;
        }
        if (heard.negativeSince == null) {
            heard.negativeSince = s.at();
        }
        double seconds = s.at() - heard.negativeSince;
        if (seconds >= rules.sentimentSeconds()) {
            raise(key, AlertRule.CUSTOMER_SENTIMENT, s.callId(), who, String.format(Locale.ROOT,
                    "customer sentiment %.2f, below %.2f for %s", s.score(), rules.sentimentBelow(), Durations.words(seconds)));
        }
    }

    void interruption(String callId, String party, double at) {
        Heard heard = heard(callId);
        speechAt(callId, heard, at);
        if ("agent".equals(party)) {
            heard.agentInterruptions.addLast(at);
        }
        pruneInterruptions(callId, heard, at);
    }

    void silence(String callId, double since, double at) {
        Heard heard = heard(callId);
        pruneInterruptions(callId, heard, at);
        if (heard.silentSince != null && heard.silentSince != since) {
            episodes.clear(deadAirKey(callId, heard.silentSince));
        }
        heard.silentSince = since;
        Parties who = parties.apply(callId);
        double limit = settings.forQueue(who.queue()).deadAirSeconds();
        if (limit > 0 && at - since >= limit) {
            raise(deadAirKey(callId, since), AlertRule.DEAD_AIR, callId, who,
                    "no one has spoken for " + Durations.words(at - since));
        }
    }

    /** The call's live analysis ended: its episodes end with it, and what was heard is forgotten. */
    void ended(String callId) {
        calls.remove(callId);
        episodes.clearWhere(key -> RULES.stream().anyMatch(rule -> key.startsWith(rule.episode(callId))));
    }

    /** Someone spoke up to {@code at}: a silence before it is over. */
    private void speechAt(String callId, Heard heard, double at) {
        if (heard.silentSince != null && at > heard.silentSince) {
            episodes.clear(deadAirKey(callId, heard.silentSince));
            heard.silentSince = null;
        }
    }

    /** Counts the agent's interruptions of the last minute up to {@code at}, raising or clearing on the count. */
    private void pruneInterruptions(String callId, Heard heard, double at) {
        while (!heard.agentInterruptions.isEmpty() && heard.agentInterruptions.peekFirst() <= at - MINUTE) {
            heard.agentInterruptions.removeFirst();
        }
        Parties who = parties.apply(callId);
        double limit = settings.forQueue(who.queue()).interruptionsPerMinute();
        String key = AlertRule.AGENT_INTERRUPTIONS.episode(callId);
        int count = heard.agentInterruptions.size();
        if (limit > 0 && count > limit) {
            raise(key, AlertRule.AGENT_INTERRUPTIONS, callId, who, "agent interrupted the customer " + count
                    + " times in the last minute (limit " + Durations.number(limit) + ")");
        } else {
            episodes.clear(key);
        }
    }

    private String deadAirKey(String callId, double since) {
        return AlertRule.DEAD_AIR.episode(callId, Durations.number(since));
    }

    private void raise(String key, AlertRule rule, String callId, Parties who, String detail) {
        episodes.raise(new Episodes.Condition(key, rule, callId, who.agent(), who.queue(), detail));
    }

    private Heard heard(String callId) {
        return calls.computeIfAbsent(callId, id -> new Heard());
    }
}
