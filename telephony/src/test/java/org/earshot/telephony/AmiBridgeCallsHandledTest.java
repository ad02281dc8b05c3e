package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.Test;

/**
 * Calls handled earlier today, carried over a restart through the bridge: the real session up to S1a's
 * hang-up (the agents log in, Alice answers S1a) replayed through the real Asterisk-Java client.
 */
class AmiBridgeCallsHandledTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:30:00Z"), ZoneOffset.UTC);
    private static final List<String> SESSION = AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01));

    @Test
    void countsSeededBeforeStartAreOnTheBoardTheRouteScriptReadsAndCallsSeenLiveAddToThem() throws Exception {
        int s1aHangup = SESSION.indexOf(SESSION.stream().filter(e -> e.startsWith("Event: Hangup\r\n")
                && e.contains("\r\nUniqueid: earshot-lab-1795393059.1\r\n")).findFirst().orElseThrow());
        BlockingQueue<CallRecord> calls = new LinkedBlockingQueue<>();
        List<AgentState> board;
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(SESSION.subList(0, s1aHangup + 1)).start();
             AmiBridge bridge = new AmiBridge(new AmiSettings("127.0.0.1", peer.port(), "earshot", "earshot-secret",
                     Duration.ofMillis(20)), WrapUpRule.DEFAULT, CLOCK, ZoneOffset.UTC, calls::add)) {
            bridge.seedCallsHandled(LocalDate.of(2026, 11, 23), Map.of("Alice Agent", 7, "Bob Agent", 2));
            bridge.start();
            assertThat(calls.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("S1a").isNotNull();
            bridge.close(); // applies what is queued
            board = bridge.agentBoard().snapshot();
        }

        Map<String, Integer> handled = board.stream()
                .collect(Collectors.toMap(AgentState::agent, a -> a.today().callsHandled()));
        assertThat(handled).containsExactlyInAnyOrderEntriesOf(Map.of("Alice Agent", 8, "Bob Agent", 2, "Carol Agent", 0));
        assertThat(board).extracting(a -> a.today().date()).containsOnly(LocalDate.of(2026, 11, 23));
    }
}
