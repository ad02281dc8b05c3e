package org.earshot.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.earshot.server.Json;
import org.junit.jupiter.api.Test;

/** The hub against clients that record what they are sent: no sockets. */
class LiveHubTest {

    record Agent(String agent) {
    }

    record Queue(String queue, int waiting) {
    }

    private final LiveHub hub = new LiveHub(Json.newMapper(), () -> List.of(new Agent("alice")),
            () -> List.of(new Queue("sales", 2)));

    @Test
    void aNewClientGetsTheAgentWallThenTheQueueWall() {
        RecordingClient client = new RecordingClient();

        hub.join(client);

        assertThat(client.received).containsExactly(
                "{\"type\":\"agents\",\"agents\":[{\"agent\":\"alice\"}]}",
                "{\"type\":\"queues\",\"queues\":[{\"queue\":\"sales\",\"waiting\":2}]}");
    }

    @Test
    void aChangeReachesEveryClient() {
        RecordingClient one = joined();
        RecordingClient two = joined();

        hub.publish("call", "call", Map.of("id", "c1"));

        assertThat(one.received).containsExactly("{\"type\":\"call\",\"call\":{\"id\":\"c1\"}}");
        assertThat(two.received).containsExactly("{\"type\":\"call\",\"call\":{\"id\":\"c1\"}}");
        assertThat(hub.clients()).isEqualTo(2);
    }

    @Test
    void aClientThatDoesNotKeepUpIsClosedAndSentNothingMore() {
        RecordingClient slow = joined();
        RecordingClient fast = joined();
        slow.keepsUp = false;

        hub.publish("kpis", "kpis", Map.of("offered", 1));
        slow.keepsUp = true; // even if it catches up now: it was dropped
        hub.publish("kpis", "kpis", Map.of("offered", 2));

        assertThat(slow.closed).isTrue();
        assertThat(slow.received).isEmpty();
        assertThat(fast.received).hasSize(2);
        assertThat(hub.clients()).isEqualTo(1);
    }

    @Test
    void aClientThatLeftIsSentNothing() {
        RecordingClient gone = joined();

        hub.leave(gone);
        hub.publish("agent", "agent", new Agent("bob"));

        assertThat(gone.received).isEmpty();
        assertThat(gone.closed).as("its connection closed by itself").isFalse();
        assertThat(hub.clients()).isZero();
    }

    @Test
    void aLiveTranscriptIsSentFlatWithTheSpecsFieldNames() {
        RecordingClient client = joined();

        hub.publishFlat("transcript", new LiveTranscript("c1", "customer", "i want to cancel", false, 1.5, 2.25));

        assertThat(client.received).containsExactly("{\"type\":\"transcript\",\"callId\":\"c1\",\"party\":\"customer\","
                + "\"text\":\"i want to cancel\",\"final\":false,\"start\":1.5,\"end\":2.25}");
    }

    private RecordingClient joined() {
        RecordingClient client = new RecordingClient();
        hub.join(client);
        client.received.clear();
        return client;
    }

    private static final class RecordingClient implements LiveClient {
        final List<String> received = new ArrayList<>();
        boolean keepsUp = true;
        boolean closed;

        @Override
        public void send(String text) {
            received.add(text);
        }

        @Override
        public boolean keepsUp() {
            return keepsUp;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
