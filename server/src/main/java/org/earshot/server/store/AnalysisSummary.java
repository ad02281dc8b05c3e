package org.earshot.server.store;

import java.util.List;
import java.util.Map;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AnalysisReport.PartyMetrics;

/** The few figures of an analysis report that the store keeps in columns, for lists, QA and KPIs to query. */
record AnalysisSummary(List<String> flags, Double sentiment, Double customerSentiment, Double agentSentiment) {

    AnalysisSummary {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** The report's flags and call sentiment, and each party's sentiment; null where the report has none. */
    static AnalysisSummary of(AnalysisReport report) {
        var sentiment = report.sentiment();
        Map<String, PartyMetrics> parties = report.parties() == null ? Map.of() : report.parties();
        PartyMetrics customer = parties.get("customer");
        PartyMetrics agent = parties.get("agent");
        return new AnalysisSummary(sentiment == null ? List.of() : sentiment.flags(),
                sentiment == null ? null : sentiment.score(),
                customer == null ? null : customer.sentiment(),
                agent == null ? null : agent.sentiment());
    }
}
