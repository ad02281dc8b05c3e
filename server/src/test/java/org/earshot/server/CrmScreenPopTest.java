package org.earshot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.earshot.server.crm.CrmSettings;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.testing.TestCrm;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AgentActivity;
import org.earshot.telephony.AgentBoard;
import org.earshot.telephony.AgentState;
import org.earshot.telephony.AgiSettings;
import org.earshot.telephony.QueueBoard;
import org.earshot.telephony.QueueState;
import org.earshot.telephony.WaitingCaller;
import org.earshot.telephony.WrapUpRule;
import org.earshot.telephony.testing.FakeAsterisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRM screen-pop through a whole node: a test CRM on loopback, boards the test drives standing in for
 * AMI's, the live wall over HTTP and WebSocket, FastAGI's lookup and hours scripts over a real socket, and the
 * stored call found by {@code crmId=}.
 */
class CrmScreenPopTest {

    private static final String PASSWORD = "admin-pass-1";
    private static final String RECORD = "https://crm.example/contacts/";

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final HandBoards boards = new HandBoards();
    private TestCrm crm;
    private Earshot earshot;
    private ApiClient api;

    @BeforeEach
    void start() throws Exception {
        crm = new TestCrm().contact("+15550101", "C-1001", "Ada Lovelace").contact("5550108", "C-2002", "Grace Hopper");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, AgiSettings.fromConfig(Map.of("agi-port", "0", "queue.support.hours",
                "mon-sun 00:00-23:59", "queue.support.holidays", today)))
                .withCrm(CrmSettings.fromConfig(Map.of("crm.lookup-url", crm.lookupUrl(),
                        "crm.lookup-headers", "Authorization: Bearer s3cret-token",
                        "crm.name-field", "/contacts/0/name", "crm.id-field", "/contacts/0/id",
                        "crm.record-url", RECORD + "{crmId}")));
        earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE, kpis -> boards);
        earshot.start();
        api = ApiClient.login(earshot, "admin", PASSWORD);
    }

    @AfterEach
    void stop() {
        if (earshot != null) {
            earshot.close();
        }
        crm.close();
    }

    @Test
    void waitingCallerIsShownAtOnceThenWithTheCrmNameAndLinkWhenTheCrmAnswers() throws Exception {
        LiveMessages live = LiveMessages.open(earshot, api.token());
        live.next(m -> m.get("type").asText().equals("queues")); // the greeting: from now on every change arrives

        boards.queues(new QueueState("support", List.of(waiting("u1", "+15550101"))));

        JsonNode first = live.next(m -> m.get("type").asText().equals("queues"));
        JsonNode shown = caller(first.get("queues"));
        assertThat(shown.get("caller").asText()).isEqualTo("+15550101");
        assertThat(shown.has("crmName")).as("published before the lookup began").isFalse();
        JsonNode named = live.next(m -> m.get("type").asText().equals("queues") && caller(m.get("queues")).has("crmName"));
        assertThat(caller(named.get("queues")).get("crmName").asText()).isEqualTo("Ada Lovelace");
        assertThat(caller(named.get("queues")).get("crmUrl").asText()).isEqualTo(RECORD + "C-1001");
        assertThat(caller(api.get("/api/queues/live").get("queues")).get("crmId").asText()).isEqualTo("C-1001");
        assertThat(crm.nextRequest().header("Authorization")).isEqualTo("Bearer s3cret-token");
    }

    @Test
    void agentsCardShowsTheCallersCrmNameAndLink() throws Exception {
        LiveMessages live = LiveMessages.open(earshot, api.token());
        live.next(m -> m.get("type").asText().equals("queues")); // the greeting: from now on every change arrives

        boards.agent(new AgentState("alice", "PJSIP/1001", List.of("support"), AgentActivity.ON_CALL, null,
                "+15550101", "u1", Instant.now(), null));

        JsonNode card = live.next(m -> m.get("type").asText().equals("agent") && m.get("agent").has("crmName"));
        assertThat(card.get("agent").get("crmName").asText()).isEqualTo("Ada Lovelace");
        assertThat(card.get("agent").get("crmUrl").asText()).isEqualTo(RECORD + "C-1001");
        JsonNode alice = api.get("/api/agents/live").get("agents").get(0);
        assertThat(alice.get("crmName").asText()).isEqualTo("Ada Lovelace");
        assertThat(alice.get("crmId").asText()).isEqualTo("C-1001");
    }

    @Test
    void slowCrmNeverHoldsTheWall() throws Exception {
        crm.hanging("+15550102");

        boards.queues(new QueueState("support", List.of(waiting("u2", "+15550102"))));
        assertThat(crm.awaitHanging()).isTrue();

        // The CRM still holds the request: the board's change and the wall were answered without it.
        JsonNode caller = caller(api.get("/api/queues/live").get("queues"));
        assertThat(caller.get("caller").asText()).isEqualTo("+15550102");
        assertThat(caller.has("crmName")).isFalse();
        crm.release();
    }

    @Test
    void fastAgiLookupSetsCallerIdNameAndTheStoredCallIsFoundByItsCrmId() throws Exception {
        FakeAsterisk.Session lookup = FakeAsterisk.call("lookup").env("agi_callerid", "5550108").dial(earshot.agiPort());
        assertThat(lookup.commands()).containsExactly("SET VARIABLE CALLERID(name) \"Grace Hopper\"");

        // An after-hours call is stored through the same intake as AMI's calls; its caller is in the cache now.
        FakeAsterisk.call("hours?queue=support").env("agi_callerid", "5550108").dial(earshot.agiPort());
        awaitIndexCaughtUp();

        JsonNode found = api.get("/api/calls?crmId=C-2002");
        assertThat(found.get("total").asInt()).isEqualTo(1);
        String id = found.get("hits").get(0).get("id").asText();
        JsonNode call = api.get("/api/calls/" + id);
        assertThat(call.get("crmId").asText()).isEqualTo("C-2002");
        assertThat(call.get("crmName").asText()).isEqualTo("Grace Hopper");
        assertThat(call.get("crmUrl").asText()).isEqualTo(RECORD + "C-2002");
        assertThat(api.get("/api/calls?crmId=C-1001").get("total").asInt()).isZero();
    }

    @Test
    void settingsShowTheLookupWithItsHeaderMaskedAndMetricsCountIt() throws Exception {
        FakeAsterisk.call("lookup").env("agi_callerid", "5550108").dial(earshot.agiPort());

        JsonNode settings = api.get("/api/settings").get("crm");
        assertThat(settings.get("crm.lookup-headers").asText()).isEqualTo("Authorization: ***");
        assertThat(api.get("/api/settings").toString()).doesNotContain("s3cret");
        var metrics = api.http().send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + earshot.httpPort() + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("earshot_crm_lookups_total{result=\"found\"} 1.0");
    }

    private static WaitingCaller waiting(String id, String number) {
        return new WaitingCaller(id, number, null, 1, Instant.now());
    }

    /** The first waiting caller of the first queue of a queue wall. */
    private static JsonNode caller(JsonNode queues) {
        return queues.get(0).get("callers").get(0);
    }

    /** The index answers with what the store holds once /api/health says it has no change left to take. */
    private void awaitIndexCaughtUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (api.get("/api/health").get("index").get("pendingChanges").asLong() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Boards the test changes by hand, standing in for AMI's as the demo floor does. */
    private static final class HandBoards implements Earshot.LiveFloor {
        private final HandAgents agents = new HandAgents();
        private final HandQueues queues = new HandQueues();

        void agent(AgentState state) {
            agents.set(state);
        }

        void queues(QueueState... wall) {
            queues.set(List.of(wall));
        }

        @Override
        public String source() {
            return "test";
        }

        @Override
        public AgentBoard agents() {
            return agents;
        }

        @Override
        public QueueBoard queues() {
            return queues;
        }

        @Override
        public void start() {
        }

        @Override
        public void close() {
        }
    }

    private static final class HandAgents implements AgentBoard {
        private volatile List<AgentState> agents = List.of();
        private final List<Consumer<AgentState>> listeners = new CopyOnWriteArrayList<>();

        void set(AgentState state) {
            agents = List.of(state);
            listeners.forEach(l -> l.accept(state));
        }

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

    private static final class HandQueues implements QueueBoard {
        private volatile List<QueueState> queues = List.of();
        private final List<Consumer<List<QueueState>>> listeners = new CopyOnWriteArrayList<>();

        void set(List<QueueState> wall) {
            queues = wall;
            listeners.forEach(l -> l.accept(wall));
        }

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

    /** The messages of an open /api/live WebSocket, in order. */
    private static final class LiveMessages implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final ObjectMapper json = new ObjectMapper();
        private final StringBuilder partial = new StringBuilder();

        static LiveMessages open(Earshot earshot, String token) throws Exception {
            LiveMessages listener = new LiveMessages();
            HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + earshot.httpPort() + "/api/live"), listener)
                    .get(10, TimeUnit.SECONDS);
            return listener;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(json.readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        /** The next message that matches, skipping others; fails after 10 s without one. */
        JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                JsonNode m = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertThat(m).as("a live message of the kind awaited").isNotNull();
                if (wanted.test(m)) {
                    return m;
                }
            }
        }
    }
}
