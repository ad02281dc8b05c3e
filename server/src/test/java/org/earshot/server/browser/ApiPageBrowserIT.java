package org.earshot.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.testing.TestStores;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Issue 15 in a real browser: the API page renders the server's own description with Swagger UI from its WebJar
 * (under the UI's same-origin Content-Security-Policy, no CDN), and the calls and call pages link the exports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiPageBrowserIT {

    private static final String PASSWORD = "a-long-test-password";
    private static final String CALL = "1795393091.5";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Earshot earshot;
    private String base;

    @BeforeAll
    void startANodeWithAnAnalysedCall(@TempDir Path dir) throws Exception {
        Browser.open("about:blank").close(); // skips (or, in CI, fails) at once without a browser
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        try (Database db = Database.open(config.jdbcUrl(), null, null)) {
            CallStore calls = TestStores.calls(db);
            calls.save(CallRecord.builder(CALL, at, at.plusSeconds(20), CallOutcome.ANSWERED).linkedId(CALL)
                    .caller("5550100").queue("support").agent("Alice").answeredAt(at.plusSeconds(5)).waitSeconds(5)
                    .talkSeconds(15.0).recordingFile("/var/spool/asterisk/monitor/" + CALL + ".raw").build());
            calls.saveAnalysis(CALL, new AnalysisReport(CALL + ".raw", 20, Map.of("left", "customer", "right", "agent"),
                    Map.of(), null, null, List.of(), 0.1, 0.5, null,
                    List.of(new AnalysisReport.TranscriptSegment("agent", 0.4, 0.9, "thank you",
                            List.of(new AnalysisReport.Word("thank", 0.4, 0.6, 0.9), new AnalysisReport.Word("you", 0.6, 0.9, 0.9)))),
                    null, List.of(), null), Instant.now());
        }
        earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        base = "http://127.0.0.1:" + earshot.httpPort();
    }

    @AfterAll
    void stop() {
        if (earshot != null) {
            earshot.close();
        }
    }

    @Test
    void theApiLinkOpensSwaggerUiShowingEveryOperationOfTheDescription() throws Exception {
        java.util.Set<String> paths = new java.util.TreeSet<>();
        json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("paths").fieldNames().forEachRemaining(paths::add);
        try (Browser browser = Browser.open(base)) {
            browser.login("admin", PASSWORD);

            browser.visible(By.id("api-docs-link")).click();

            browser.await(d -> d.getCurrentUrl().endsWith("/api-docs.html"));
            browser.visible(By.cssSelector("[data-path='/api/calls/{id}/transcript']"));
            browser.await(d -> new java.util.TreeSet<>(d.findElements(By.cssSelector(".opblock-summary-path[data-path]")).stream()
                    .map(e -> e.getAttribute("data-path")).toList()).equals(paths));
            browser.screenshot("api-page");
        }
    }

    @Test
    void theCallsPageLinksTheCsvOfItsListAndTheCallPageItsTranscripts() throws Exception {
        try (Browser browser = Browser.open(base)) {
            browser.login("admin", PASSWORD);
            browser.go("/#/calls?queue=support");
            browser.visible(By.cssSelector("[data-testid=call-row]"));

            String csv = browser.visible(By.id("calls-csv")).getAttribute("href");

            assertThat(csv).startsWith(base + "/api/calls.csv?").contains("queue=support").doesNotContain("size=");
            assertThat(fetchInPage(browser, csv)).startsWith("200 id,startedAt,").contains(CALL);

            browser.go("/#/calls/" + CALL);
            String vtt = browser.visible(By.cssSelector("[data-testid=transcript-vtt]")).getAttribute("href");
            assertThat(vtt).isEqualTo(base + "/api/calls/" + CALL + "/transcript?format=vtt");
            assertThat(fetchInPage(browser, vtt)).startsWith("200 WEBVTT");
            assertThat(browser.visible(By.cssSelector("[data-testid=transcript-txt]")).getAttribute("href"))
                    .isEqualTo(base + "/api/calls/" + CALL + "/transcript?format=txt");
        }
    }

    /** What the page's own session gets for a URL: "STATUS BODY". */
    private static String fetchInPage(Browser browser, String url) {
        return (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.text().then(t => done(r.status + ' ' + t)), e => done('failed ' + e));",
                url);
    }
}
