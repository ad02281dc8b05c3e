package org.earshot.server.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.earshot.server.metrics.EarshotMetrics;
import org.earshot.server.testing.TestCrm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.earshot.server.testing.MovableClock;

/** The CRM lookup against a real HTTP CRM on loopback: JSON pointers, headers, cache, shared lookups, failures. */
class CrmLookupTest {

    private final EarshotMetrics metrics = new EarshotMetrics();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private TestCrm crm;
    private CrmLookup lookup;

    @BeforeEach
    void start() throws Exception {
        crm = new TestCrm().contact("+15550101", "C-1001", "Ada Lovelace");
        lookup = new CrmLookup(new CrmSettings(crm.lookupUrl(),
                CrmSettings.headers("Authorization: Bearer abc; X-Tenant: 7"), "/contacts/0/name", "/contacts/0/id",
                "https://crm.example/contacts/{crmId}", Duration.ofMinutes(10)), metrics, clock);
    }

    @AfterEach
    void stop() {
        lookup.close();
        crm.close();
    }

    private Optional<CrmContact> find(String caller) throws Exception {
        return lookup.find(caller).get(10, TimeUnit.SECONDS);
    }

    private String scraped() throws Exception {
        return new String(metrics.scrape(), StandardCharsets.UTF_8);
    }

    @Test
    void findsTheNameAndIdByJsonPointerAndSendsTheHeaders() throws Exception {
        assertThat(find("+15550101")).contains(new CrmContact("C-1001", "Ada Lovelace"));

        TestCrm.Received request = crm.nextRequest();
        // The + of the number arrives as a +, not a space: the number is URL-encoded into the template.
        assertThat(request.phone()).isEqualTo("+15550101");
        assertThat(request.header("Authorization")).isEqualTo("Bearer abc");
        assertThat(request.header("X-Tenant")).isEqualTo("7");
        assertThat(scraped()).contains("earshot_crm_lookups_total{result=\"found\"} 1.0");
    }

    @Test
    void secondLookupOfANumberIsAnsweredFromTheCacheWithoutARequest() throws Exception {
        find("+15550101");
        find("+15550199"); // not in the CRM: "not found" is cached too
        assertThat(crm.nextRequest()).isNotNull();
        assertThat(crm.nextRequest()).isNotNull();

        CompletableFuture<Optional<CrmContact>> again = lookup.find("+15550101");
        CompletableFuture<Optional<CrmContact>> unknownAgain = lookup.find("+15550199");

        assertThat(again).isCompletedWithValue(Optional.of(new CrmContact("C-1001", "Ada Lovelace")));
        assertThat(unknownAgain).isCompletedWithValue(Optional.empty());
        assertThat(crm.pendingRequests()).isZero();
        assertThat(lookup.known("+15550101")).isPresent();
        assertThat(scraped()).contains("earshot_crm_lookups_total{result=\"found\"} 1.0")
                .contains("earshot_crm_lookups_total{result=\"not_found\"} 1.0")
                .contains("earshot_crm_cached_callers 2.0");
    }

    @Test
    void anAnswerOlderThanTheCacheTtlIsAskedForAgain() throws Exception {
        find("+15550101");
        crm.nextRequest();

        clock.advance(Duration.ofMinutes(10));

        assertThat(lookup.known("+15550101")).isEmpty();
        assertThat(find("+15550101")).isPresent();
        assertThat(crm.nextRequest()).isNotNull();
    }

    @Test
    void slowCrmTimesOutWithoutBlockingTheCallerAndIsCountedAsATimeout() throws Exception {
        crm.hanging("+15550102");

        CompletableFuture<Optional<CrmContact>> answer = lookup.find("+15550102");
        // find() returned before the CRM answered: only the test's release() lets it answer.
        assertThat(answer).isNotDone();
        CompletableFuture<Optional<CrmContact>> shared = lookup.find("+15550102");

        assertThat(crm.awaitHanging()).isTrue();
        assertThat(shared).as("a lookup under way is shared").isSameAs(answer);
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(scraped()).contains("earshot_crm_lookups_total{result=\"timeout\"} 1.0");
        crm.release();
        assertThat(crm.nextRequest()).isNotNull();
        assertThat(crm.pendingRequests()).as("one request for both").isZero();
    }

    @Test
    void crmErrorsAreCountedAndNotCached() throws Exception {
        crm.failing("+15550103", 500);

        assertThat(find("+15550103")).isEmpty();
        assertThat(find("+15550103")).isEmpty();

        assertThat(crm.nextRequest()).isNotNull();
        assertThat(crm.nextRequest()).as("a failure is asked again").isNotNull();
        assertThat(scraped()).contains("earshot_crm_lookups_total{result=\"error\"} 2.0");
    }

    @Test
    void unreachableCrmIsAnErrorNotAFailedFuture() throws Exception {
        EarshotMetrics own = new EarshotMetrics();
        // Port 1 on loopback: nothing listens, the connection is refused.
        try (CrmLookup down = new CrmLookup(new CrmSettings("http://127.0.0.1:1/x?phone={caller}", Map.of(),
                "/name", "/id", null, Duration.ofMinutes(1)), own, clock)) {
            assertThat(down.find("+15550104").get(10, TimeUnit.SECONDS)).isEmpty();
        }
        assertThat(new String(own.scrape(), StandardCharsets.UTF_8))
                .contains("earshot_crm_lookups_total{result=\"error\"} 1.0");
    }

    @Test
    void withheldNumberIsNotLookedUp() throws Exception {
        assertThat(lookup.find("anonymous")).isCompletedWithValue(Optional.empty());
        assertThat(lookup.find(null)).isCompletedWithValue(Optional.empty());
        assertThat(crm.pendingRequests()).isZero();
    }

    @Test
    void awaitGivesUpAtTheTimeoutWithoutAName() throws Exception {
        crm.hanging("+15550105");

        assertThat(lookup.await("+15550105")).isEmpty();

        assertThat(crm.awaitHanging()).isTrue();
        crm.release();
    }
}
