package org.earshot.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Administration in a real browser, on one node. API keys: an admin creates a key, sees it once with a copy
 * button and a warning, the key reads the API, and after a confirmed revoke it is refused and listed as
 * revoked. Erasure: the number's calls are counted first (a dry run that changes nothing), and with none to
 * erase there is nothing to confirm. A call's data: its page shows what was redacted (card and timeline), and an
 * admin puts it under legal hold (which stops a delete) and deletes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPagesIT {

    private static final String PASSWORD = "a-long-test-password";
    private static final String PAID_CALL = "earshot-lab-1796396917.21";

    private final HttpClient http = HttpClient.newHttpClient();
    private Earshot earshot;
    private String base;

    @BeforeAll
    void startANode(@TempDir Path dir) throws Exception {
        Browser.open("about:blank").close(); // skips (or, in CI, fails) before the set-up when there is no browser
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        storeACallWithCardDataRedacted(config);
        earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        base = "http://127.0.0.1:" + earshot.httpPort();
    }

    /** A call whose analysis redacted a spoken card number and keypad digits, and whose recording the PBX muted once. */
    private static void storeACallWithCardDataRedacted(EarshotConfig config) {
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        try (Database db = Database.open(config.jdbcUrl(), null, null)) {
            CallStore calls = TestStores.calls(db);
            calls.save(CallRecord.builder(PAID_CALL, at, at.plusSeconds(40), CallOutcome.ANSWERED).linkedId(PAID_CALL)
                    .caller("5550203").queue("billing").agent("Alice").answeredAt(at.plusSeconds(5)).waitSeconds(5)
                    .talkSeconds(35.0).recordingFile("/var/spool/asterisk/monitor/" + PAID_CALL + ".raw").build());
            calls.saveAnalysis(PAID_CALL, new AnalysisReport(PAID_CALL + ".raw", 40, Map.of("left", "customer", "right", "agent"),
                    Map.of(), List.of(), 0.0, List.of(), 0.2, 0.5, null,
                    List.of(new AnalysisReport.TranscriptSegment("customer", 4.0, 9.0, "my card is [card number]", List.of())),
                    List.of(), List.of(), List.of(),
                    List.of(new AnalysisReport.Redaction("customer", "card-number", 5.5, 9.5),
                            new AnalysisReport.Redaction("customer", "keypad-digits", 20.0, 26.0)),
                    List.of(new AnalysisReport.Muted("customer", 30.0, 36.0))), Instant.now());
        }
    }

    @AfterAll
    void stop() {
        if (earshot != null) {
            earshot.close();
        }
    }

    @Test
    void anAdminCreatesAKeySeenOnceThatWorksUntilItIsRevoked() throws Exception {
        try (Browser browser = Browser.open(base)) {
            browser.login("admin", PASSWORD);
            browser.go("/#/admin/keys");
            browser.visible(By.id("key-name")).sendKeys("crm-sync");
            new Select(browser.driver().findElement(By.id("key-role"))).selectByValue("supervisor");
            browser.driver().findElement(By.id("key-create")).click();

            String key = browser.visible(By.id("key-secret")).getAttribute("value");
            assertThat(key).startsWith("esk_");
            assertThat(browser.visible(By.cssSelector("[data-testid=key-shown] .notice")).getText()).contains("only this once");
            assertThat(browser.visible(By.cssSelector("[data-testid=key-copy]")).isEnabled()).isTrue();
            WebElement row = browser.visible(By.cssSelector("[data-testid=key-row]"));
            assertThat(row.getText()).contains("crm-sync", key.substring(0, 12), "supervisor", "Active").doesNotContain(key);
            browser.screenshot("admin-keys");
            assertThat(get("/api/calls", key).statusCode()).isEqualTo(200);

            row.findElement(By.cssSelector("button.danger")).click();
            browser.await(ExpectedConditions.alertIsPresent()).accept();

            browser.await(d -> d.findElements(By.cssSelector("[data-testid=key-row]")).stream()
                    .anyMatch(r -> r.getText().contains("Revoked")));
            assertThat(get("/api/calls", key).statusCode()).isEqualTo(401);
            browser.go("/#/admin/users");
            browser.go("/#/admin/keys");
            assertThat(browser.visible(By.cssSelector("[data-testid=keys-table]")).getText())
                    .as("the key is never shown again").doesNotContain(key);
        }
    }

    @Test
    void anAdminCountsACallersCallsBeforeAnythingIsErased() throws Exception {
        try (Browser browser = Browser.open(base)) {
            browser.login("admin", PASSWORD);
            browser.go("/#/admin/erasure");
            browser.visible(By.id("erasure-caller")).sendKeys("+1 404 555 0149");
            browser.driver().findElement(By.cssSelector("[data-testid=erasure-count]")).click();

            WebElement confirm = browser.visible(By.cssSelector("[data-testid=erasure-confirm]"));
            assertThat(browser.visible(By.cssSelector("[data-testid=erasure-result]")).getText())
                    .contains("0 calls of this number");
            assertThat(confirm.isEnabled()).as("nothing to erase, nothing to confirm").isFalse();
            browser.screenshot("admin-erasure");
        }
    }

    @Test
    void theCallPageShowsWhatWasRedactedOnTheTimelineAndAnAdminHoldsThenDeletesTheCall() throws Exception {
        try (Browser browser = Browser.open(base)) {
            browser.login("admin", PASSWORD);
            browser.go("/#/calls/" + PAID_CALL);

            assertThat(browser.visible(By.cssSelector("[data-testid=call-redactions]")).getText())
                    .contains("card number redacted, audio silenced", "keypad digits redacted, audio silenced",
                            "recording muted by the PBX");
            WebElement timeline = browser.visible(By.cssSelector("[data-testid=call-timeline]"));
            assertThat(timeline.getAttribute("aria-label"))
                    .contains("2 spans of card data silenced", "1 spans muted by the PBX");
            assertThat(hoverOnTheCardDataRow(browser, 7.5)).contains("Card number (Customer) redacted, audio silenced");
            assertThat(hoverOnTheCardDataRow(browser, 33.0)).contains("Recording muted by the PBX (Customer)");
            assertThat(browser.driver().findElement(By.cssSelector(".legend")).getText())
                    .contains("card data redacted (audio silenced)", "recording muted by the PBX");
            browser.screenshot("call-redactions");

            WebElement hold = browser.visible(By.cssSelector("[data-testid=call-legal-hold]"));
            assertThat(hold.isSelected()).isFalse();
            hold.click();
            browser.await(d -> legalHoldOf(browser));
            browser.go("/#/calls");
            browser.go("/#/calls/" + PAID_CALL);
            assertThat(browser.visible(By.cssSelector("[data-testid=call-legal-hold]")).isSelected())
                    .as("the hold is read back from GET /api/calls/{id}").isTrue();

            browser.visible(By.cssSelector("[data-testid=call-delete]")).click();
            browser.await(ExpectedConditions.alertIsPresent()).accept();
            assertThat(browser.visible(By.cssSelector("#call-data .error")).getText())
                    .contains("Could not delete the call", "legal hold");
            browser.visible(By.cssSelector("[data-testid=call-legal-hold]")).click();
            browser.await(d -> !legalHoldOf(browser));
            browser.visible(By.cssSelector("[data-testid=call-delete]")).click();
            browser.await(ExpectedConditions.alertIsPresent()).accept();
            browser.await(d -> d.getCurrentUrl().endsWith("#/calls"));

            browser.go("/#/calls/" + PAID_CALL);
            browser.await(d -> d.findElement(By.tagName("main")).getText()
                    .contains("There is no call with the id " + PAID_CALL));
        }
    }

    /** Moves the pointer over the timeline's card-data row at second {@code t} and returns the tooltip's text. */
    private static String hoverOnTheCardDataRow(Browser browser, double t) {
        return (String) browser.script("""
                const canvas = document.querySelector('[data-testid=call-timeline]');
                const box = canvas.getBoundingClientRect();
                const plot = box.width - 124 - 10;
                const x = box.left + 124 + arguments[0] / 40 * plot;
                const y = box.top + 164 + 7;
                canvas.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true }));
                return document.getElementById('timeline-tip').textContent;""", t);
    }

    private static boolean legalHoldOf(Browser browser) {
        Object hold = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/calls/' + arguments[0], { credentials: 'same-origin' }).then((r) => r.json())
                    .then((c) => done(c.legalHold), () => done(null));""", PAID_CALL);
        return Boolean.TRUE.equals(hold);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
