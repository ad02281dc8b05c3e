package org.earshot.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.webhooks.Receiver;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** Administration → Webhooks in a real browser: add an endpoint, see its secret once, send it a test event. */
class WebhooksBrowserIT {

    private static final String PASSWORD = "admin-pass-1";

    @Test
    void anAdminAddsAWebhookSeesItsSecretOnceAndSendsItATestEvent(@TempDir Path dir) throws Exception {
        Browser.open("about:blank").close();
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        try (Receiver receiver = Receiver.answering(200);
             Earshot earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE)) {
            earshot.start();
            try (Browser browser = Browser.open("http://127.0.0.1:" + earshot.httpPort())) {
                browser.login("admin", PASSWORD);
                browser.go("/#/admin/webhooks");
                browser.visible(By.id("webhook-url")).sendKeys(receiver.url());
                browser.visible(By.cssSelector("[data-testid='webhook-event-call.ended']")).click();
                browser.driver().findElement(By.id("webhook-create")).click();

                String secret = browser.visible(By.cssSelector("[data-testid=webhook-secret-value]")).getText();
                assertThat(secret).startsWith("whsec_");
                browser.visible(By.cssSelector("[data-testid=webhook-row]"));
                browser.screenshot("admin-webhooks");
                browser.driver().findElement(By.cssSelector("[data-testid^=webhook-test-]")).click();

                assertThat(receiver.next().header("Earshot-Event")).isEqualTo("webhook.test");
                // The list looks again by itself while a delivery is pending.
                browser.visible(By.cssSelector("[data-testid=delivery-row][data-status=delivered]"));
                browser.screenshot("admin-webhook-deliveries");
                browser.go("/#/admin/users");
                browser.go("/#/admin/webhooks");
                browser.visible(By.cssSelector("[data-testid=webhook-row]"));
                assertThat(browser.driver().findElements(By.cssSelector("[data-testid=webhook-secret-value]")))
                        .as("the secret is not shown again").isEmpty();
            }
        }
    }
}
