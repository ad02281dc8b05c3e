package org.earshot.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.alerts.AlertSettings;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.lifecycle.RetentionPolicy;
import org.earshot.server.livespeech.LiveSpeechSettings;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.SpeechSettings;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.WrapUpRule;
import org.earshot.telephony.testing.ActionsCapture;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.earshot.telephony.testing.TimedCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The live wall's issue-17 parts in a real browser, on one node following the real AMI session ami-actions-01
 * while call E's real recording grows in MixMonitor's 32 KiB steps (as in LiveSpeechIT). "Calls in progress" shows
 * E's live words and its Live view the rolling transcript, which links to the call page once E has ended; the
 * escalation word the customer says raises an alert in the strip that Acknowledge clears for good; the agent tiles
 * offer the supervisor's actions, the phone field saves the phone and a Pause with a reason ends in Asterisk's answer.
 *
 * <p>One browser for the class, already on the wall before the first byte is written (the wall only hears what
 * /api/live pushes while it is open), so the tests run in the order the call happens: words, then its alert, then
 * actions on the agents.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveWallBrowserIT {

    private static final String PASSWORD = "a-long-test-password";
    private static final String E = "earshot-lab-1796396943.25";
    private static final String E_FILE = "20261204-150903-5550205-earshot-lab-1796396943.25-stereo.raw";
    private static final int STEP = 32 * 1024;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final By E_CARD = By.cssSelector("[data-testid=live-call][data-call='" + E + "']");
    private static final By LIVE_VIEW = By.cssSelector("[data-testid=live-call-view]");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final CountDownLatch written = new CountDownLatch(1);
    private AmiReplayPeer asterisk;
    private Earshot earshot;
    private Browser browser;
    private String base;
    private String token;
    private Path recording;
    private byte[] audio;

    @BeforeAll
    void startANodeFollowingTheReplayAndOpenTheWall(@TempDir Path dir) throws Exception {
        Browser.open("about:blank").close(); // skips (or, in CI, fails) before the set-up when there is no browser
        try (InputStream in = LiveWallBrowserIT.class.getResourceAsStream("/recordings/" + E_FILE)) {
            audio = in.readAllBytes();
        }
        Path monitor = Files.createDirectories(dir.resolve("monitor"));
        ActionsCapture lab = ActionsCapture.load();
        // Any QueuePause is answered as the lab's Asterisk answered its pause of Bob for lunch (earshot-015).
        asterisk = AmiReplayPeer.streaming(heldAtHangUp(TimedCapture.events(AmiCapture.resource(TimedCapture.ACTIONS_01_LOG))))
                .replyingTo("QueuePause", action -> lab.answer("earshot-015", action.get("actionid"))).start();
        earshot = Earshot.wire(new EarshotConfig(0, dir.resolve("data"), null, null, null,
                        new AmiSettings("127.0.0.1", asterisk.port(), "earshot", "earshot-secret", Duration.ofMillis(200)),
                        monitor, ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60),
                        KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null, SpeechSettings.Sentiment.DEFAULTS,
                        SpeechSettings.DEFAULT_MAX_RECORDING_LENGTH, null, null, RetentionPolicy.KEEP_FOREVER, true)
                        .withLive(new LiveSpeechSettings(true, 4, 1))
                        // Allison's "weasels have eaten our phone system", said by E's customer while the call is up
                        .withAlerts(AlertSettings.fromConfig(Map.of("alert.escalation-keywords", "weasels"))),
                Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        base = "http://127.0.0.1:" + earshot.httpPort();
        token = login();
        recording = monitor.resolve(E_FILE);

        browser = Browser.open(base);
        browser.login("admin", PASSWORD);
        browser.go("/#/live");
        browser.await(d -> "live".equals(d.findElement(By.id("live-connection")).getAttribute("data-state")));
    }

    @AfterAll
    void stop() {
        written.countDown();
        if (browser != null) {
            browser.close();
        }
        if (earshot != null) {
            earshot.close();
        }
        if (asterisk != null) {
            asterisk.close();
        }
    }

    @Test
    @Order(1)
    void aCallInProgressShowsItsLiveWordsAndItsRollingTranscriptThenLinksToItsPageOnceEnded() throws Exception {
        Files.write(recording, new byte[0]); // MixMonitor creates the file empty when it starts
        int half = audio.length / 2 / STEP * STEP;
        writeRecording(0, half);

        browser.visible(E_CARD);
        browser.await(d -> d.findElement(E_CARD).findElements(By.cssSelector("[data-testid=live-words]")).stream()
                .anyMatch(w -> w.getText().matches(".*\\p{L}{2,}.*")));
        browser.await(d -> !d.findElement(E_CARD).findElements(By.cssSelector("[data-testid=live-sentiment]")).isEmpty());
        WebElement card = browser.visible(E_CARD);
        assertThat(card.findElements(By.cssSelector("[data-party]"))).extracting(p -> p.getAttribute("data-party"))
                .as("the latest words of each party").contains("customer", "agent");
        assertThat(card.getText()).contains("Live view").doesNotContain("Call ended");
        browser.screenshot("live-wall");

        click(browser.visible(By.xpath("//article[@data-call='" + E + "']//button[normalize-space()='Live view']")));
        WebElement view = browser.visible(LIVE_VIEW);
        int linesAtHalf = browser.await(d -> {
            int lines = d.findElements(By.cssSelector("[data-testid=live-transcript] li")).size();
            return lines > 0 ? lines : null;
        });
        assertThat(view.getText()).startsWith("Live: ").doesNotContain("The call has ended").doesNotContainPattern("(?m)^null$");

        writeRecording(half, audio.length);
        browser.await(d -> d.findElements(By.cssSelector("[data-testid=live-transcript] li")).size() > linesAtHalf);
        assertThat(view.findElement(By.cssSelector("[data-testid=live-transcript]")).getText())
                .as("the customer's words as they were said").containsIgnoringCase("weasels");
        browser.screenshot("live-wall-live-view");

        written.countDown(); // now Asterisk may hang up
        assertThat(asterisk.awaitReplayComplete(PATIENCE)).isTrue();
        // The view and the wall redraw on each message: read what they link to in one go.
        String ended = browser.await(d -> d.findElements(By.cssSelector("[data-testid=live-call-ended] a")).stream()
                .map(a -> a.getText() + " -> " + a.getAttribute("href")).findFirst().orElse(null));
        assertThat(ended).startsWith("Open the call page -> ").endsWith("#/calls/" + E);
        click(view.findElement(By.xpath(".//button[normalize-space()='Close']")));
        browser.await(d -> !d.findElement(LIVE_VIEW).isDisplayed());
        String link = browser.await(d -> d.findElements(By.cssSelector(
                        "[data-testid=live-call][data-call='" + E + "'] [data-testid=live-call-page]")).stream()
                .map(a -> a.getText() + " -> " + a.getAttribute("href")).findFirst().orElse(null));
        assertThat(link).startsWith("Call ended: open the call page -> ").endsWith("#/calls/" + E);
    }

    @Test
    @Order(2)
    void theEscalationWordRaisesAnAlertNamingTheCallUntilAcknowledged() throws Exception {
        WebElement alert = browser.visible(By.cssSelector("[data-testid=alert-item][data-rule=escalation-keyword]"));
        String id = alert.getAttribute("data-id");
        assertThat(alert.getText()).contains("Escalation word", "weasels", "call " + E);
        assertThat(alert.findElement(By.cssSelector("[data-testid=alert-call]")).getAttribute("href"))
                .endsWith("#/calls/" + E);
        assertThat(browser.driver().findElement(By.cssSelector("[data-testid=alert-strip]")).getAttribute("data-state"))
                .isEqualTo("alerting");

        click(alert.findElement(By.cssSelector("[data-testid=alert-ack]")));
        browser.await(d -> d.findElements(By.cssSelector("[data-testid=alert-item][data-id='" + id + "']")).isEmpty());
        JsonNode alerts = get("/api/alerts?status=all&rule=escalation-keyword&callId=" + E).get("alerts");
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("id").asText()).isEqualTo(id);
            assertThat(a.get("acknowledgedBy").asText()).isEqualTo("admin");
        });
        assertThat(get("/api/alerts?status=open&rule=escalation-keyword&callId=" + E).get("alerts")).isEmpty();
    }

    @Test
    @Order(3)
    void aSupervisorSavesTheirPhoneAndPausesAnAgentWithAReasonFromItsTile() throws Exception {
        By bob = By.cssSelector("[data-testid=agent-tile][data-agent='Bob Agent']");
        WebElement actions = browser.visible(By.cssSelector("[data-testid=agent-tile][data-agent='Bob Agent'] [data-testid=agent-actions]"));
        assertThat(actions.findElements(By.tagName("button"))).extracting(WebElement::getText)
                .contains("Listen", "Whisper", "Barge", "Remove").containsAnyOf("Pause", "Unpause");

        WebElement phone = browser.visible(By.cssSelector("[data-testid=wall-phone]"));
        phone.clear();
        phone.sendKeys("PJSIP/3001");
        click(browser.driver().findElement(By.cssSelector("[data-testid=wall-phone-form] button[type=submit]")));
        assertThat(browser.visible(By.id("toast")).getText()).isEqualTo("Earshot will call PJSIP/3001");
        assertThat(get("/api/me/phone").get("phone").asText()).isEqualTo("PJSIP/3001");

        click(browser.visible(By.cssSelector("[data-testid=agent-tile][data-agent='Bob Agent'] [data-testid=agent-pause]")));
        Alert prompt = browser.await(ExpectedConditions.alertIsPresent());
        prompt.sendKeys("lunch");
        prompt.accept();
        WebElement result = browser.visible(By.cssSelector("[data-testid=wall-action-result][data-kind=done]"));
        assertThat(result.getText()).isEqualTo("Bob Agent: Interface paused successfully");
        assertThat(asterisk.rawActions().stream().map(ActionsCapture::fields)
                .filter(f -> f.get(0).equalsIgnoreCase("action: QueuePause")).toList())
                .as("one QueuePause, with the reason").singleElement()
                .satisfies(f -> assertThat(f).anyMatch(field -> field.equalsIgnoreCase("reason: lunch")));
        browser.await(d -> "paused".equals(d.findElement(bob).getAttribute("data-state")));
        assertThat(browser.driver().findElement(bob).getText()).contains("Reason: lunch", "Unpause");
        browser.screenshot("live-wall-actions");
    }

    /** Clicks like a user who first scrolls the element out from under the sticky top bar. */
    private void click(WebElement element) {
        browser.script("arguments[0].scrollIntoView({ block: 'center' })", element);
        element.click();
    }

    /** Writes the recording from {@code from} to {@code to} in MixMonitor's steps, each once the last is analysed. */
    private void writeRecording(int from, int to) throws Exception {
        for (int at = from; at < to; at += STEP) {
            int end = Math.min(to, at + STEP);
            Files.write(recording, Arrays.copyOfRange(audio, at, end), StandardOpenOption.APPEND);
            assertThat(earshot.liveCalls().awaitAnalysed(E, end, PATIENCE)).as("byte %d analysed", end).isTrue();
        }
    }

    /** The session as the peer streams it; the event of E's caller hanging up waits for {@link #written}. */
    private List<String> heldAtHangUp(List<String> events) {
        int hangUp = -1;
        for (int i = 0; i < events.size() && hangUp < 0; i++) {
            if (events.get(i).contains("Event: Hangup") && events.get(i).contains("Uniqueid: " + E + "\r\n")) {
                hangUp = i;
            }
        }
        assertThat(hangUp).as("E's hang-up in the capture").isPositive();
        int held = hangUp;
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                if (index == held) {
                    try {
                        written.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return events.get(index);
            }

            @Override
            public int size() {
                return events.size();
            }
        };
    }

    private String login() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                        Map.of("username", "admin", "password", PASSWORD)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("login: " + response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("token").asText();
    }

    /** GET as the admin the browser is logged in as; must answer 200. */
    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
