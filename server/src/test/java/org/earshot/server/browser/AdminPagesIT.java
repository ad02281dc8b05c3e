package org.earshot.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.speech.ChannelRoles;
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
 * erase there is nothing to confirm.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPagesIT {

    private static final String PASSWORD = "a-long-test-password";

    private final HttpClient http = HttpClient.newHttpClient();
    private Earshot earshot;
    private String base;

    @BeforeAll
    void startANode(@TempDir Path dir) throws Exception {
        Browser.open("about:blank").close(); // skips (or, in CI, fails) before the set-up when there is no browser
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
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

    private HttpResponse<String> get(String path, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
