package org.earshot.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.earshot.telephony.AgentActivity;
import org.earshot.telephony.AgentState;
import org.earshot.telephony.QueueState;
import org.earshot.telephony.WaitingCaller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules over the boards and today's service level, evaluated as the monitor evaluates them (whole, on a
 * change or a tick) with a clock the test moves.
 */
class FloorRulesTest {

    private static final Instant T0 = AlertRig.START;

    @TempDir
    Path dir;

    private AlertRig rig;
    private Episodes episodes;
    private FloorRules floor;
    private List<AgentState> agents = List.of();
    private List<QueueState> queues = List.of();

    @BeforeEach
    void rules() {
        rig = new AlertRig(dir);
        episodes = rig.episodes();
        floor = new FloorRules(AlertSettings.DEFAULTS);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    /** What the monitor does on a board change or a tick. */
    private void evaluate() {
        episodes.reconcile(FloorRules.SCOPE, floor.evaluate(agents, queues, rig.clock.instant(), id -> null));
    }

    private void at(int secondsFromStart) {
        rig.clock.advance(Duration.between(rig.clock.instant(), T0.plusSeconds(secondsFromStart)));
        evaluate();
    }

    private static QueueState queue(String name, WaitingCaller... callers) {
        return new QueueState(name, List.of(callers));
    }

    private static WaitingCaller caller(String id, int position, Instant since) {
        return new WaitingCaller(id, "5550102", null, position, since);
    }

    private static AgentState agent(String name, List<String> queues, AgentActivity activity, String reason, String callId,
                                    Instant since) {
        return new AgentState(name, "Local/1002@agents", queues, activity, reason, null, callId, since, null);
    }

    @Test
    void aCallerWaitingPastTheLimitRaisesOnceHoweverOftenTheBoardIsEvaluated() {
        queues = List.of(queue("support", caller("c1", 1, T0)));

        at(119);
        assertThat(rig.raised).isEmpty();
        for (int s = 120; s <= 300; s += 5) {
            at(s);
        }

        assertThat(rig.raised).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("long-wait");
            assertThat(a.callId()).isEqualTo("c1");
            assertThat(a.queue()).isEqualTo("support");
            assertThat(a.detail()).isEqualTo("a caller has waited 2 min in support (limit 2 min)");
        });
    }

    @Test
    void theWaitEpisodeEndsOnceTheCallerHasLeftForTheGracePeriodAndANewWaitIsANewAlert() {
        queues = List.of(queue("support", caller("c1", 1, T0)));
        at(130);
        queues = List.of(queue("support"));
        at(131);
        assertThat(rig.store.openEpisodes()).as("still within the grace period (a board rebuilt after a reconnect)")
                .hasSize(1);
        at(146);
        assertThat(rig.store.openEpisodes()).isEmpty();

        queues = List.of(queue("support", caller("c1", 1, T0.plusSeconds(150))));
        at(280);

        assertThat(rig.rules()).containsExactly("long-wait", "long-wait");
    }

    @Test
    void aBoardEmptiedAndRebuiltWithinTheGracePeriodRaisesNothingNew() {
        queues = List.of(queue("support", caller("c1", 1, T0)));
        at(130);
        queues = List.of();
        at(131);
        queues = List.of(queue("support", caller("c1", 1, T0)));
        at(140);
        at(150);

        assertThat(rig.raised).hasSize(1);
        assertThat(rig.store.openEpisodes()).hasSize(1);
    }

    @Test
    void aCallerOnHoldPastTheLimitRaisesOncePerHold() {
        agents = List.of(agent("Alice", List.of("support"), AgentActivity.ON_HOLD, null, "c5", T0));
        at(119);
        at(120);
        at(200);
        agents = List.of(agent("Alice", List.of("support"), AgentActivity.ON_CALL, null, "c5", T0.plusSeconds(201)));
        at(201);
        at(220);
        agents = List.of(agent("Alice", List.of("support"), AgentActivity.ON_HOLD, null, "c5", T0.plusSeconds(230)));
        at(350);

        assertThat(rig.raised).extracting(a -> a.rule() + " " + a.agent() + " " + a.callId() + " " + a.queue())
                .containsExactly("hold Alice c5 support", "hold Alice c5 support");
        assertThat(rig.raised.get(0).detail()).isEqualTo("Alice has had the caller on hold for 2 min (limit 2 min)");
    }

    @Test
    void anAgentPausedInOneReasonPastTheLimitRaisesOnceAndANewReasonStartsANewEpisode() {
        agents = List.of(agent("Bob", List.of("support"), AgentActivity.PAUSED, "break", null, T0));
        at(14 * 60);
        assertThat(rig.raised).isEmpty();
        at(15 * 60);
        at(20 * 60);
        agents = List.of(agent("Bob", List.of("support"), AgentActivity.PAUSED, "meeting", null, T0));
        at(21 * 60);
        assertThat(rig.raised).as("the meeting began at 21 min, not when the pause did").hasSize(1);
        at(36 * 60);

        assertThat(rig.raised).extracting(a -> a.rule() + " " + a.agent() + " " + a.detail()).containsExactly(
                "long-pause Bob Bob has been paused (break) for 15 min (limit 15 min)",
                "long-pause Bob Bob has been paused (meeting) for 15 min (limit 15 min)");
    }

    @Test
    void anAgentsShortestQueueLimitCountsAndAQueueCanTurnARuleOff() {
        floor = new FloorRules(AlertSettings.fromConfig(Map.of("queue.vip.alert.pause-minutes", "5",
                "queue.vip.alert.wait-seconds", "30", "queue.sales.alert.wait-seconds", "off")));
        agents = List.of(agent("Bob", List.of("support", "vip"), AgentActivity.PAUSED, "break", null, T0),
                agent("Carol", List.of("support"), AgentActivity.PAUSED, "break", null, T0));
        queues = List.of(queue("sales", caller("s1", 1, T0)), queue("vip", caller("v1", 1, T0)));

        at(5 * 60);

        assertThat(rig.raised).extracting(a -> a.rule() + " " + (a.agent() != null ? a.agent() : a.callId()))
                .containsExactlyInAnyOrder("long-wait v1", "long-pause Bob");
    }

    @Test
    void aRestartedNodeDoesNotRaiseWhatIsStillOpen() {
        queues = List.of(queue("support", caller("c1", 1, T0)));
        agents = List.of(agent("Bob", List.of("support"), AgentActivity.PAUSED, "break", null, T0));
        at(20 * 60);
        assertThat(rig.raised).hasSize(2);

        rig.restart();
        episodes = rig.episodes();
        floor = new FloorRules(AlertSettings.DEFAULTS);
        at(20 * 60 + 5);
        at(21 * 60);

        assertThat(rig.raised).hasSize(2);
    }

    @Test
    void todaysServiceLevelBelowTargetRaisesOncePerQueueAndDayOnceEnoughCallsWereOffered() {
        ServiceLevelRule rule = new ServiceLevelRule(AlertSettings.fromConfig(Map.of("queue.vip.alert.service-level-target",
                "95")));
        LocalDate day = LocalDate.of(2026, 11, 23);
        var below = List.of(new ServiceLevelRule.QueueToday("support", 9, 0.5),
                new ServiceLevelRule.QueueToday("sales", 20, 0.85),
                new ServiceLevelRule.QueueToday("vip", 20, 0.9));
        var later = List.of(new ServiceLevelRule.QueueToday("support", 12, 0.75),
                new ServiceLevelRule.QueueToday("sales", 25, 0.81),
                new ServiceLevelRule.QueueToday("vip", 22, 0.91));

        episodes.reconcile(ServiceLevelRule.SCOPE, rule.evaluate(below, day));
        episodes.reconcile(ServiceLevelRule.SCOPE, rule.evaluate(later, day));
        episodes.reconcile(ServiceLevelRule.SCOPE, rule.evaluate(later, day.plusDays(1)));

        assertThat(rig.raised).extracting(a -> a.queue() + " " + a.raisedAt()).containsExactly(
                "vip " + T0, "support " + T0, "support " + T0, "vip " + T0);
        assertThat(rig.raised.get(1).detail())
                .isEqualTo("service level of support today 75 %, below the target of 80 % (12 calls offered)");
    }
}
