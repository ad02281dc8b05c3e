package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.earshot.telephony.testing.TimedCapture;
import org.junit.jupiter.api.Test;

/**
 * Callers waiting per queue, from the real session replayed through the real Asterisk-Java client. The
 * timed replay carries each event's arrival time at the lab as its Timestamp header (see {@link TimedCapture}),
 * so "since" is the lab's clock; the instants below are chunk times in {@code ami-session-01.log}.
 */
class AmiBridgeQueueBoardTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Instant NOW = Instant.parse("2026-11-23T00:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final List<String> SESSION = AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01));
    private static final List<String> TIMED = TimedCapture.events(AmiCapture.resource(TimedCapture.SESSION_01_LOG));
    private static final String S1A = "earshot-lab-1795393059.1";
    private static final String S1B = "earshot-lab-1795393091.5";
    private static final String S2 = "earshot-lab-1795393121.9";

    private final History history = new History();

    @Test
    void aCallerJoiningAQueueWaitsThereWithItsPositionAndSinceFromTheEventTime() {
        replay(TIMED.subList(0, indexOf(TIMED, "QueueCallerJoin", S1A) + 1),
                wall -> waiting(wall, "support").size() == 1);

        QueueState support = history.last("support");
        assertThat(support.waiting()).isEqualTo(1);
        assertThat(support.callers()).singleElement().isEqualTo(new WaitingCaller(S1A, "5550101", "Customer 5550101", 1,
                Instant.parse("2026-11-23T00:17:39.901528Z")));
        assertThat(support.longestWaitSince()).isEqualTo(Instant.parse("2026-11-23T00:17:39.901528Z"));
        assertThat(history.last("sales")).as("known from the QueueStatus at login, nobody waiting").satisfies(sales -> {
            assertThat(sales.waiting()).isZero();
            assertThat(sales.longestWaitSince()).isNull();
        });
    }

    @Test
    void aCallerLeavesTheQueueWhenAnAgentAnswers() {
        replay(TIMED.subList(0, indexOf(TIMED, "QueueCallerLeave", S1A) + 1),
                wall -> history.sawWaiting(S1A) && waiting(wall, "support").isEmpty());

        assertThat(history.last("support").waiting()).isZero();
        assertThat(history.last("support").longestWaitSince()).isNull();
    }

    @Test
    void aCallerWhoAbandonsLeavesTheQueueWithTheAbandonEvent() {
        // S2's QueueCallerAbandon, before the QueueCallerLeave Asterisk sends after it; a QueueStatus answer
        // listed S2 in between (QueueEntry, Wait: 5) and must not move when it started waiting.
        replay(TIMED.subList(0, indexOf(TIMED, "QueueCallerAbandon", S2) + 1),
                wall -> history.sawWaiting(S2) && waiting(wall, "support").isEmpty());

        assertThat(history.callers(S2)).isNotEmpty().allSatisfy(c -> {
            assertThat(c.since()).isEqualTo(Instant.parse("2026-11-23T00:18:41.518859Z"));
            assertThat(c.caller()).isEqualTo("5550103");
            assertThat(c.position()).isEqualTo(1);
        });
        assertThat(history.last("support").waiting()).isZero();
    }

    @Test
    void aCallerBehindMovesUpWhenTheOneAheadIsAnswered() {
        // The lab never had two callers waiting at once: S2's QueueCallerJoin is the capture's, sent while S1b
        // waits, with Position and Count as Asterisk writes them for a second caller.
        String s2JoinsSecond = find("QueueCallerJoin", S2).replace("Position: 1\r\nCount: 1", "Position: 2\r\nCount: 2");
        List<String> events = new ArrayList<>(SESSION.subList(0, indexOf(SESSION, "QueueCallerJoin", S1B) + 1));
        events.add(s2JoinsSecond);
        events.add(find("QueueCallerLeave", S1B));

        replay(events, wall -> history.sawWaiting(S1B) && waiting(wall, "support").size() == 1
                && waiting(wall, "support").get(0).uniqueId().equals(S2));

        assertThat(history.snapshots()).anySatisfy(wall -> assertThat(waiting(wall, "support"))
                .extracting(WaitingCaller::uniqueId, WaitingCaller::position)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(S1B, 1), org.assertj.core.groups.Tuple.tuple(S2, 2)));
        assertThat(history.last("support").callers()).singleElement()
                .satisfies(c -> assertThat(c.position()).isEqualTo(1));
    }

    @Test
    void afterAReconnectTheWaitingCallersAreRebuiltFromQueueStatus() {
        // The QueueStatus answer of S2 (ActionID earshot-025): support's params, its three members and S2
        // waiting for 5 s. S1a, waiting when the link dropped, is not in it: it left while we were away.
        List<String> s2Listing = SESSION.stream().filter(e -> e.contains("\r\nActionID: earshot-025")
                && !e.startsWith("Event: QueueStatusComplete\r\n"))
                .map(e -> e.replace("\r\nActionID: earshot-025", "")).toList();
        assertThat(s2Listing).hasSize(5);
        int s1aJoined = indexOf(SESSION, "QueueCallerJoin", S1A) + 1;
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(SESSION).replayAfterAction("CoreShowChannels")
                .dropFirstSessionAfter(s1aJoined).thenReplaying(List.of())
                .answering("QueueStatus", login -> login == 1 ? List.of() : s2Listing)
                .answering("CoreShowChannels", login -> List.of()).start();
             AmiBridge bridge = bridge(peer.port())) {
            bridge.queueBoard().subscribe(history::add);
            bridge.start();

            history.await(wall -> history.sawWaiting(S1A) && waiting(wall, "support").stream()
                    .map(WaitingCaller::uniqueId).toList().equals(List.of(S2)));

            assertThat(peer.logins()).isEqualTo(2);
            assertThat(bridge.queueBoard().queue("support")).get().satisfies(support -> {
                assertThat(support.callers()).singleElement().isEqualTo(new WaitingCaller(S2, "5550103",
                        "Customer 5550103", 1, NOW.minusSeconds(5)));
                assertThat(support.longestWaitSince()).as("receipt time less Wait").isEqualTo(NOW.minusSeconds(5));
            });
        }
    }

    private void replay(List<String> events, Predicate<List<QueueState>> done) {
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(events).start(); AmiBridge bridge = bridge(peer.port())) {
            bridge.queueBoard().subscribe(history::add);
            bridge.start();
            history.await(done);
            assertThat(bridge.queueBoard().snapshot()).isEqualTo(history.last());
        }
    }

    private static AmiBridge bridge(int port) {
        return new AmiBridge(new AmiSettings("127.0.0.1", port, "earshot", "earshot-secret", Duration.ofMillis(20)),
                WrapUpRule.DEFAULT, CLOCK, ZoneOffset.UTC, call -> { });
    }

    private static List<WaitingCaller> waiting(List<QueueState> wall, String queue) {
        return wall.stream().filter(q -> q.queue().equals(queue)).findFirst().map(QueueState::callers).orElse(List.of());
    }

    private static int indexOf(List<String> events, String type, String uniqueId) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith("Event: " + type + "\r\n") && events.get(i).contains("\r\nUniqueid: " + uniqueId + "\r\n")) {
                return i;
            }
        }
        throw new IllegalStateException(type + " of " + uniqueId);
    }

    private static String find(String type, String uniqueId) {
        return SESSION.get(indexOf(SESSION, type, uniqueId));
    }

    /** Every list the board published, in order; waits on it without sleeping. */
    private static final class History {
        private final List<List<QueueState>> snapshots = new ArrayList<>();

        synchronized void add(List<QueueState> wall) {
            snapshots.add(wall);
            notifyAll();
        }

        synchronized void await(Predicate<List<QueueState>> done) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (snapshots.isEmpty() || !done.test(snapshots.get(snapshots.size() - 1))) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("queue board reached the expected state within %s; saw %s", TIMEOUT, snapshots)
                        .isPositive();
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }

        synchronized List<List<QueueState>> snapshots() {
            return List.copyOf(snapshots);
        }

        synchronized List<QueueState> last() {
            return snapshots.get(snapshots.size() - 1);
        }

        QueueState last(String queue) {
            Optional<QueueState> found = last().stream().filter(q -> q.queue().equals(queue)).findFirst();
            assertThat(found).as("queue %s on the board", queue).isPresent();
            return found.get();
        }

        /** Every published view of this caller while it waited. */
        synchronized List<WaitingCaller> callers(String uniqueId) {
            return snapshots.stream().flatMap(List::stream).flatMap(q -> q.callers().stream())
                    .filter(c -> c.uniqueId().equals(uniqueId)).toList();
        }

        boolean sawWaiting(String uniqueId) {
            return !callers(uniqueId).isEmpty();
        }
    }
}
