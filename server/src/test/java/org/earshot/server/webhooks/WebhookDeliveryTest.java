package org.earshot.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.earshot.server.Json;
import org.earshot.server.jobs.CallIntake;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.EventOutbox;
import org.earshot.server.store.JobQueue;
import org.earshot.server.store.ReviewStore;
import org.earshot.server.store.StoreException;
import org.earshot.server.store.SurveyStore;
import org.earshot.server.store.TestDatabase;
import org.earshot.server.store.WebhookDeliveries;
import org.earshot.server.store.WebhookStore;
import org.earshot.server.testing.TestStores;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.earshot.server.testing.MovableClock;

/**
 * Webhooks end to end below HTTP routing: calls saved through the store raise events in their
 * transaction, and the dispatcher sends them, signed, to a real HTTP receiver.
 */
class WebhookDeliveryTest {

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");
    private static final String SECRET = "whsec_test-secret";
    // Long enough that only the test's wake-ups and clock moves make retries go out.
    private static final WebhookDispatcher.Settings SETTINGS = new WebhookDispatcher.Settings(4, Duration.ofSeconds(10),
            Duration.ofHours(24), Duration.ofMinutes(10), Duration.ofMinutes(1),
            WebhookDispatcher.Backoff.exponential(Duration.ofSeconds(10), Duration.ofHours(1)));

    @TempDir
    Path dir;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private final ObjectMapper json = Json.newMapper();
    private final MovableClock clock = new MovableClock(T);
    private final BlockingQueue<WebhookDispatcher.Outcome> outcomes = new LinkedBlockingQueue<>();

    /** The stores and dispatcher of one node over the test's database. */
    private final class Node implements AutoCloseable {
        final Database db;
        final WebhookStore hooks;
        final WebhookDeliveries outbox;
        final CallStore calls;
        final WebhookDispatcher dispatcher;
        final WebhookEvents events;

        Node(TestDatabase test) {
            this(test, SETTINGS, "test-node");
        }

        Node(TestDatabase test, WebhookDispatcher.Settings settings) {
            this(test, settings, "test-node");
        }

        Node(TestDatabase test, WebhookDispatcher.Settings settings, String owner) {
            db = test.open();
            hooks = new WebhookStore(db);
            outbox = new WebhookDeliveries(db);
            events = new WebhookEvents(json, clock, "http://earshot.test:8080/");
            calls = TestStores.calls(db, new EventOutbox(events));
            dispatcher = new WebhookDispatcher(outbox, clock, owner, settings);
            events.onCommitted(dispatcher::wakeUp);
            dispatcher.addListener(outcomes::add);
        }

        void start() {
            outbox.releaseLeases();
            dispatcher.start();
        }

        @Override
        public void close() {
            dispatcher.close();
            db.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDeliveryIsSignedWithTheEndpointsSecretOverTheTimestampAndTheRawBody(String kind) throws Exception {
        try (Receiver receiver = Receiver.answering(204); TestDatabase test = TestDatabase.create(kind, dir);
             Node node = new Node(test)) {
            node.hooks.create(receiver.url(), List.of(EventTypes.CALL_ENDED), SECRET, null, "admin", T);
            node.start();

            node.calls.save(call("c1"));

            Receiver.Received request = receiver.next();
            String signature = request.header("Earshot-Signature");
            assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
            String t = signature.substring(2, signature.indexOf(','));
            assertThat(signature).isEqualTo(request.expectedSignature(SECRET))
                    .isNotEqualTo(request.expectedSignature("whsec_another-endpoints-secret"));
            assertThat(Long.parseLong(t)).isEqualTo(T.getEpochSecond());
            JsonNode body = json.readTree(request.body());
            assertThat(request.header("Earshot-Delivery")).startsWith("evt_").isEqualTo(body.get("id").asText());
            assertThat(request.header("Earshot-Event")).isEqualTo("call.ended").isEqualTo(body.get("type").asText());
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.header("User-Agent")).isEqualTo("Earshot-Webhooks");
            assertThat(body.get("createdAt").asText()).isEqualTo(T.toString());
            assertThat(body.get("data").get("id").asText()).isEqualTo("c1");
            assertThat(body.get("data").get("agent").asText()).isEqualTo("Alice");
            assertThat(body.get("data").get("events")).isNotEmpty();
            assertThat(body.get("data").has("analysis")).as("call.ended carries no report").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReceiverThatFailsFirstGetsTheSameDeliveryIdTwiceAndTheCallOnce(String kind) throws Exception {
        try (Receiver receiver = new Receiver((n, body) -> n == 0 ? 500 : 200); TestDatabase test = TestDatabase.create(kind, dir);
             Node node = new Node(test)) {
            long hook = node.hooks.create(receiver.url(), List.of(EventTypes.CALL_ENDED), SECRET, null, "admin", T).id();
            node.start();

            node.calls.save(call("c1"));
            Receiver.Received first = receiver.next();
            WebhookDispatcher.Outcome failed = nextOutcome();
            assertThat(failed.status()).isEqualTo("pending");
            assertThat(failed.nextRetryAt()).isBetween(T.plusSeconds(5), T.plusSeconds(10));

            clock.advance(Duration.ofSeconds(10));
            node.dispatcher.wakeUp();
            Receiver.Received second = receiver.next();

            assertThat(nextOutcome().status()).isEqualTo("delivered");
            assertThat(second.header("Earshot-Delivery")).isEqualTo(first.header("Earshot-Delivery"));
            assertThat(second.text()).isEqualTo(first.text());
            List<WebhookDeliveries.Delivery> deliveries = node.outbox.deliveries(hook, null, 100);
            assertThat(deliveries).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo("delivered");
                assertThat(d.history()).extracting(WebhookDeliveries.Attempt::statusCode).containsExactly(200, 500);
                assertThat(d.history().get(1).error()).isEqualTo("HTTP 500");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDeliveryPendingARetrySurvivesARestart(String kind) throws Exception {
        try (Receiver receiver = new Receiver((n, body) -> n == 0 ? 503 : 200); TestDatabase test = TestDatabase.create(kind, dir)) {
            String eventId;
            try (Node node = new Node(test)) {
                node.hooks.create(receiver.url(), List.of(EventTypes.CALL_ENDED), SECRET, null, "admin", T);
                node.start();
                node.calls.save(call("c1"));
                eventId = receiver.next().header("Earshot-Delivery");
                assertThat(nextOutcome().status()).isEqualTo("pending");
            }
            clock.advance(Duration.ofMinutes(1));

            try (Node restarted = new Node(test)) {
                restarted.start();

                assertThat(receiver.next().header("Earshot-Delivery")).isEqualTo(eventId);
                assertThat(nextOutcome().status()).isEqualTo("delivered");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void callsAreAllStoredWhileTheReceiverHoldsItsFirstAnswer(String kind) throws Exception {
        try (Receiver receiver = Receiver.answering(200); TestDatabase test = TestDatabase.create(kind, dir);
             Node node = new Node(test)) {
            node.hooks.create(receiver.url(), List.of(EventTypes.CALL_ENDED), SECRET, null, "admin", T);
            node.start();
            CallIntake intake = new CallIntake(node.calls, new JobQueue(node.db, clock, "test", Duration.ofMinutes(1)),
                    () -> { }, (call, isNew) -> { });
            receiver.holdAnswers();

            intake.accept(call("c0"));
            receiver.awaitFirstArrival();
            for (int i = 1; i < 1000; i++) {
                intake.accept(call("c" + i));
            }

            assertThat(node.calls.count()).isEqualTo(1000);
            assertThat(receiver.answered()).as("the receiver has not answered anything yet").isZero();
            receiver.release();
            Set<String> delivered = new HashSet<>();
            // Requests that timed out while held are retried when the clock reaches their next attempt.
            for (int round = 0; delivered.size() < 1000 && round < 10; round++) {
                WebhookDispatcher.Outcome outcome;
                while ((outcome = outcomes.poll(5, TimeUnit.SECONDS)) != null) {
                    if (outcome.status().equals("delivered")) {
                        delivered.add(outcome.eventId());
                    }
                    if (delivered.size() == 1000) {
                        break;
                    }
                }
                clock.advance(Duration.ofHours(1));
                node.dispatcher.wakeUp();
            }
            assertThat(delivered).hasSize(1000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSaveThatFailsLeavesNoEventBehind(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Node node = new Node(test)) {
            node.hooks.create("http://127.0.0.1:9/hook", List.of(EventTypes.CALL_ENDED), SECRET, null, "admin", T);
            // The second call's id is longer than the column: the batch fails after the first call raised its event.
            String tooLong = "x".repeat(100);

            assertThatThrownBy(() -> node.calls.saveAll(List.of(call("ok"), call(tooLong)))).isInstanceOf(StoreException.class);

            assertThat(node.calls.count()).isZero();
            assertThat(node.outbox.pending()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCallsEventsReachAnEndpointInTheOrderTheyWereRaised(String kind) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean failedX = new java.util.concurrent.atomic.AtomicBoolean();
        try (Receiver receiver = new Receiver((n, body) -> body.contains("\"id\":\"x\"") && !failedX.getAndSet(true) ? 500 : 200);
             TestDatabase test = TestDatabase.create(kind, dir); Node node = new Node(test)) {
            node.hooks.create(receiver.url(), List.of(EventTypes.CALL_ENDED, EventTypes.CALL_ANALYSED), SECRET, null,
                    "admin", T);
            node.calls.save(call("x"));
            node.calls.saveAnalysis("x", report(List.of()), T.plusSeconds(200));
            node.calls.save(call("y"));

            node.start();
            List<WebhookDispatcher.Outcome> firstRound = List.of(nextOutcome(), nextOutcome());
            assertThat(firstRound).extracting(WebhookDispatcher.Outcome::status).containsExactlyInAnyOrder("pending", "delivered");
            clock.advance(Duration.ofMinutes(1));
            node.dispatcher.wakeUp();
            nextOutcome();
            nextOutcome();

            List<String> ofX = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                JsonNode body = json.readTree(receiver.next().body());
                String callId = body.get("data").has("callId") ? body.get("data").get("callId").asText()
                        : body.get("data").get("id").asText();
                if (callId.equals("x")) {
                    ofX.add(body.get("type").asText());
                }
            }
            assertThat(ofX).containsExactly("call.ended", "call.ended", "call.analysed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void onlyANewCallRaisesCallEndedAndAFlaggedAnalysisAlsoRaisesCallFlagged(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Node node = new Node(test)) {
            long hook = node.hooks.create("http://127.0.0.1:9/hook", EventTypes.SUBSCRIBABLE, SECRET, null, "admin", T).id();

            node.calls.save(call("c1"));
            node.calls.save(call("c1"));
            node.calls.save(CallRecord.builder("c1", T, T.plusSeconds(140), CallOutcome.ANSWERED).linkedId("c1")
                    .caller("5550100").queue("support").agent("Alice").answeredAt(T.plusSeconds(10)).waitSeconds(10)
                    .talkSeconds(130.0).build());
            node.calls.saveAnalysis("c1", report(List.of("escalation")), T.plusSeconds(300));

            assertThat(node.outbox.deliveries(hook, null, 100)).extracting(WebhookDeliveries.Delivery::eventType)
                    .containsExactly("call.flagged", "call.analysed", "call.ended");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void nothingIsStoredForATypeNoEndpointWants(String kind) {
        try (TestDatabase test = TestDatabase.create(kind, dir); Node node = new Node(test)) {
            long hook = node.hooks.create("http://127.0.0.1:9/hook", List.of(EventTypes.QA_REVIEWED), SECRET, null,
                    "admin", T).id();

            node.calls.save(call("c1"));

            assertThat(node.outbox.deliveries(hook, null, 100)).isEmpty();
            assertThat(node.outbox.pending()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSurveySaveRaisesSurveyCompletedWithTheAnswersAsTheyStand(String kind) throws Exception {
        try (Receiver receiver = Receiver.answering(200); TestDatabase test = TestDatabase.create(kind, dir);
             Node node = new Node(test)) {
            node.hooks.create(receiver.url(), List.of(EventTypes.SURVEY_COMPLETED), SECRET, null, "admin", T);
            node.start();
            node.calls.save(call("c1"));
            SurveyStore surveys = new SurveyStore(node.db, TestStores.rollups(node.db, KpiDefinitions.DEFAULTS),
                    new EventOutbox(node.events));

            surveys.save("c1", 5, null, null, T.plusSeconds(200));
            surveys.save("c1", null, 9, null, T.plusSeconds(210));

            receiver.next();
            JsonNode data = json.readTree(receiver.next().body()).get("data");
            assertThat(data.get("callId").asText()).isEqualTo("c1");
            assertThat(data.get("csat").asInt()).as("kept from the first answer").isEqualTo(5);
            assertThat(data.get("nps").asInt()).isEqualTo(9);
            assertThat(data.get("links").get("call").asText()).isEqualTo("http://earshot.test:8080/#/calls/c1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReviewRaisesQaReviewedOnceWhenItBecomesReviewed(String kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, dir); Node node = new Node(test)) {
            long hook = node.hooks.create("http://127.0.0.1:9/hook", List.of(EventTypes.QA_REVIEWED), SECRET, null,
                    "admin", T).id();
            node.calls.save(call("c1"));
            ReviewStore reviews = new ReviewStore(node.db, new EventOutbox(node.events));

            for (String status : List.of("to-review", "reviewed", "reviewed", "disputed")) {
                reviews.update("c1", current -> new ReviewStore.Stored("c1", status, 1, "Standard call", "[]", 80.0,
                        "quinn", T.plusSeconds(500)));
            }

            assertThat(node.outbox.deliveries(hook, null, 100)).extracting(WebhookDeliveries.Delivery::eventType)
                    .containsExactly("qa.reviewed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDeliveryStillFailing24HoursAfterItsEventIsFailedAndAResendStartsAgainWithTheSameId(String kind) throws Exception {
        try (Receiver receiver = new Receiver((n, body) -> n < 2 ? 500 : 200); TestDatabase test = TestDatabase.create(kind, dir);
             Node node = new Node(test)) {
            long hook = node.hooks.create(receiver.url(), List.of(EventTypes.CALL_ENDED), SECRET, null, "admin", T).id();
            node.start();
            node.calls.save(call("c1"));
            String eventId = receiver.next().header("Earshot-Delivery");
            assertThat(nextOutcome().status()).isEqualTo("pending");

            clock.advance(Duration.ofHours(25));
            node.dispatcher.wakeUp();
            receiver.next();
            WebhookDispatcher.Outcome last = nextOutcome();

            assertThat(last.status()).isEqualTo("failed");
            assertThat(last.nextRetryAt()).isNull();
            long delivery = node.outbox.deliveries(hook, "failed", 10).get(0).id();
            assertThat(node.outbox.resend(hook, delivery, clock.instant())).isEqualTo(WebhookDeliveries.Resend.QUEUED);
            node.dispatcher.wakeUp();
            assertThat(receiver.next().header("Earshot-Delivery")).isEqualTo(eventId);
            assertThat(nextOutcome().status()).isEqualTo("delivered");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRedirectIsNotFollowedAndCountsAsAFailure(String kind) throws Exception {
        try (Receiver receiver = Receiver.answering(302); TestDatabase test = TestDatabase.create(kind, dir);
             Node node = new Node(test)) {
            node.hooks.create(receiver.url(), List.of(EventTypes.CALL_ENDED), SECRET, null, "admin", T);
            node.start();

            node.calls.save(call("c1"));

            WebhookDispatcher.Outcome outcome = nextOutcome();
            assertThat(outcome.status()).isEqualTo("pending");
            assertThat(outcome.statusCode()).isEqualTo(302);
            assertThat(outcome.error()).contains("redirects are not followed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReceiverThatDoesNotAnswerInTimeIsAFailedAttempt(String kind) throws Exception {
        try (Receiver receiver = Receiver.answering(200); TestDatabase test = TestDatabase.create(kind, dir);
             Node node = new Node(test, new WebhookDispatcher.Settings(1, Duration.ofMillis(300), Duration.ofHours(24),
                     Duration.ofMinutes(10), Duration.ofMinutes(1), WebhookDispatcher.Backoff.exponential(Duration.ofSeconds(10),
                     Duration.ofHours(1))))) {
            node.hooks.create(receiver.url(), List.of(EventTypes.CALL_ENDED), SECRET, null, "admin", T);
            receiver.holdAnswers();
            node.start();

            node.calls.save(call("c1"));

            WebhookDispatcher.Outcome outcome = nextOutcome();
            assertThat(outcome.status()).isEqualTo("pending");
            assertThat(outcome.statusCode()).isNull();
            assertThat(outcome.error()).contains("HttpTimeoutException");
        }
    }

    @org.junit.jupiter.api.Test
    void retriesWaitTwiceAsLongEachTimeWithJitterUpToTheCap() {
        WebhookDispatcher.Backoff backoff = WebhookDispatcher.Backoff.exponential(Duration.ofSeconds(10), Duration.ofHours(1));
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.after(1)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
            assertThat(backoff.after(2)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
            assertThat(backoff.after(5)).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(160));
            assertThat(backoff.after(40)).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoNodesSendingOneOutboxSendEachDeliveryOnce(String kind) throws Exception {
        try (Receiver receiver = Receiver.answering(200); TestDatabase test = TestDatabase.create(kind, dir);
             Node one = new Node(test, SETTINGS, "node-1"); Node two = new Node(test, SETTINGS, "node-2")) {
            long hook = one.hooks.create(receiver.url(), List.of(EventTypes.CALL_ENDED), SECRET, null, "admin", T).id();
            for (int i = 0; i < 50; i++) {
                (i % 2 == 0 ? one : two).calls.save(call("c" + i));
            }

            one.dispatcher.start();
            two.dispatcher.start();
            Set<String> delivered = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                delivered.add(nextOutcome().eventId());
            }

            assertThat(delivered).hasSize(50);
            assertThat(one.outbox.deliveries(hook, null, 100)).hasSize(50).allSatisfy(d -> {
                assertThat(d.status()).isEqualTo("delivered");
                assertThat(d.history()).hasSize(1);
            });
        }
    }

    private WebhookDispatcher.Outcome nextOutcome() throws InterruptedException {
        WebhookDispatcher.Outcome outcome = outcomes.poll(30, TimeUnit.SECONDS);
        if (outcome == null) {
            throw new AssertionError("no delivery attempt was recorded in 30 s");
        }
        return outcome;
    }

    static CallRecord call(String id) {
        return CallRecord.builder(id, T, T.plusSeconds(130), CallOutcome.ANSWERED).linkedId(id).caller("5550100")
                .queue("support").agent("Alice").answeredAt(T.plusSeconds(10)).waitSeconds(10).talkSeconds(120.0)
                .build();
    }

    static AnalysisReport report(List<String> flags) {
        return new AnalysisReport("x.wav", 120.0, java.util.Map.of("left", "customer", "right", "agent"), java.util.Map.of(),
                List.of(), null, List.of(), null, null, new AnalysisReport.CallSentiment(-0.4, "negative", flags),
                List.of(new AnalysisReport.TranscriptSegment("customer", 1, 2, "my bill is wrong", List.of()),
                        new AnalysisReport.TranscriptSegment("agent", 3, 4, "let me check", List.of()),
                        new AnalysisReport.TranscriptSegment("customer", 5, 6, "again", List.of())),
                List.of(), List.of(), List.of(new AnalysisReport.Cue("customer", "word", 1.5, 1.8, -0.3, "wrong")));
    }
}
