package org.earshot.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.earshot.server.Json;
import org.earshot.server.live.LiveClient;
import org.earshot.server.live.LiveHub;
import org.earshot.server.live.LiveTranscript;
import org.earshot.telephony.AgentActivity;
import org.earshot.telephony.AgentBoard;
import org.earshot.telephony.AgentState;
import org.earshot.telephony.QueueBoard;
import org.earshot.telephony.QueueState;
import org.earshot.telephony.WaitingCaller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor as the node runs it: boards and live speech in, alerts stored and pushed to the wall. */
class AlertMonitorTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = Json.newMapper();
    private final Boards boards = new Boards();
    private final List<String> wall = new CopyOnWriteArrayList<>();
    private AlertRig rig;
    private AlertMonitor monitor;

    @BeforeEach
    void start() {
        rig = new AlertRig(dir);
        LiveHub hub = new LiveHub(json, List::of);
        hub.join(new LiveClient() {
            @Override
            public void send(String text) {
                wall.add(text);
            }

            @Override
            public boolean keepsUp() {
                return true;
            }

            @Override
            public void close() {
            }
        });
        monitor = new AlertMonitor(AlertSettings.DEFAULTS, rig.store, boards.agentBoard, boards.queueBoard, null, hub,
                rig.clock);
        monitor.addListener(rig.raised::add);
        monitor.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        monitor.close();
        rig.close();
    }

    private void settle() throws Exception {
        monitor.evaluateNow().get(30, TimeUnit.SECONDS);
    }

    private List<JsonNode> wall(String type) throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        for (String text : wall) {
            JsonNode message = json.readTree(text);
            if (message.get("type").asText().equals(type)) {
                messages.add(message);
            }
        }
        return messages;
    }

    @Test
    void aLongWaitIsPushedToTheWallInTheSpecsShape() throws Exception {
        boards.queues(List.of(new QueueState("support", List.of(new WaitingCaller("c1", "5550102", null, 1,
                rig.clock.instant())))));
        rig.clock.advance(Duration.ofSeconds(125));
        settle();
        settle();

        List<JsonNode> alerts = wall("alert");
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.get("id").asLong()).isEqualTo(rig.raised.get(0).id());
        assertThat(alert.get("rule").asText()).isEqualTo("long-wait");
        assertThat(alert.get("callId").asText()).isEqualTo("c1");
        assertThat(alert.get("queue").asText()).isEqualTo("support");
        assertThat(alert.has("agent")).as("no agent: left out, not null").isFalse();
        assertThat(alert.get("at").asText()).isEqualTo(rig.clock.instant().toString());
        assertThat(alert.get("detail").asText()).isEqualTo("a caller has waited 2 min 5 s in support (limit 2 min)");
        assertThat(alert.toString()).doesNotContain("5550102");
    }

    @Test
    void aKeywordAlertNamesTheQueueTheCallWaitedInAndTheAgentWhoHasIt() throws Exception {
        boards.queues(List.of(new QueueState("support", List.of(new WaitingCaller("c1", null, null, 1,
                rig.clock.instant())))));
        settle();
        boards.queues(List.of(new QueueState("support", List.of())));
        boards.agents(List.of(new AgentState("Bob", "Local/1002@agents", List.of("support", "sales"),
                AgentActivity.ON_CALL, null, "5550102", "c1", rig.clock.instant(), null)));

        monitor.transcript(new LiveTranscript("c1", "customer", "I want to speak to a supervisor", true, 3.0, 5.5));
        settle();

        assertThat(rig.raised).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("escalation-keyword");
            assertThat(a.agent()).isEqualTo("Bob");
            assertThat(a.queue()).isEqualTo("support");
        });
    }

    @Test
    void acknowledgingTellsEveryWallOnce() throws Exception {
        monitor.transcript(new LiveTranscript("c9", "customer", "cancel", true, 1, 2));
        settle();
        long id = rig.raised.get(0).id();

        monitor.acknowledge(id, "sam");
        monitor.acknowledge(id, "kim");

        List<JsonNode> acknowledged = wall("alert-acknowledged");
        assertThat(acknowledged).singleElement().satisfies(m -> {
            assertThat(m.get("id").asLong()).isEqualTo(id);
            assertThat(m.get("by").asText()).isEqualTo("sam");
        });
    }

    /** Boards a test sets; each change is told to the subscribers, as AMI's boards do. */
    private static final class Boards {
        final Agents agentBoard = new Agents();
        final Queues queueBoard = new Queues();

        void agents(List<AgentState> now) {
            agentBoard.agents = List.copyOf(now);
            now.forEach(a -> agentBoard.listeners.forEach(l -> l.accept(a)));
        }

        void queues(List<QueueState> now) {
            queueBoard.queues = List.copyOf(now);
            queueBoard.listeners.forEach(l -> l.accept(now));
        }
    }

    private static final class Agents implements AgentBoard {
        volatile List<AgentState> agents = List.of();
        final List<Consumer<AgentState>> listeners = new CopyOnWriteArrayList<>();

        @Override
        public List<AgentState> snapshot() {
            return agents;
        }

        @Override
        public Optional<AgentState> agent(String name) {
            return agents.stream().filter(a -> a.agent().equals(name)).findFirst();
        }

        @Override
        public AutoCloseable subscribe(Consumer<AgentState> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }

    private static final class Queues implements QueueBoard {
        volatile List<QueueState> queues = List.of();
        final List<Consumer<List<QueueState>>> listeners = new CopyOnWriteArrayList<>();

        @Override
        public List<QueueState> snapshot() {
            return queues;
        }

        @Override
        public Optional<QueueState> queue(String name) {
            return queues.stream().filter(q -> q.queue().equals(name)).findFirst();
        }

        @Override
        public AutoCloseable subscribe(Consumer<List<QueueState>> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }
}
