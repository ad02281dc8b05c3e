package org.earshot.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.store.AgentIntervalStore;
import org.earshot.server.store.Database;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Dashboard → Agent time in a real browser: an agent's pauses by reason, with count and longest. */
class AgentTimeBrowserIT {

    private static final String PASSWORD = "admin-pass-1";

    @Test
    void theDashboardShowsEachAgentsTimeInEachPauseReason(@TempDir Path dir) throws Exception {
        Browser.open("about:blank").close();
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
        try (Database db = Database.open(config.jdbcUrl(), null, null)) {
            AgentIntervalStore agents = new AgentIntervalStore(db, KpiDefinitions.DEFAULTS.zone());
            agents.record("Alice Agent", "available", null, start);
            agents.record("Alice Agent", "paused", "lunch", start.plusSeconds(600));
            agents.record("Alice Agent", "available", null, start.plusSeconds(600 + 1800));
            agents.record("Alice Agent", "paused", "break", start.plusSeconds(3600));
            agents.record("Alice Agent", "available", null, start.plusSeconds(3600 + 300));
        }
        try (Earshot earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE)) {
            earshot.start();
            try (Browser browser = Browser.open("http://127.0.0.1:" + earshot.httpPort())) {
                browser.login("admin", PASSWORD);
                browser.go("/#/dashboard");

                WebElement row = browser.visible(By.cssSelector("#agent-time-table [data-testid=agent-time-row]"));
                String headers = browser.driver().findElement(By.cssSelector("#agent-time-table thead")).getText();

                assertThat(headers).contains("break", "lunch", "Paused in all", "Missed calls");
                assertThat(row.getText()).contains("Alice Agent", "30 min 00 s", "5 min 00 s", "35 min 00 s");
                browser.script("arguments[0].scrollIntoView({block: 'center'})", row);
                browser.screenshot("dashboard-agent-time");
            }
        }
    }
}
