package org.earshot.server.coaching;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.AnalysisReport.TimelineWindow;

/** Distils the {@link CallCues} coaching keeps from an analysis report (SPEC, "Call analysis report"). */
final class ReportCues {

    private ReportCues() {
    }

    static CallCues of(AnalysisReport report, Instant analysedAt) {
        Map<String, PartyMetrics> parties = report.parties() == null ? Map.of() : report.parties();
        PartyMetrics agent = parties.get("agent");
        PartyMetrics customer = parties.get("customer");
        DeadAir deadAir = DeadAir.of(report.deadAir());
        Extremes customerMood = Extremes.of(report.timeline(), TimelineWindow::customerSentiment);
        Extremes agentMood = Extremes.of(report.timeline(), TimelineWindow::agentSentiment);
        return new CallCues(analysedAt, true,
                value(agent == null ? null : agent.wordsPerMinute()),
                value(agent == null ? null : agent.syllablesPerSecond()),
                count(agent == null ? null : agent.interruptions()),
                count(customer == null ? null : customer.interruptions()),
                value(report.agentTalkRatio()),
                deadAir.seconds(), deadAir.gaps(), deadAir.longestStart(), deadAir.longestSeconds(),
                value(report.silenceRatio()),
                value(customer == null ? null : customer.sentiment()),
                value(agent == null ? null : agent.sentiment()),
                firstInterruptionBy("agent", report.overlaps()),
                customerMood.lowestAt(), customerMood.highestAt(), agentMood.lowestAt(), agentMood.highestAt());
    }

    private static double firstInterruptionBy(String party, List<Overlap> overlaps) {
        if (overlaps == null) {
            return Double.NaN;
        }
        // Overlaps are in time order (SPEC), but a minimum costs nothing and does not rely on it.
        return overlaps.stream().filter(o -> party.equals(o.by()) && "interruption".equals(o.kind()))
                .mapToDouble(Overlap::start).min().orElse(Double.NaN);
    }

    /** Dead air of a call: total, number of gaps, and the longest gap (where a reviewer should listen). */
    private record DeadAir(double seconds, int gaps, double longestStart, double longestSeconds) {
        static DeadAir of(List<Span> spans) {
            if (spans == null) {
                return new DeadAir(Double.NaN, 0, Double.NaN, Double.NaN);
            }
            double total = 0;
            Span longest = null;
            for (Span s : spans) {
                total += s.end() - s.start();
                if (longest == null || s.end() - s.start() > longest.end() - longest.start()) {
                    longest = s;
                }
            }
            return longest == null ? new DeadAir(0, 0, Double.NaN, Double.NaN)
                    : new DeadAir(total, spans.size(), longest.start(), longest.end() - longest.start());
        }
    }

    /** Where in the call a party's sentiment window was lowest and highest. */
    private record Extremes(double lowestAt, double highestAt) {
        static Extremes of(List<TimelineWindow> timeline, Function<TimelineWindow, Double> sentiment) {
            TimelineWindow lowest = null;
            TimelineWindow highest = null;
            for (TimelineWindow w : timeline == null ? List.<TimelineWindow>of() : timeline) {
                Double s = sentiment.apply(w);
                if (s == null) {
                    continue;
                }
                if (lowest == null || s < sentiment.apply(lowest)) {
                    lowest = w;
                }
                if (highest == null || s > sentiment.apply(highest)) {
                    highest = w;
                }
            }
            return new Extremes(lowest == null ? Double.NaN : lowest.start(), highest == null ? Double.NaN : highest.start());
        }
    }

    private static double value(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static double count(Integer i) {
        return i == null ? Double.NaN : i;
    }
}
