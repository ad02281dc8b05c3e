package org.earshot.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.earshot.server.Json;
import org.earshot.server.webhooks.WebhookEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Alerts against the real schema, on H2 and (with EARSHOT_TEST_PG_URL) PostgreSQL. */
class AlertStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String WAIT = "long-wait|support|1795393091.5|";

    @TempDir
    Path dir;

    private TestDatabase test;
    private Database db;
    private AlertStore alerts;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private void open(String kind) {
        test = TestDatabase.create(kind, dir);
        db = test.open();
        alerts = new AlertStore(db, new EventOutbox(new WebhookEvents(Json.newMapper(), Clock.fixed(NOW, ZoneOffset.UTC),
                "https://earshot.example")));
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        if (test != null) {
            test.close();
        }
    }

    private static AlertStore.Raise waiting(Instant at) {
        return new AlertStore.Raise(WAIT, "long-wait", "1795393091.5", null, "support", at,
                "a caller has waited 2 min in support (limit 2 min)");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anOpenEpisodeIsRaisedOnceAndItsAlertReadsBackAsRaised(String kind) {
        open(kind);

        var first = alerts.raise(waiting(NOW));
        var again = alerts.raise(waiting(NOW.plusSeconds(5)));

        assertThat(first).hasValueSatisfying(a -> {
            assertThat(a.rule()).isEqualTo("long-wait");
            assertThat(a.callId()).isEqualTo("1795393091.5");
            assertThat(a.agent()).isNull();
            assertThat(a.queue()).isEqualTo("support");
            assertThat(a.raisedAt()).isEqualTo(NOW);
            assertThat(a.clearedAt()).isNull();
            assertThat(a.acknowledged()).isFalse();
        });
        assertThat(again).as("the episode is open already").isEmpty();
        assertThat(alerts.openEpisodes()).containsExactly(WAIT);
        assertThat(alerts.find(query(AlertStore.Status.ALL))).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aClearedEpisodeEndsAndTheSameConditionLaterIsANewAlert(String kind) {
        open(kind);
        long first = alerts.raise(waiting(NOW)).orElseThrow().id();

        alerts.clear(WAIT, NOW.plusSeconds(30));
        var second = alerts.raise(waiting(NOW.plusSeconds(60)));

        assertThat(second).isPresent();
        assertThat(second.get().id()).isNotEqualTo(first);
        assertThat(alerts.get(first).orElseThrow().clearedAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(alerts.openEpisodes()).containsExactly(WAIT);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theFirstAcknowledgementStaysAndOnlyItSaysItAcknowledged(String kind) {
        open(kind);
        long id = alerts.raise(waiting(NOW)).orElseThrow().id();

        var first = alerts.acknowledge(id, "sam", NOW.plusSeconds(10)).orElseThrow();
        var second = alerts.acknowledge(id, "kim", NOW.plusSeconds(20)).orElseThrow();

        assertThat(first.now()).isTrue();
        assertThat(second.now()).isFalse();
        assertThat(second.alert().acknowledgedBy()).isEqualTo("sam");
        assertThat(second.alert().acknowledgedAt()).isEqualTo(NOW.plusSeconds(10));
        assertThat(alerts.acknowledge(id + 1000, "sam", NOW)).isEmpty();
        assertThat(alerts.unacknowledged()).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theListHoldsEveryOpenAlertAndTheRecentlyAcknowledgedOnes(String kind) {
        open(kind);
        long old = raise("long-pause|Bob|break|", "long-pause", null, "Bob", NOW.minusSeconds(3 * 86_400));
        long oldAcknowledged = raise("hold|Alice|c1|", "hold", "c1", "Alice", NOW.minusSeconds(2 * 86_400));
        long recentAcknowledged = raise("dead-air|c2|3|", "dead-air", "c2", "Alice", NOW.minusSeconds(600));
        long recent = raise("escalation-keyword|c2|cancel|", "escalation-keyword", "c2", "Alice", NOW.minusSeconds(60));
        alerts.acknowledge(oldAcknowledged, "sam", NOW);
        alerts.acknowledge(recentAcknowledged, "sam", NOW);

        assertThat(ids(alerts.find(query(AlertStore.Status.ALL)))).containsExactly(recent, recentAcknowledged, old);
        assertThat(ids(alerts.find(query(AlertStore.Status.OPEN)))).containsExactly(recent, old);
        assertThat(ids(alerts.find(new AlertStore.Query(AlertStore.Status.ALL, null, "c2", null, null, null, null,
                NOW.minusSeconds(86_400), 100)))).containsExactly(recent, recentAcknowledged);
        assertThat(ids(alerts.find(new AlertStore.Query(AlertStore.Status.ALL, null, null, "Alice", null,
                NOW.minusSeconds(3 * 86_400), NOW, null, 100)))).containsExactly(recent, recentAcknowledged, oldAcknowledged);
        assertThat(ids(alerts.find(new AlertStore.Query(AlertStore.Status.ACKNOWLEDGED, "hold", null, null, null, null,
                null, null, 100)))).containsExactly(oldAcknowledged);
        assertThat(alerts.unacknowledged()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theAlertRaisedEventIsWrittenWithTheAlertAndOnlyThen(String kind) throws Exception {
        open(kind);
        sql("INSERT INTO webhooks (id, url, secret, created_at, created_by) VALUES (7, 'https://example.com/hook', 's',"
                + " CURRENT_TIMESTAMP, 'admin')");
        sql("INSERT INTO webhook_subscriptions (webhook_id, event_type) VALUES (7, 'alert.raised')");

        var alert = alerts.raise(waiting(NOW)).orElseThrow();
        alerts.raise(waiting(NOW.plusSeconds(5)));

        List<String> bodies = strings("SELECT body FROM webhook_events WHERE type = 'alert.raised'");
        assertThat(bodies).as("one event: the second raise was no new episode").hasSize(1);
        JsonNode data = Json.newMapper().readTree(bodies.get(0)).get("data");
        assertThat(data.get("id").asLong()).isEqualTo(alert.id());
        assertThat(data.get("rule").asText()).isEqualTo("long-wait");
        assertThat(data.get("callId").asText()).isEqualTo("1795393091.5");
        assertThat(data.get("queue").asText()).isEqualTo("support");
        assertThat(data.has("agent")).isFalse();
        assertThat(data.get("detail").asText()).contains("support");
        assertThat(data.at("/links/api").asText()).isEqualTo("https://earshot.example/api/calls/1795393091.5");
        assertThat(strings("SELECT subject FROM webhook_deliveries WHERE webhook_id = 7")).containsExactly("1795393091.5");
    }

    private long raise(String key, String rule, String callId, String agent, Instant at) {
        return alerts.raise(new AlertStore.Raise(key, rule, callId, agent, "support", at, rule)).orElseThrow().id();
    }

    private static AlertStore.Query query(AlertStore.Status status) {
        return new AlertStore.Query(status, null, null, null, null, null, null, NOW.minusSeconds(86_400), 100);
    }

    private static List<Long> ids(List<AlertStore.Alert> found) {
        return found.stream().map(AlertStore.Alert::id).toList();
    }

    private void sql(String statement) throws Exception {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(statement)) {
            s.executeUpdate();
        }
    }

    private List<String> strings(String select) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(select); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
