package org.earshot.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Administration → Erasure in a real browser: the number's calls are counted first (a dry run that changes
 * nothing), and with none to erase there is nothing to confirm.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErasurePageIT {

    private static final String PASSWORD = "a-long-test-password";

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
}
