package org.earshot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.earshot.search.CallQuery;
import org.earshot.telephony.CallOutcome;
import org.junit.jupiter.api.Test;

/** search keeps its own lists of what telephony and speech produce (modules do not depend on each other): they must agree. */
class ModuleVocabularyTest {

    @Test
    void searchAcceptsExactlyTheOutcomesTelephonyRecords() {
        assertThat(CallQuery.OUTCOMES).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(CallOutcome.values()).map(CallOutcome::key).toList());
    }

    @Test
    void searchAcceptsEveryFlagTheAnalysisRaises() {
        assertThat(CallQuery.FLAGS).contains("customer-negative", "agent-negative", "escalation", "long-dead-air",
                "frequent-interruptions");
    }
}
