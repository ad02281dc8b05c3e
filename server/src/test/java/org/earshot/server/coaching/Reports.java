package org.earshot.server.coaching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AnalysisReport.CallSentiment;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.AnalysisReport.TimelineWindow;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;

/**
 * Analysis reports shaped exactly as the workers store them: the speech module's own record, with a
 * transcript, spurts and a timeline beside the figures coaching reads.
 * A 120 s stereo call; every figure not set explicitly is the same for every call.
 */
final class Reports {

    private double agentWpm = 160;
    private double agentSps = 4.5;
    private final List<Double> agentInterruptionsAt = new ArrayList<>();
    private int customerInterruptions;
    private double talkRatio = 0.5;
    private final List<Span> deadAir = new ArrayList<>();
    private double silenceRatio = 0.1;
    private double customerSentiment = 0.2;
    private double agentSentiment = 0.3;
    private double[] customerTimeline = {0.2, 0.2, 0.2, 0.2};
    private boolean mono;

    static Reports call() {
        return new Reports();
    }

    Reports wpm(double wpm) {
        agentWpm = wpm;
        return this;
    }

    /** The agent interrupts the customer at these seconds of the recording. */
    Reports agentInterruptsAt(double... starts) {
        for (double s : starts) {
            agentInterruptionsAt.add(s);
        }
        return this;
    }

    /** The agent interrupts {@code n} times, from second 20 on. */
    Reports agentInterrupts(int n) {
        for (int i = 0; i < n; i++) {
            agentInterruptionsAt.add(20.0 + 10 * i);
        }
        return this;
    }

    Reports customerInterrupts(int n) {
        customerInterruptions = n;
        return this;
    }

    Reports deadAir(double start, double end) {
        deadAir.add(new Span(start, end));
        return this;
    }

    Reports customerSentiment(double overall, double... perWindow) {
        customerSentiment = overall;
        customerTimeline = perWindow;
        return this;
    }

    Reports mono() {
        mono = true;
        return this;
    }

    AnalysisReport report() {
        List<Overlap> overlaps = new ArrayList<>();
        // A backchannel ("mm-hm") by the agent comes before anything else: it is not an interruption.
        overlaps.add(new Overlap(5.0, 5.4, "agent", "backchannel"));
        agentInterruptionsAt.forEach(s -> overlaps.add(new Overlap(s, s + 1.2, "agent", "interruption")));
        for (int i = 0; i < customerInterruptions; i++) {
            overlaps.add(new Overlap(90.0 + 3 * i, 91.0 + 3 * i, "customer", "interruption"));
        }
        overlaps.sort((a, b) -> Double.compare(a.start(), b.start()));
        List<TimelineWindow> timeline = new ArrayList<>();
        for (int i = 0; i < customerTimeline.length; i++) {
            timeline.add(new TimelineWindow(30.0 * i, 30.0 * (i + 1), customerTimeline[i], agentSentiment));
        }
        List<TranscriptSegment> transcript = List.of(
                new TranscriptSegment("agent", 0.4, 2.5, "thank you for calling how can i help",
                        List.of(new Word("thank", 0.4, 0.6, 0.97), new Word("you", 0.6, 0.7, 0.95))),
                new TranscriptSegment("customer", 3.1, 4.8, "my bill is wrong again",
                        List.of(new Word("bill", 3.4, 3.7, 0.91), new Word("wrong", 3.9, 4.2, 0.9))));
        if (mono) {
            return new AnalysisReport("call.wav", 120, Map.of("mono", "mixed"), Map.of(), null, null, List.copyOf(deadAir),
                    silenceRatio, null, null, transcript, null, List.of("mono recording: the parties cannot be told apart"),
                    null);
        }
        List<Span> spurts = List.of(new Span(0.4, 2.5), new Span(10.0, 25.0));
        PartyMetrics customer = new PartyMetrics(40.0, 150.0, 4.2, 180.0, 3.2, 11.0, 9.5, -18.0, customerInterruptions,
                0, customerSentiment, spurts);
        PartyMetrics agent = new PartyMetrics(40.0, agentWpm, agentSps, 120.0, 2.1, 8.0, 6.0, -16.0,
                agentInterruptionsAt.size(), 1, agentSentiment, spurts);
        return new AnalysisReport("call.wav", 120, Map.of("left", "customer", "right", "agent"),
                Map.of("customer", customer, "agent", agent), overlaps, overlaps.size() / 2.0, List.copyOf(deadAir),
                silenceRatio, talkRatio, new CallSentiment(customerSentiment, "neutral", List.of()), transcript, timeline,
                List.of(), null);
    }
}
