package org.earshot.server.searches;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.earshot.server.Json;
import org.earshot.server.store.CallCrmStore;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.EventOutbox;
import org.earshot.server.store.ReviewQueueStore;
import org.earshot.server.store.SavedSearchStore;
import org.earshot.server.store.SavedSearchStore.Draft;
import org.earshot.server.store.SavedSearchStore.Filters;
import org.earshot.server.store.SavedSearchStore.SavedSearch;
import org.earshot.server.store.TestDatabase;
import org.earshot.server.store.WebhookStore;
import org.earshot.server.testing.MovableClock;
import org.earshot.server.testing.TestStores;
import org.earshot.server.webhooks.EventTypes;
import org.earshot.server.webhooks.WebhookEvents;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newly analysed call against the watched saved searches: a match is recorded once, flags the call for QA when
 * asked, and raises call.flagged with the search's name and id; a call that does not match raises nothing.
 */
class SavedSearchMatcherTest {

    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path dir;

    private final ObjectMapper json = Json.newMapper();
    private final MovableClock clock = new MovableClock(AT);
    private TestDatabase test;
    private Database db;
    private CallStore calls;
    private SavedSearchStore store;
    private SavedSearches searches;
    private SavedSearchMatcher matcher;

    @BeforeEach
    void open() {
        test = TestDatabase.create("h2", dir);
        db = test.open();
        EventOutbox outbox = new EventOutbox(new WebhookEvents(json, clock, "http://earshot.test/"));
        calls = TestStores.calls(db, outbox);
        store = new SavedSearchStore(db, outbox);
        searches = new SavedSearches(store, ZoneId.of("UTC"), clock);
        matcher = new SavedSearchMatcher(store, searches, calls, new CallCrmStore(db), clock);
        new WebhookStore(db).create("http://127.0.0.1:9/hook", List.of(EventTypes.CALL_FLAGGED), "secret-secret-secret",
                null, "admin", AT);
    }

    @AfterEach
    void close() {
        db.close();
        test.close();
    }

    @Test
    void aMatchingCallIsRecordedFlaggedForQaAndSentAsCallFlaggedNamingTheSearch() throws Exception {
        analysed("c1", "billing", "i want to cancel my contract");
        SavedSearch search = searches.create("ann", new Draft("Cancellations", "customer:cancel",
                filters("billing"), true, true));

        assertThat(matcher.analysed("c1")).extracting(SavedSearch::id).containsExactly(search.id());

        assertThat(store.matches(search.id(), 10)).extracting(SavedSearchStore.Match::callId).containsExactly("c1");
        assertThat(new ReviewQueueStore(db).page(new ReviewQueueStore.Filter("all", null, null, null), 0, 10).rows())
                .singleElement().satisfies(row -> assertThat(row.reasons()).containsExactly("saved search \"Cancellations\""));
        List<JsonNode> flagged = flaggedEvents();
        assertThat(flagged).singleElement().satisfies(event -> {
            assertThat(event.at("/data/callId").asText()).isEqualTo("c1");
            assertThat(event.at("/data/search/id").asLong()).isEqualTo(search.id());
            assertThat(event.at("/data/search/name").asText()).isEqualTo("Cancellations");
            assertThat(event.at("/data/search/owner").asText()).isEqualTo("ann");
            assertThat(event.at("/data/reason").asText()).isEqualTo("saved search \"Cancellations\"");
            assertThat(event.at("/data/links/api").asText()).isEqualTo("http://earshot.test/api/calls/c1");
        });
    }

    @Test
    void aCallThatDoesNotMatchRecordsAndSendsNothing() throws Exception {
        analysed("c2", "billing", "my bill is wrong");
        analysed("c3", "sales", "i want to cancel my order");
        SavedSearch search = searches.create("ann", new Draft("Cancellations", "cancel", filters("billing"), true, true));

        assertThat(matcher.analysed("c2")).as("words differ").isEmpty();
        assertThat(matcher.analysed("c3")).as("queue differs").isEmpty();

        assertThat(store.find(search.id()).orElseThrow().matches()).isZero();
        assertThat(flaggedEvents()).isEmpty();
        assertThat(new ReviewQueueStore(db).page(new ReviewQueueStore.Filter("all", null, null, null), 0, 10).rows()).isEmpty();
    }

    @Test
    void aReanalysedCallRaisesNoSecondMatchOrEvent() throws Exception {
        analysed("c1", "billing", "i want to cancel my contract");
        SavedSearch search = searches.create("ann", new Draft("Cancellations", "cancel", null, true, false));
        matcher.analysed("c1");

        calls.saveAnalysis("c1", report("please cancel it now"), AT.plusSeconds(600));
        clock.advance(java.time.Duration.ofMinutes(10));

        assertThat(matcher.analysed("c1")).isEmpty();
        assertThat(store.find(search.id()).orElseThrow().matches()).isEqualTo(1);
        assertThat(flaggedEvents()).hasSize(1);
    }

    @Test
    void onlyWatchedSearchesAreTestedAndAQaFlagOnlyWhenAsked() throws Exception {
        analysed("c1", "billing", "i want to cancel my contract");
        SavedSearch unwatched = searches.create("ann", new Draft("Not watched", "cancel", null, false, true));
        SavedSearch watched = searches.create("bob", new Draft("Watched", "cancel", null, true, false));

        assertThat(matcher.analysed("c1")).extracting(SavedSearch::id).containsExactly(watched.id());

        assertThat(store.find(unwatched.id()).orElseThrow().matches()).isZero();
        assertThat(new ReviewQueueStore(db).page(new ReviewQueueStore.Filter("all", null, null, null), 0, 10).rows()).isEmpty();
        assertThat(flaggedEvents()).extracting(e -> e.at("/data/search/name").asText()).containsExactly("Watched");
    }

    private static Filters filters(String queue) {
        return new Filters(null, null, null, null, null, null, null, null, null, null, List.of(queue), null, null, null,
                null, null, null);
    }

    private void analysed(String id, String queue, String customerSays) {
        calls.save(CallRecord.builder(id, AT, AT.plusSeconds(60), CallOutcome.ANSWERED).caller("+15550101").queue(queue)
                .agent("Alice").build());
        calls.saveAnalysis(id, report(customerSays), AT.plusSeconds(120));
    }

    private static AnalysisReport report(String customerSays) {
        List<AnalysisReport.Word> words = new ArrayList<>();
        String[] split = customerSays.split(" ");
        for (int i = 0; i < split.length; i++) {
            words.add(new AnalysisReport.Word(split[i], 1 + i * 0.5, 1.4 + i * 0.5, 0.9));
        }
        return new AnalysisReport("x.wav", 60.0, Map.of("left", "customer", "right", "agent"), Map.of(), List.of(), null,
                List.of(), null, null, new AnalysisReport.CallSentiment(-0.2, "negative", List.of()),
                List.of(new AnalysisReport.TranscriptSegment("customer", 1, 1 + split.length * 0.5, customerSays, words)),
                List.of(), List.of(), List.of());
    }

    private List<JsonNode> flaggedEvents() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT body FROM webhook_events WHERE type = 'call.flagged' ORDER BY created_at, id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                events.add(json.readTree(rs.getString(1)));
            }
        }
        return events;
    }
}
