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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.WebDriver;
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

        click(By.xpath("//article[@data-call='" + E + "']//button[normalize-space()='Live view']"));
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
        click(By.xpath("//dialog[@data-testid='live-call-view']//button[normalize-space()='Close']"));
        browser.await(d -> !d.findElement(LIVE_VIEW).isDisplayed());
        String link = browser.await(d -> d.findElements(By.cssSelector(
                        "[data-testid=live-call][data-call='" + E + "'] [data-testid=live-call-page]")).stream()
                .map(a -> a.getText() + " -> " + a.getAttribute("href")).findFirst().orElse(null));
        assertThat(link).startsWith("Call ended: open the call page -> ").endsWith("#/calls/" + E);
    }

    @Test
    @Order(2)
    void theEscalationWordRaisesAnAlertNamingTheCallUntilAcknowledged() throws Exception {
        By escalation = By.cssSelector("[data-testid=alert-item][data-rule=escalation-keyword]");
        // The strip redraws when another alert comes: read the item in one go.
        List<String> shown = browser.await(d -> d.findElements(escalation).stream().map(a -> List.of(a.getAttribute("data-id"),
                a.getText(), a.findElement(By.cssSelector("[data-testid=alert-call]")).getAttribute("href"))).findFirst().orElse(null));
        String id = shown.get(0);
        assertThat(shown.get(1)).contains("Escalation word", "weasels", "call " + E, "Acknowledge");
        assertThat(shown.get(2)).endsWith("#/calls/" + E);
        assertThat(browser.driver().findElement(By.cssSelector("[data-testid=alert-strip]")).getAttribute("data-state"))
                .isEqualTo("alerting");

        click(By.cssSelector("[data-testid=alert-item][data-id='" + id + "'] [data-testid=alert-ack]"));
        browser.await(d -> d.findElements(By.cssSelector("[data-testid=alert-item][data-id='" + id + "']")).isEmpty());
        JsonNode alerts = get("/api/alerts?status=all&rule=escalation-keyword&callId=" + E).get("alerts");
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("id").asText()).isEqualTo(id);
            assertThat(a.get("acknowledgedBy").asText()).isEqualTo("admin");
        });
        assertThat(get("/api/alerts?status=open&rule=escalation-keyword&callId=" + E).get("alerts")).isEmpty();

        // Sound is a choice of this browser, and both it and the acknowledgement outlive a reload of the wall.
        click(By.cssSelector("[data-testid=alert-sound]"));
        assertThat(browser.script("return localStorage.getItem('earshot.alerts.sound')")).isEqualTo("on");
        browser.driver().navigate().refresh();
        browser.await(d -> "live".equals(d.findElement(By.id("live-connection")).getAttribute("data-state")));
        assertThat(browser.visible(By.cssSelector("[data-testid=alert-sound]")).isSelected()).isTrue();
        List<String> open = browser.await(d -> {
            List<String> onWall = d.findElements(By.cssSelector("[data-testid=alert-item]")).stream()
                    .map(a -> a.getAttribute("data-id")).sorted().toList();
            return onWall.equals(openAlertIds()) ? onWall : null;
        });
        assertThat(open).as("the open alerts, as GET /api/alerts lists them").doesNotContain(id);
    }

    @Test
    @Order(3)
    void aSupervisorSavesTheirPhoneAndPausesAnAgentWithAReasonFromItsTile() throws Exception {
        By bob = By.cssSelector("[data-testid=agent-tile][data-agent='Bob Agent']");
        List<String> buttons = awaitNonEmpty(d -> d.findElements(By.cssSelector(
                        "[data-testid=agent-tile][data-agent='Bob Agent'] [data-testid=agent-actions] button")).stream()
                .map(WebElement::getText).filter(b -> !b.isEmpty()).toList());
        assertThat(buttons).as("Bob's tile, the AMI link being up")
                .contains("Listen", "Whisper", "Barge", "Remove").containsAnyOf("Pause", "Unpause");

        WebElement phone = browser.visible(By.cssSelector("[data-testid=wall-phone]"));
        phone.clear();
        phone.sendKeys("PJSIP/3001");
        click(By.cssSelector("[data-testid=wall-phone-form] button[type=submit]"));
        assertThat(browser.visible(By.id("toast")).getText()).isEqualTo("Earshot will call PJSIP/3001");
        assertThat(get("/api/me/phone").get("phone").asText()).isEqualTo("PJSIP/3001");

        click(By.cssSelector("[data-testid=agent-tile][data-agent='Bob Agent'] [data-testid=agent-pause]"));
        Alert prompt = browser.await(ExpectedConditions.alertIsPresent());
        prompt.sendKeys("lunch");
        prompt.accept();
        WebElement result = browser.visible(By.cssSelector("[data-testid=wall-action-result][data-kind=done]"));
        assertThat(result.getText()).isEqualTo("Bob Agent: Interface paused successfully");
        assertThat(asterisk.rawActions().stream().map(ActionsCapture::fields)
                .filter(f -> f.get(0).equalsIgnoreCase("action: QueuePause")).toList())
                .as("one QueuePause, with the reason").singleElement()
                .satisfies(f -> assertThat(f).anyMatch(field -> field.equalsIgnoreCase("reason: lunch")));
        // Asterisk's QueueMemberPause after its answer turns the tile: paused, with the reason and Unpause on offer.
        String tile = browser.await(d -> {
            WebElement t = d.findElement(bob);
            return "paused".equals(t.getAttribute("data-state")) ? t.getText() : null;
        });
        assertThat(tile).contains("Reason: lunch", "Unpause");
        browser.script("window.scrollTo(0, 0)"); // the picture shows the phone, the outcome and the tiles
        browser.screenshot("live-wall-actions");
    }

    /**
     * Clicks like a user who first scrolls the element out from under the sticky top bar; found afresh until the
     * click lands, as the wall redraws what a message changes.
     */
    private void click(By by) {
        browser.await(d -> {
            WebElement element = d.findElement(by);
            browser.script("arguments[0].scrollIntoView({ block: 'center' })", element);
            try {
                element.click();
                return true;
            } catch (ElementClickInterceptedException covered) {
                return null; // a redraw or a closing dialog moved it: look again
            }
        });
    }

    /** What {@code read} finds once it finds anything. */
    private List<String> awaitNonEmpty(Function<WebDriver, List<String>> read) {
        return browser.await(d -> {
            List<String> found = read.apply(d);
            return found.isEmpty() ? null : found;
        });
    }

    /** Ids of the open alerts the wall loads (GET /api/alerts?status=open), sorted as text. */
    private List<String> openAlertIds() {
        try {
            List<String> ids = new ArrayList<>();
            get("/api/alerts?status=open&limit=100").get("alerts").forEach(a -> ids.add(a.get("id").asText()));
            return ids.stream().sorted().toList();
        } catch (Exception e) {
            throw new IllegalStateException("GET /api/alerts failed", e);
        }
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
