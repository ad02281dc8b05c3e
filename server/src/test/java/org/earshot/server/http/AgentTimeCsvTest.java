package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.earshot.server.store.AgentTime;
import org.earshot.server.store.PauseTime;
import org.junit.jupiter.api.Test;

class AgentTimeCsvTest {

    private static final AgentTime ALICE = new AgentTime("Alice", List.of(new PauseTime(null, 4_000, 1, 4_000),
            new PauseTime("lunch", 1_800_250, 1, 1_800_250)), 2, 1);
    private static final AgentTime BOB = new AgentTime("Bob", List.of(new PauseTime("break", 600_000, 2, 420_000)), 0, 0);

    @Test
    void eachReasonFoundInTheExportGetsTimeCountAndLongestColumnsInEveryAgentsRow() {
        List<String> reasons = KpiRoutes.AgentTimeCsv.reasons(Map.of("Alice", ALICE, "Bob", BOB));

        List<String> header = List.of(KpiRoutes.AgentTimeCsv.header(reasons).substring(1).split(","));
        List<String> alice = List.of(KpiRoutes.AgentTimeCsv.line(ALICE, reasons).substring(1).split(",", -1));
        List<String> bob = List.of(KpiRoutes.AgentTimeCsv.line(BOB, reasons).substring(1).split(",", -1));

        assertThat(reasons).containsExactly("(none)", "break", "lunch");
        assertThat(header).startsWith("paused_seconds", "pauses", "longest_pause_seconds", "ring_no_answer", "missed")
                .contains("\"paused_seconds:lunch\"", "\"pauses:break\"", "\"longest_pause_seconds:(none)\"");
        assertThat(alice).hasSameSizeAs(header);
        assertThat(alice.get(header.indexOf("paused_seconds"))).isEqualTo("1804.250");
        assertThat(alice.get(header.indexOf("pauses"))).isEqualTo("2");
        assertThat(alice.get(header.indexOf("longest_pause_seconds"))).isEqualTo("1800.250");
        assertThat(alice.get(header.indexOf("ring_no_answer"))).isEqualTo("2");
        assertThat(alice.get(header.indexOf("missed"))).isEqualTo("1");
        assertThat(alice.get(header.indexOf("\"paused_seconds:(none)\""))).isEqualTo("4.000");
        assertThat(alice.get(header.indexOf("\"pauses:break\""))).as("a reason the agent never used is zero").isEqualTo("0");
        assertThat(bob.get(header.indexOf("\"longest_pause_seconds:break\""))).isEqualTo("420.000");
        assertThat(bob.get(header.indexOf("\"pauses:break\""))).isEqualTo("2");
    }

    @Test
    void theRowOfCallsWithoutAnAgentLeavesTheAgentColumnsEmpty() {
        List<String> reasons = List.of("break");

        String line = KpiRoutes.AgentTimeCsv.line(null, reasons);

        assertThat(line.split(",", -1)).hasSize(1 + 5 + 3).allMatch(String::isEmpty);
    }
}
