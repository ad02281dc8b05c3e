package org.earshot.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.earshot.telephony.AgentActivity;
import org.earshot.telephony.AgentDay;
import org.earshot.telephony.AgentState;
import org.earshot.telephony.QueueState;
import org.earshot.telephony.WaitingCaller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated live wall of {@code serve --demo}, stepped tick by tick on a clock that moves only when told. */
class DemoLiveFloorTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Instant START = Instant.parse("2026-11-27T13:20:00Z");
    static final Set<AgentActivity> BUSY = EnumSet.of(AgentActivity.RINGING, AgentActivity.ON_CALL, AgentActivity.ON_HOLD,
            AgentActivity.WRAP_UP);
    /** What the store would say: one agent with calls today, the others none yet. */
    static final Function<LocalDate, Map<String, AgentDay>> STORED = day -> Map.of("Alice Moreno", new AgentDay(day, 7, 1860, 0));

    final StepClock clock = new StepClock(START, ZONE);
    final ManualTicker ticker = new ManualTicker(clock);
    final List<DemoLiveFloor> floors = new ArrayList<>();

    @AfterEach
    void close() {
        floors.forEach(DemoLiveFloor::close);
    }

    DemoLiveFloor floor(long seed, Function<LocalDate, Map<String, AgentDay>> stored, Ticker ticker) {
        DemoLiveFloor floor = new DemoLiveFloor(seed, clock, ZONE, stored, ticker);
        floors.add(floor);
        return floor;
    }

    /** Everything the subscribers were told, in order. */
    static final class Seen {
        final List<Object> changes = new ArrayList<>();
        final List<AgentState> agents = new ArrayList<>();
        final List<List<QueueState>> walls = new ArrayList<>();

        Seen(DemoLiveFloor floor) {
            floor.agents().subscribe(a -> {
                agents.add(a);
                changes.add(a);
            });
            floor.queues().subscribe(w -> {
                walls.add(w);
                changes.add(w);
            });
        }
    }

    /** Starts the floor and runs {@code ticks} ticks. */
    void run(DemoLiveFloor floor, int ticks) {
        floor.start();
        for (int i = 0; i < ticks; i++) {
            ticker.step();
        }
    }

    @Test
    void showsTheDemosEightAgentsAndThreeQueuesFromTheStart() {
        DemoLiveFloor floor = floor(8, STORED, ticker);

        assertThat(floor.agents().snapshot()).extracting(AgentState::agent).containsExactly("Alice Moreno", "Bob Chen",
                "Carol Diaz", "David Okafor", "Emma Novak", "Frank Weber", "Grace Kim", "Henry Silva");
        assertThat(floor.queues().snapshot()).extracting(QueueState::queue).containsExactly("billing", "sales", "support");
        assertThat(floor.agents().agent("Carol Diaz")).get().extracting(AgentState::queues).isEqualTo(List.of("billing", "support"));
        assertThat(floor.source()).isEqualTo("demo");
    }

    @Test
    void everyAgentIsInOneStateWhoseSinceMovesOnlyOnAChange() {
        DemoLiveFloor floor = floor(8, STORED, ticker);
        floor.start();
        Map<String, AgentState> before = byName(floor.agents().snapshot());
        for (int i = 0; i < 600; i++) {
            ticker.step();
            List<AgentState> wall = floor.agents().snapshot();
            assertThat(wall).extracting(AgentState::agent).doesNotHaveDuplicates().hasSize(8);
            for (AgentState now : wall) {
                AgentState was = before.get(now.agent());
                boolean changed = now.activity() != was.activity() || !java.util.Objects.equals(now.callId(), was.callId());
                if (changed) {
                    assertThat(now.since()).as(now.agent()).isAfter(was.since()).isBeforeOrEqualTo(clock.instant());
                } else {
                    assertThat(now.since()).as(now.agent()).isEqualTo(was.since());
                }
            }
            before = byName(wall);
        }
    }

    @Test
    void anAnsweredCallerLeavesTheQueueAndRingsTheAgentThenTalks() {
        DemoLiveFloor floor = floor(8, STORED, ticker);
        Seen seen = new Seen(floor);
        run(floor, 300);

        List<AgentState> ringing = seen.agents.stream().filter(a -> a.activity() == AgentActivity.RINGING).toList();
        assertThat(ringing).hasSizeGreaterThan(10);
        for (AgentState ring : ringing) {
            int at = seen.changes.indexOf(ring);
            // the next queue wall after the ring no longer holds that caller
            List<QueueState> wall = seen.changes.subList(at, seen.changes.size()).stream()
                    .filter(List.class::isInstance).map(w -> queueWall(w)).findFirst().orElseThrow();
            assertThat(wall).flatExtracting(QueueState::callers).extracting(WaitingCaller::uniqueId).doesNotContain(ring.callId());
            AgentState next = seen.agents.stream().skip(seen.agents.indexOf(ring) + 1L)
                    .filter(a -> a.agent().equals(ring.agent())).findFirst().orElse(null);
            if (next != null) {
                assertThat(next.activity()).isEqualTo(AgentActivity.ON_CALL);
                assertThat(next.callId()).isEqualTo(ring.callId());
                assertThat(next.caller()).isEqualTo(ring.caller());
                assertThat(Duration.between(ring.since(), next.since())).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(5));
            }
        }
        assertThat(ringing).filteredOn(a -> a.caller() != null).hasSizeGreaterThan(5);
    }

    @Test
    void theFirstCallerOfAQueueIsAnsweredByAnAgentOfThatQueue() {
        DemoLiveFloor floor = floor(8, STORED, ticker);
        Seen seen = new Seen(floor);
        run(floor, 1200);

        int checked = 0;
        List<QueueState> wall = null;
        for (Object change : seen.changes) {
            if (change instanceof List<?>) {
                wall = queueWall(change);
            } else if (change instanceof AgentState ring && ring.activity() == AgentActivity.RINGING && wall != null) {
                QueueState from = wall.stream()
                        .filter(q -> q.callers().stream().anyMatch(c -> c.uniqueId().equals(ring.callId()))).findFirst().orElse(null);
                if (from != null) { // else it joined before the floor started
                    checked++;
                    assertThat(ring.queues()).contains(from.queue());
                    assertThat(from.callers().get(0).uniqueId()).isEqualTo(ring.callId());
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void positionsRenumberWhenTheFirstCallerIsAnswered() {
        DemoLiveFloor floor = floor(8, STORED, ticker);
        Seen seen = new Seen(floor);
        run(floor, 1200);
        Set<String> answered = new HashSet<>();
        seen.agents.forEach(a -> answered.add(a.callId()));

        int movedUp = 0;
        for (int i = 1; i < seen.walls.size(); i++) {
            for (QueueState now : seen.walls.get(i)) {
                assertThat(now.callers()).extracting(WaitingCaller::position)
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, now.waiting()).boxed().toList());
                QueueState was = seen.walls.get(i - 1).stream().filter(q -> q.queue().equals(now.queue())).findFirst().orElseThrow();
                if (was.waiting() >= 2 && now.waiting() == was.waiting() - 1
                        && now.callers().get(0).uniqueId().equals(was.callers().get(1).uniqueId())
                        && answered.contains(was.callers().get(0).uniqueId())) {
                    movedUp++;
                    assertThat(now.callers().get(0).position()).isEqualTo(1);
                    assertThat(was.callers().get(1).position()).isEqualTo(2);
                }
            }
        }
        assertThat(movedUp).isGreaterThan(5);
    }

    @Test
    void subscribersGetEachChange() {
        DemoLiveFloor floor = floor(8, STORED, ticker);
        Seen seen = new Seen(floor);
        floor.start();
        Map<String, AgentState> told = byName(floor.agents().snapshot());
        List<QueueState> lastWall = floor.queues().snapshot();
        for (int i = 0; i < 300; i++) {
            ticker.step();
            seen.agents.forEach(a -> told.put(a.agent(), a));
            lastWall = seen.walls.isEmpty() ? lastWall : seen.walls.get(seen.walls.size() - 1);
            seen.agents.clear();
            seen.walls.clear();

            assertThat(told).isEqualTo(byName(floor.agents().snapshot()));
            assertThat(lastWall).isEqualTo(floor.queues().snapshot());
        }
    }

    @Test
    void aSubscriberThatUnsubscribedHearsNothingMore() throws Exception {
        DemoLiveFloor floor = floor(8, STORED, ticker);
        List<AgentState> heard = new ArrayList<>();
        AutoCloseable subscription = floor.agents().subscribe(heard::add);
        run(floor, 20);
        subscription.close();
        int before = heard.size();

        for (int i = 0; i < 50; i++) {
            ticker.step();
        }

        assertThat(before).isPositive();
        assertThat(heard).hasSize(before);
    }

    @Test
    void theSameSeedPlaysTheSameFloor() {
        StepClock otherClock = new StepClock(START, ZONE);
        ManualTicker otherTicker = new ManualTicker(otherClock);
        DemoLiveFloor one = floor(8, STORED, ticker);
        DemoLiveFloor two = new DemoLiveFloor(8, otherClock, ZONE, STORED, otherTicker);
        floors.add(two);
        DemoLiveFloor other = new DemoLiveFloor(9, new StepClock(START, ZONE), ZONE, STORED, new ManualTicker(clock));
        Seen first = new Seen(one);
        Seen second = new Seen(two);
        one.start();
        two.start();

        for (int i = 0; i < 300; i++) {
            ticker.step();
            otherTicker.step();
        }

        assertThat(first.changes).hasSizeGreaterThan(300).isEqualTo(second.changes);
        assertThat(other.agents().snapshot()).isNotEqualTo(one.agents().snapshot()); // a seed of its own
    }

    @Test
    void ticksComeEveryOneToThreeSecondsAndMostChangeSomething() {
        DemoLiveFloor floor = floor(8, STORED, ticker);
        Seen seen = new Seen(floor);
        floor.start();
        int quiet = 0;
        int ticks = 1800;
        for (int i = 0; i < ticks; i++) {
            assertThat(ticker.delay()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
            int before = seen.changes.size();
            ticker.step();
            quiet += seen.changes.size() == before ? 1 : 0;
        }
        assertThat(quiet).as("ticks without a change").isLessThan(ticks / 4);
    }

    @Test
    void settlesWithMostAgentsBusyAndNoMoreThanFourWaitingPerQueue() {
        DemoLiveFloor floor = floor(8, STORED, ticker);
        floor.start();
        double busy = 0;
        int someoneWaiting = 0;
        int samples = 3600;
        for (int i = 0; i < samples; i++) {
            ticker.step();
            busy += floor.agents().snapshot().stream().filter(a -> BUSY.contains(a.activity())).count();
            List<QueueState> wall = floor.queues().snapshot();
            assertThat(wall).allSatisfy(q -> assertThat(q.waiting()).isBetween(0, 4));
            someoneWaiting += wall.stream().anyMatch(q -> q.waiting() > 0) ? 1 : 0;
        }
        assertThat(busy / samples).as("agents busy on average").isBetween(5.0, 7.8);
        assertThat(someoneWaiting).as("ticks with somebody waiting").isBetween(samples / 5, samples * 9 / 10);
    }

    @Test
    void agentsPauseForLunchOrTrainingAndSomeCallersHangUp() {
        DemoLiveFloor floor = floor(8, STORED, ticker);
        Seen seen = new Seen(floor);
        run(floor, 3600);

        assertThat(seen.agents).filteredOn(a -> a.activity() == AgentActivity.PAUSED).extracting(AgentState::pauseReason)
                .contains("lunch", "training").containsOnly("lunch", "training");
        assertThat(seen.agents).filteredOn(a -> a.activity() != AgentActivity.PAUSED).extracting(AgentState::pauseReason)
                .containsOnlyNulls();
        assertThat(seen.agents).filteredOn(a -> a.activity() == AgentActivity.ON_HOLD).isNotEmpty();
        Set<String> answered = new HashSet<>();
        seen.agents.stream().filter(a -> a.callId() != null).forEach(a -> answered.add(a.callId()));
        Set<String> queued = new HashSet<>();
        seen.walls.forEach(w -> w.forEach(q -> q.callers().forEach(c -> queued.add(c.uniqueId()))));
        Set<String> lastWaiting = new HashSet<>();
        floor.queues().snapshot().forEach(q -> q.callers().forEach(c -> lastWaiting.add(c.uniqueId())));
        queued.removeAll(answered);
        queued.removeAll(lastWaiting);
        assertThat(queued).as("callers who hung up while waiting").hasSizeBetween(5, answered.size() / 4);
    }

    @Test
    void todayIsWhatTheStoreSaysAndTheFloorAddsNothingToIt() {
        DemoLiveFloor floor = floor(8, STORED, ticker);
        run(floor, 600);

        LocalDate day = LocalDate.of(2026, 11, 27);
        assertThat(floor.agents().agent("Alice Moreno")).get().extracting(AgentState::today)
                .isEqualTo(new AgentDay(day, 7, 1860, 0));
        assertThat(floor.agents().snapshot()).filteredOn(a -> !a.agent().equals("Alice Moreno"))
                .extracting(AgentState::today).containsOnlyNulls();
    }

    @Test
    void aNewDayReadsTheStoreAgain() {
        List<LocalDate> asked = new ArrayList<>();
        DemoLiveFloor floor = floor(8, day -> {
            asked.add(day);
            return STORED.apply(day);
        }, ticker);
        floor.start();
        ticker.step();
        clock.advance(Duration.ofHours(12)); // past midnight in Berlin
        ticker.step();
        ticker.step();

        assertThat(asked).containsExactly(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 28));
        assertThat(floor.agents().agent("Alice Moreno").orElseThrow().today().date()).isEqualTo(LocalDate.of(2026, 11, 28));
    }

    @Test
    void countsThatCannotBeReadLeaveTodayEmptyAndTheFloorMoving() {
        DemoLiveFloor floor = floor(8, day -> {
            throw new IllegalStateException("database gone");
        }, ticker);
        Seen seen = new Seen(floor);
        run(floor, 30);

        assertThat(floor.agents().snapshot()).extracting(AgentState::today).containsOnlyNulls();
        assertThat(seen.changes).isNotEmpty();
        assertThat(ticker.pending()).isNotNull();
    }

    @Test
    void closingStopsTheTicks() {
        DemoLiveFloor floor = floor(8, STORED, ticker);
        Seen seen = new Seen(floor);
        run(floor, 10);
        Runnable due = ticker.pending();
        List<AgentState> wall = floor.agents().snapshot();

        int heard = seen.changes.size();

        floor.close();
        clock.advance(Duration.ofMinutes(5));
        due.run(); // a tick that was already on its way when the floor closed

        assertThat(ticker.pending()).isNull();
        assertThat(floor.agents().snapshot()).isEqualTo(wall);
        assertThat(seen.changes).hasSize(heard);
    }

    @Test
    void theServersTickerIsOneDaemonThreadThatEndsOnClose() throws Exception {
        DemoLiveFloor floor = floor(8, STORED, Ticker.daemon());
        CountDownLatch ticked = new CountDownLatch(1);
        floor.agents().subscribe(a -> ticked.countDown());
        floor.start();

        assertThat(ticked.await(10, TimeUnit.SECONDS)).as("a first tick").isTrue();
        List<Thread> threads = floorThreads();
        assertThat(threads).hasSize(1).allMatch(Thread::isDaemon);
        floor.close();

        threads.get(0).join(5_000); // the pool says it terminated a moment before its thread is gone
        assertThat(threads.get(0).isAlive()).isFalse();
    }

    private static List<Thread> floorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("earshot-demo-floor") && t.isAlive()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<QueueState> queueWall(Object change) {
        return (List<QueueState>) change;
    }

    private static Map<String, AgentState> byName(List<AgentState> wall) {
        Map<String, AgentState> map = new HashMap<>();
        wall.forEach(a -> map.put(a.agent(), a));
        return map;
    }
}
