package org.earshot.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.earshot.telephony.AgentDay;
import org.junit.jupiter.api.Test;

/** Today's calls handled per agent, carried over a restart with {@link AgentStates#seedCallsHandled}. */
class AgentStatesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private AgentStates board = new AgentStates(Clock.fixed(NOW, BERLIN), BERLIN);

    @Test
    void callsCarriedOverCountForAgentsWhoLogInAfterwardsAndLaterCallsAddToThem() {
        board.seedCallsHandled(TODAY, Map.of("Alice Agent", 4, "Bob Agent", 1));
        board.tick(NOW);
        loggedIn("Alice Agent", NOW);

        assertThat(today("Alice Agent").callsHandled()).isEqualTo(4);
        assertThat(board.agent("Bob Agent")).as("a count puts nobody on the board").isEmpty();

        completed("Alice Agent", NOW.plusSeconds(60));

        assertThat(today("Alice Agent")).isEqualTo(new AgentDay(TODAY, 5, 30, 0));
    }

    @Test
    void theCountIsTheLargerOfTheCarryOverAndTheCallsSeenLiveSoNoCallCountsTwice() {
        loggedIn("Alice Agent", NOW);
        completed("Alice Agent", NOW.plusSeconds(60));
        completed("Alice Agent", NOW.plusSeconds(120));

        board.seedCallsHandled(TODAY, Map.of("Alice Agent", 3));
        board.tick(NOW.plusSeconds(130));
        assertThat(today("Alice Agent").callsHandled()).as("3 stored, 2 of them seen live").isEqualTo(3);

        board.seedCallsHandled(TODAY, Map.of("Alice Agent", 1));
        board.tick(NOW.plusSeconds(140));
        assertThat(today("Alice Agent").callsHandled()).isEqualTo(3);
    }

    @Test
    void aCarryOverForADayThatIsNotTodayIsDropped() {
        board.seedCallsHandled(TODAY.minusDays(1), Map.of("Alice Agent", 4));
        board.tick(NOW);
        loggedIn("Alice Agent", NOW);

        assertThat(today("Alice Agent")).isEqualTo(new AgentDay(TODAY, 0, 0, 0));
    }

    @Test
    void carriedOverCallsStartAgainFromZeroAtMidnightInTheBoardsZone() {
        Instant lateEvening = Instant.parse("2026-11-23T22:30:00Z"); // 23:30 in Berlin
        board = new AgentStates(Clock.fixed(lateEvening, BERLIN), BERLIN);
        board.seedCallsHandled(TODAY, Map.of("Alice Agent", 4));
        loggedIn("Alice Agent", lateEvening);
        assertThat(today("Alice Agent").callsHandled()).isEqualTo(4);

        board.apply(new MemberEvent.MemberSeen(Instant.parse("2026-11-23T23:00:01Z"), "support", "Alice Agent", null,
                true, "break", 1, false, null, null, false), linkedId -> false);

        assertThat(today("Alice Agent")).isEqualTo(new AgentDay(TODAY.plusDays(1), 0, 0, 0));
    }

    @Test
    void aNegativeCountIsRefusedNamingTheAgentAndTheValue() {
        assertThatThrownBy(() -> board.seedCallsHandled(TODAY, Map.of("Alice Agent", -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Alice Agent").hasMessageContaining("-1");
    }

    private void loggedIn(String agent, Instant at) {
        board.apply(new MemberEvent.MemberSeen(at, "support", agent, "Local/1001@agents/n", false, null, 1, false,
                0, 0, false), linkedId -> false);
    }

    private void completed(String agent, Instant at) {
        board.apply(new CallEvent.AgentCompleted("earshot-lab-1795393059.1", at, agent, 6L, 30L, "caller"),
                linkedId -> false);
    }

    private AgentDay today(String agent) {
        return board.agent(agent).orElseThrow().today();
    }
}
