package org.earshot.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.earshot.telephony.AgentActivity;
import org.earshot.telephony.AgentDay;
import org.earshot.telephony.AgentState;
import org.earshot.telephony.AgiServer;
import org.earshot.telephony.AgiSettings;
import org.earshot.telephony.OpeningHours;
import org.earshot.telephony.QueueRouting;
import org.earshot.telephony.QueueRouting.Assignment;
import org.earshot.telephony.testing.FakeAsterisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The route script's SPEC assignment rules, driven over a real socket. */
class RouteScriptTest {

    private static final ZoneId ZONE = ZoneId.of("UTC");
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private final List<AgentState> board = new CopyOnWriteArrayList<>();
    private AgiServer server;
    private int port;

    @AfterEach
    void stop() {
        server.close();
    }

    private void start(Assignment rule) {
        AgiSettings settings = Agi.settings(ZONE,
                new QueueRouting("support", rule, OpeningHours.ALWAYS, List.of(), ZONE));
        server = new AgiServer(settings, Map.of("route",
                new RouteScript(settings, () -> List.copyOf(board), Clock.fixed(NOW, ZONE))));
        port = server.start();
    }

    private static AgentState agent(String name, String ext, AgentActivity activity, int callsToday, String... queues) {
        return new AgentState(name, "Local/" + ext + "@agents/n", List.of(queues), activity, null, null, null, NOW,
                new AgentDay(TODAY, callsToday, 0, 0));
    }

    private Map<String, String> route() throws Exception {
        return FakeAsterisk.call("route?queue=support").dial(port).variables();
    }

    private List<String> routeNames(int calls) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            names.add(route().get("EARSHOT_AGENT_NAME"));
        }
        return names;
    }

    @Test
    void roundRobinGoesAlphabeticallyAndContinuesAfterTheLastOneChosen() throws Exception {
        board.add(agent("Carol Agent", "1003", AgentActivity.AVAILABLE, 0, "support"));
        board.add(agent("Alice Agent", "1001", AgentActivity.AVAILABLE, 0, "support"));
        board.add(agent("Bob Agent", "1002", AgentActivity.AVAILABLE, 0, "support"));
        start(Assignment.ROUND_ROBIN);

        assertThat(routeNames(2)).containsExactly("Alice Agent", "Bob Agent");
        // Carol goes on a call: the next after Bob is Alice again, not Carol.
        board.removeIf(a -> a.agent().startsWith("Carol"));
        board.add(agent("Carol Agent", "1003", AgentActivity.ON_CALL, 0, "support"));
        assertThat(routeNames(2)).containsExactly("Alice Agent", "Bob Agent");
    }

    @Test
    void roundRobinSetsTheChosenAgentsInterfaceForTheDialplan() throws Exception {
        board.add(agent("Bob Agent", "1002", AgentActivity.AVAILABLE, 0, "support"));
        start(Assignment.ROUND_ROBIN);

        assertThat(route()).containsEntry("EARSHOT_AGENT", "Local/1002@agents/n")
                .containsEntry("EARSHOT_AGENT_NAME", "Bob Agent").containsEntry("EARSHOT_ROUTE", "agent");
    }

    @ParameterizedTest
    @EnumSource(value = Assignment.class, names = {"ROUND_ROBIN", "BALANCED"})
    void aCallSentToAnAgentCarriesTheQueueItWasRoutedForSoTheTrackerCanCountItThere(Assignment rule) throws Exception {
        board.add(agent("Alice Agent", "1001", AgentActivity.AVAILABLE, 0, "support"));
        start(rule);

        FakeAsterisk.Session call = FakeAsterisk.call("route?queue=support").dial(port);

        assertThat(call.variables()).containsEntry("EARSHOT_QUEUE", "support").containsEntry("EARSHOT_ROUTE", "agent");
        // Worded as in fastagi-01.log, where Asterisk accepted SET VARIABLE ROUTE_QUEUE "support".
        assertThat(call.commands()).contains("SET VARIABLE EARSHOT_QUEUE \"support\"");
    }

    @Test
    void balancedPicksTheAvailableAgentWithFewestCallsTodayTiesAlphabetical() throws Exception {
        board.add(agent("Alice Agent", "1001", AgentActivity.AVAILABLE, 5, "support"));
        board.add(agent("Carol Agent", "1003", AgentActivity.AVAILABLE, 2, "support"));
        board.add(agent("Bob Agent", "1002", AgentActivity.AVAILABLE, 2, "support"));
        board.add(agent("Dave Agent", "1004", AgentActivity.PAUSED, 0, "support"));
        board.add(agent("Eve Agent", "1005", AgentActivity.AVAILABLE, 0, "sales"));
        start(Assignment.BALANCED);

        assertThat(route()).containsEntry("EARSHOT_AGENT_NAME", "Bob Agent");
    }

    @Test
    void balancedCountsCallsOfAnEarlierDayAsNone() throws Exception {
        board.add(agent("Alice Agent", "1001", AgentActivity.AVAILABLE, 1, "support"));
        board.add(new AgentState("Bob Agent", "Local/1002@agents/n", List.of("support"), AgentActivity.AVAILABLE,
                null, null, null, NOW, new AgentDay(TODAY.minusDays(1), 9, 0, 0)));
        start(Assignment.BALANCED);

        assertThat(route()).containsEntry("EARSHOT_AGENT_NAME", "Bob Agent");
    }

    @Test
    void noAvailableAgentLeavesTheAgentEmptyAndSaysFallback() throws Exception {
        board.add(agent("Alice Agent", "1001", AgentActivity.ON_CALL, 0, "support"));
        board.add(agent("Bob Agent", "1002", AgentActivity.AVAILABLE, 0, "sales"));
        start(Assignment.ROUND_ROBIN);

        assertThat(route()).containsEntry("EARSHOT_AGENT", "").containsEntry("EARSHOT_ROUTE", "fallback");
    }

    @Test
    void unassignedQueueChoosesNobodyAndLetsTheCallWaitInTheQueue() throws Exception {
        board.add(agent("Alice Agent", "1001", AgentActivity.AVAILABLE, 0, "support"));
        start(Assignment.UNASSIGNED);

        assertThat(route()).containsEntry("EARSHOT_AGENT", "").containsEntry("EARSHOT_ROUTE", "queue");
    }

    @Test
    void urlWithoutAQueueFallsBack() throws Exception {
        start(Assignment.ROUND_ROBIN);

        assertThat(FakeAsterisk.call("route").dial(port).variables()).containsEntry("EARSHOT_ROUTE", "fallback")
                .containsEntry("EARSHOT_QUEUE", "");
    }
}
