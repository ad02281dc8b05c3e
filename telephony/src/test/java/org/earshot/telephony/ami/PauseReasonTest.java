package org.earshot.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.earshot.telephony.AgentActivity;
import org.earshot.telephony.AgentState;
import org.junit.jupiter.api.Test;

/** The reason of a pause, from Asterisk 22's QueueMemberPause to the agent board (the pause reports read it there). */
class PauseReasonTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant AT = Instant.parse("2026-11-23T00:18:11.654Z");

    @Test
    void asterisk22sQueueMemberPauseCarriesItsPausedReasonToTheBoard() {
        // What Asterisk-Java makes of "PausedReason: break" on a QueueMemberPause event (ami-session-01).
        QueueMemberPauseEvent event = new QueueMemberPauseEvent(this);
        event.setQueue("support");
        event.setMemberName("Alice Agent");
        event.setInterface("Local/1001@agents/n");
        event.setPaused(true);
        event.setPausedreason("break");

        MemberEvent.MemberSeen seen = (MemberEvent.MemberSeen) MemberEventTranslation.translate(event, AT);

        assertThat(seen.pauseReason()).isEqualTo("break");
        assertThat(seen.paused()).isTrue();
    }

    @Test
    void aNewReasonDuringAPauseStartsTheAgentsPausedTimeAgain() {
        AgentStates board = new AgentStates(Clock.fixed(AT, UTC), UTC);
        board.apply(member(AT, false, null), linkedId -> false);
        board.apply(member(AT.plusSeconds(10), true, "break"), linkedId -> false);
        board.apply(member(AT.plusSeconds(20), true, "break"), linkedId -> false);
        assertThat(board.agent("Alice Agent").orElseThrow().since()).as("the same reason again: the same pause")
                .isEqualTo(AT.plusSeconds(10));

        board.apply(member(AT.plusSeconds(70), true, "meeting"), linkedId -> false);

        AgentState alice = board.agent("Alice Agent").orElseThrow();
        assertThat(alice.activity()).isEqualTo(AgentActivity.PAUSED);
        assertThat(alice.pauseReason()).isEqualTo("meeting");
        assertThat(alice.since()).isEqualTo(AT.plusSeconds(70));
    }

    private static MemberEvent.MemberSeen member(Instant at, boolean paused, String reason) {
        return new MemberEvent.MemberSeen(at, "support", "Alice Agent", "Local/1001@agents/n", paused, reason, 1, false,
                0, 0, false);
    }
}
