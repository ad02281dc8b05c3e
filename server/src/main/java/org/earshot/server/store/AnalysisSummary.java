package org.earshot.server.store;

import java.util.List;

/** The few figures of an analysis report that the store keeps in columns. */
public record AnalysisSummary(List<String> flags, Double sentiment, Double customerSentiment, Double agentSentiment) {

    public AnalysisSummary {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }
}
