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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Saved searches on the search page in a real browser: save the search on screen, open it again, delete it. */
class SavedSearchesBrowserIT {

    private static final String PASSWORD = "admin-pass-1";

    @Test
    void aUserSavesTheSearchOnScreenOpensItAgainAndDeletesIt(@TempDir Path dir) throws Exception {
        Browser.open("about:blank").close();
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        try (Earshot earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE)) {
            earshot.start();
            try (Browser browser = Browser.open("http://127.0.0.1:" + earshot.httpPort())) {
                browser.login("admin", PASSWORD);
                browser.go("/#/search?q=cancel&queue=billing&minMinutes=2");
                openPanel(browser);
                browser.visible(By.cssSelector("[data-testid=saved-search-open-form]")).click();
                browser.visible(By.cssSelector("[data-testid=saved-search-name]")).sendKeys("Billing cancellations");
                browser.driver().findElement(By.cssSelector("[data-testid=saved-search-qa]")).click();
                browser.driver().findElement(By.cssSelector("[data-testid=saved-search-save]")).click();

                WebElement saved = browser.visible(By.cssSelector("[data-testid=saved-search]"));
                assertThat(saved.getText()).contains("Billing cancellations").contains("watched").contains("flags for QA");
                browser.screenshot("search-saved-searches");

                browser.go("/#/search");
                openPanel(browser);
                browser.visible(By.cssSelector("[data-testid=saved-search-link]")).click();
                browser.await(d -> d.getCurrentUrl().contains("q=cancel") && d.getCurrentUrl().contains("queue=billing")
                        && d.getCurrentUrl().contains("minMinutes=2"));
                assertThat(browser.visible(By.id("search-q")).getAttribute("value")).isEqualTo("cancel");

                openPanel(browser);
                browser.visible(By.cssSelector("[data-testid=saved-search-delete]")).click();
                browser.driver().switchTo().alert().accept();
                browser.await(d -> d.findElements(By.cssSelector("[data-testid=saved-search]")).isEmpty());
            }
        }
    }

    /** Opens the panel unless it is open already (a click on its summary would close it). */
    private static void openPanel(Browser browser) {
        WebElement panel = browser.visible(By.id("saved-searches"));
        if (panel.getAttribute("open") == null) {
            panel.findElement(By.tagName("summary")).click();
        }
    }
}
