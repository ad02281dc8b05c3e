package org.earshot.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.earshot.server.live.LiveSentiment;
import org.earshot.server.live.LiveTranscript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules over live speech, fed as the live analysis feeds them; one episode, one alert. */
class SpeechRulesTest {

    private static final String CALL = "1795393091.5";
    private static final String OTHER = "1795393121.9";

    @TempDir
    Path dir;

    private AlertRig rig;
    private SpeechRules rules;

    @BeforeEach
    void rules() {
        rig = new AlertRig(dir);
        rules = rulesWith(AlertSettings.DEFAULTS);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    private SpeechRules rulesWith(AlertSettings settings) {
        // CALL waited in support and is with Bob; OTHER in sales with Alice.
        Map<String, SpeechRules.Parties> parties = Map.of(CALL, new SpeechRules.Parties("support", "Bob"),
                OTHER, new SpeechRules.Parties("sales", "Alice"));
        return new SpeechRules(settings, rig.episodes(), id -> parties.getOrDefault(id, SpeechRules.Parties.UNKNOWN));
    }

    private static LiveTranscript said(String call, String party, String text, double end) {
        return new LiveTranscript(call, party, text, true, end - 2, end);
    }

    @Test
    void anEscalationWordRaisesOncePerCallAndWordNamingTheCallAgentAndQueue() {
        rules.transcript(said(CALL, "customer", "I want to cancel my contract", 10));
        rules.transcript(said(CALL, "customer", "Cancel it, cancel it now", 14));
        rules.transcript(said(CALL, "customer", "or I call my lawyer", 18));

        assertThat(rig.raised).extracting(a -> a.rule() + " " + a.detail()).containsExactly(
                "escalation-keyword customer said \"cancel\"", "escalation-keyword customer said \"lawyer\"");
        assertThat(rig.raised.get(0).callId()).isEqualTo(CALL);
        assertThat(rig.raised.get(0).agent()).isEqualTo("Bob");
        assertThat(rig.raised.get(0).queue()).isEqualTo("support");
    }

    @Test
    void theAgentsWordsAndPartialResultsRaiseNothingByDefault() {
        rules.transcript(said(CALL, "agent", "I can cancel that for you", 10));
        rules.transcript(new LiveTranscript(CALL, "customer", "cancel", false, 11, 12));

        assertThat(rig.raised).isEmpty();
    }

    @Test
    void aKeywordRaisesAgainOnANewCallButNeverTwiceOnOneEvenWhenItsLastWordsComeAfterItEnded() {
        rules.transcript(said(CALL, "customer", "cancel", 10));
        rules.transcript(said(OTHER, "customer", "cancel", 10));
        rules.ended(CALL); // the call was stored; the recording's last spurt is flushed at hang-up, after it
        rules.transcript(said(CALL, "customer", "cancel", 30));

        assertThat(rig.raised).extracting(a -> a.callId()).containsExactly(CALL, OTHER);
    }

    @Test
    void customerSentimentBelowTheThresholdForLongEnoughRaisesOnceClearsAndRaisesAgain() {
        for (double at = 0; at <= 60; at += 5) {
            rules.sentiment(new LiveSentiment(CALL, "customer", -0.7, at));
        }
        assertThat(rig.rules()).as("below from 0 s, raised at 30 s, once").containsExactly("customer-sentiment");
        assertThat(rig.raised.get(0).detail()).isEqualTo("customer sentiment -0.70, below -0.50 for 30 s");

        rules.sentiment(new LiveSentiment(CALL, "customer", 0.1, 65));
        rules.sentiment(new LiveSentiment(CALL, "customer", -0.8, 70));
        rules.sentiment(new LiveSentiment(CALL, "customer", -0.8, 95));
        assertThat(rig.rules()).as("the new episode is not long enough yet").hasSize(1);
        rules.sentiment(new LiveSentiment(CALL, "customer", -0.8, 100));

        assertThat(rig.rules()).containsExactly("customer-sentiment", "customer-sentiment");
        assertThat(rig.store.get(rig.raised.get(0).id()).orElseThrow().clearedAt()).isNotNull();
    }

    @Test
    void theAgentsSentimentIsNoCustomerSentiment() {
        for (double at = 0; at <= 60; at += 5) {
            rules.sentiment(new LiveSentiment(CALL, "agent", -0.9, at));
        }
        assertThat(rig.raised).isEmpty();
    }

    @Test
    void moreAgentInterruptionsThanTheLimitInAMinuteRaiseOnceAndClearWhenTheMinutePasses() {
        for (int i = 0; i < 7; i++) {
            rules.interruption(CALL, "agent", 10 + i * 5);
        }
        rules.interruption(CALL, "customer", 45);
        assertThat(rig.rules()).as("the 5th within 60 s raises, the 6th and 7th do not").containsExactly("agent-interruptions");
        assertThat(rig.raised.get(0).detail()).isEqualTo("agent interrupted the customer 5 times in the last minute (limit 4)");

        rules.sentiment(new LiveSentiment(CALL, "customer", 0.2, 200));
        for (int i = 0; i < 5; i++) {
            rules.interruption(CALL, "agent", 210 + i);
        }
        assertThat(rig.rules()).as("a new episode after the count fell").hasSize(2);
    }

    @Test
    void deadAirRaisesOncePerSilenceAndASilenceAfterSpeechIsANewEpisode() {
        for (double at = 21; at <= 60; at += 1) {
            rules.silence(CALL, 20, at);
        }
        assertThat(rig.rules()).containsExactly("dead-air");
        assertThat(rig.raised.get(0).detail()).isEqualTo("no one has spoken for 15 s");

        rules.transcript(said(CALL, "agent", "are you still there", 62));
        for (double at = 63; at <= 80; at += 1) {
            rules.silence(CALL, 62, at);
        }
        assertThat(rig.rules()).containsExactly("dead-air", "dead-air");
    }

    @Test
    void aQueueOverrideChangesItsCallsAndEveryRuleCanBeTurnedOff() {
        AlertSettings settings = AlertSettings.fromConfig(Map.of("alert.dead-air-seconds", "off",
                "queue.sales.alert.dead-air-seconds", "5", "queue.sales.alert.escalation-keywords", "refund",
                "alert.sentiment-seconds", "0"));
        rules = rulesWith(settings);

        for (double at = 1; at <= 30; at += 1) {
            rules.silence(CALL, 0, at);
            rules.silence(OTHER, 0, at);
            rules.sentiment(new LiveSentiment(CALL, "customer", -1, at));
        }
        rules.transcript(said(CALL, "customer", "cancel and refund", 31));
        rules.transcript(said(OTHER, "customer", "cancel and refund", 31));

        assertThat(rig.raised).extracting(a -> a.rule() + " " + a.callId() + " " + a.detail()).containsExactly(
                "dead-air " + OTHER + " no one has spoken for 5 s",
                "escalation-keyword " + CALL + " customer said \"cancel\"",
                "escalation-keyword " + OTHER + " customer said \"refund\"");
    }

    @Test
    void aRestartedNodeDoesNotRaiseWhatIsStillOpen() {
        rules.transcript(said(CALL, "customer", "get me your supervisor", 10));
        rig.restart();
        rules = rulesWith(AlertSettings.DEFAULTS);

        rules.transcript(said(CALL, "customer", "your supervisor, now", 20));

        assertThat(rig.rules()).containsExactly("escalation-keyword");
        assertThat(rig.store.find(new org.earshot.server.store.AlertStore.Query(
                org.earshot.server.store.AlertStore.Status.ALL, null, null, null, null, null, null, null, 10))).hasSize(1);
    }

    @Test
    void endingACallEndsItsEpisodes() {
        rules.transcript(said(CALL, "customer", "cancel", 10));
        for (double at = 21; at <= 40; at += 1) {
            rules.silence(CALL, 20, at);
        }
        rules.ended(CALL);

        assertThat(rig.store.openEpisodes()).isEmpty();
        assertThat(List.copyOf(rig.raised)).hasSize(2);
    }
}
