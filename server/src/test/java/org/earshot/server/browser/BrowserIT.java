package org.earshot.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.demo.DemoCallCenter;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.WrapUpRule;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI in a real browser (Debian's headless Chromium) against a real server holding the demo call
 * centre, whose recordings were analysed by the real pipeline, and a real Asterisk capture replayed through
 * the loopback AMI peer once the live wall is open. Screenshots land in target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT {

    private static final String CAPTURE_USER = "earshot";
    private static final String CAPTURE_SECRET = "earshot-secret";
    // In the capture, caller 5550101 joins queue "support" at event 72 (0-based): replaying up to it
    // leaves that caller waiting for as long as the test needs.
    private static final int FIRST_CALLER_JOINS = 73;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Earshot earshot;
    private AmiReplayPeer asterisk;
    private int amiPort;
    private String base;
    private List<String> recordedCalls;

    @BeforeAll
    void startTheDemoCallCentre(@TempDir Path dir) throws Exception {
        // Skips (or, in CI, fails) before the slow set-up when there is no browser.
        Browser.open("about:blank").close();
        // An Asterisk with nothing to say yet: the live-wall test swaps it for one replaying a real call.
        asterisk = AmiReplayPeer.replaying(List.of()).credentials(CAPTURE_USER, CAPTURE_SECRET).start();
        amiPort = asterisk.port();
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null,
                new AmiSettings("127.0.0.1", amiPort, CAPTURE_USER, CAPTURE_SECRET, Duration.ofMillis(200)),
                dir.resolve("recordings"), ChannelRoles.CUSTOMER_AGENT, null, 2, null, Duration.ofSeconds(120),
                KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null);
        DemoCallCenter.Loaded demo = DemoCallCenter.load(config, Clock.systemUTC(), System.out);
        assertThat(demo.recordingsSkipped()).as("the demo needs espeak-ng for its recordings").isNull();
        recordedCalls = demo.recordedCallIds();
        earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        base = "http://127.0.0.1:" + earshot.httpPort();
        assertThat(asterisk.awaitLogins(1, Duration.ofSeconds(30))).as("logged in to the quiet Asterisk").isTrue();
        String token = token("admin");
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        for (String id : recordedCalls) {
            while (!apiGet(token, "/api/calls/" + id).path("analysisStatus").asText().equals("done")) {
                assertThat(System.nanoTime()).as("demo call " + id + " analysed in time").isLessThan(deadline);
                Thread.sleep(250);
            }
        }
    }

    @AfterAll
    void stop() {
        if (earshot != null) {
            earshot.close();
        }
        if (asterisk != null) {
            asterisk.close();
        }
    }

    @Test
    void eachRoleSeesItsOwnPagesAndIsToldWhereAccessIsDenied() throws Exception {
        Map<String, List<String>> visible = Map.of(
                "admin", List.of("dashboard", "live", "search", "qa", "coaching", "admin"),
                "supervisor", List.of("dashboard", "live", "search", "qa", "coaching"),
                "qa", List.of("search", "qa"),
                "trainer", List.of("search", "coaching", "qa"));
        Map<String, List<String>> hidden = Map.of(
                "admin", List.of(),
                "supervisor", List.of("admin"),
                "qa", List.of("dashboard", "live", "coaching", "admin"),
                "trainer", List.of("dashboard", "live", "admin"));
        for (String role : DemoCallCenter.USERS) {
            try (Browser browser = Browser.open(base)) {
                browser.login(role, DemoCallCenter.PASSWORD);
                for (String page : visible.get(role)) {
                    assertThat(browser.driver().findElement(By.id("nav-" + page)).isDisplayed()).as(role + " sees " + page).isTrue();
                }
                for (String page : hidden.get(role)) {
                    assertThat(browser.driver().findElement(By.id("nav-" + page)).isDisplayed()).as(role + " has no " + page).isFalse();
                }
                if (role.equals("qa")) {
                    browser.go("/#/dashboard");
                    WebElement denied = browser.visible(By.id("access-denied"));
                    assertThat(denied.getText()).contains("Access denied").contains("qa");
                    browser.screenshot("access-denied");
                }
            }
        }
    }

    @Test
    void supervisorSearchesAWordAndOpensTheCallAtTheSecondItWasSaid() throws Exception {
        String word = aRecognisedWord();
        try (Browser browser = Browser.open(base)) {
            browser.login("supervisor", DemoCallCenter.PASSWORD);
            browser.go("/#/search");
            WebElement box = browser.visible(By.id("search-q"));
            box.sendKeys(word, Keys.ENTER);
            WebElement snippet = browser.visible(By.cssSelector("[data-testid=snippet-link]"));
            assertThat(snippet.getText().toLowerCase()).contains(word);
            browser.screenshot("search");
            double seconds = Double.parseDouble(snippet.getAttribute("data-seconds"));

            snippet.click();

            browser.await(d -> d.getCurrentUrl().contains("#/calls/"));
            browser.visible(By.id("call-audio"));
            browser.await(d -> Math.abs(currentTime(browser) - seconds) < 0.6);
            browser.visible(By.cssSelector("[data-testid=transcript-segment]"));
            assertThat(currentTime(browser)).isCloseTo(seconds, within(0.6));
            browser.screenshot("call");
        }
    }

    @Test
    void playingACallMovesThePlayerOnAndTheListenIsAudited() throws Exception {
        String id = recordedCalls.get(0);
        try (Browser browser = Browser.open(base)) {
            browser.login("supervisor", DemoCallCenter.PASSWORD);
            browser.go("/#/calls/" + id);
            browser.visible(By.id("call-audio"));

            browser.script("document.getElementById('call-audio').play()");

            browser.await(d -> currentTime(browser) > 1.0);
        }
        JsonNode audit = apiGet(token("admin"), "/api/audit?user=supervisor&target=" + id);
        assertThat(audit.get("entries")).extracting(e -> e.get("action").asText()).contains("call-opened", "call-played");
    }

    @Test
    void qaReviewerFillsTheScorecardAndTheReviewIsStored() throws Exception {
        String callId;
        try (Browser browser = Browser.open(base)) {
            browser.login("qa", DemoCallCenter.PASSWORD);
            browser.go("/#/qa");
            WebElement first = browser.visible(By.cssSelector("[data-testid=qa-item-link]"));
            browser.screenshot("qa-queue");
            first.click();
            browser.await(d -> d.getCurrentUrl().contains("#/calls/"));
            callId = browser.driver().getCurrentUrl().replaceAll(".*#/calls/([^?]+).*", "$1");
            browser.visible(By.id("qa-panel"));
            List<WebElement> criteria = browser.await(d -> {
                List<WebElement> found = d.findElements(By.cssSelector("[data-testid=qa-criterion]"));
                return found.isEmpty() ? null : found;
            });
            // Pass every criterion scored by hand (those showing no automatic result).
            for (WebElement criterion : criteria) {
                List<WebElement> pass = criterion.findElements(By.cssSelector("input[type=radio][id$='-pass']"));
                if (criterion.findElements(By.cssSelector(".auto-result")).isEmpty() && !pass.isEmpty()) {
                    browser.script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", pass.get(0));
                }
            }
            new Select(browser.driver().findElement(By.id("qa-status"))).selectByValue("reviewed");
            browser.script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()",
                    browser.driver().findElement(By.id("qa-save")));

            browser.await(d -> d.findElement(By.id("qa-save-status")).getText().startsWith("Saved"));
            browser.screenshot("qa-review");
        }
        JsonNode review = apiGet(token("admin"), "/api/qa/reviews/" + URLEncoder.encode(callId, StandardCharsets.UTF_8));
        assertThat(review.get("status").asText()).isEqualTo("reviewed");
        assertThat(review.get("reviewer").asText()).isEqualTo("qa");
        assertThat(review.get("scores")).allSatisfy(s -> assertThat(s.get("value").isNull()
                && s.get("auto").isNull()).as("every hand-scored criterion has a value").isFalse());
    }

    @Test
    void trainerSeesAReviewButCannotChangeIt() throws Exception {
        String id = recordedCalls.get(0);
        try (Browser browser = Browser.open(base)) {
            browser.login("trainer", DemoCallCenter.PASSWORD);
            browser.go("/#/calls/" + id);
            browser.visible(By.id("qa-panel"));
            assertThat(browser.driver().findElements(By.id("qa-save"))).isEmpty();
            browser.go("/#/coaching");
            browser.visible(By.cssSelector("#view h1"));
            browser.await(d -> !d.findElements(By.cssSelector("canvas, table")).isEmpty());
            browser.screenshot("coaching");
            // Alice Moreno has analysed calls in the demo: her page charts her weeks against the team's.
            browser.visible(By.linkText("Alice Moreno")).click();
            browser.await(d -> d.getCurrentUrl().contains("#/coaching/"));
            browser.await(d -> d.findElements(By.cssSelector("#view canvas")).size() >= 2);
            browser.screenshot("coaching-agent");
        }
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/api/qa/reviews/" + id))
                .header("Authorization", "Bearer " + token("trainer"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"reviewed\",\"scores\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(403);
    }

    @Test
    void liveWallShowsACallerWaitingWhenAReplayedAsteriskCallArrives() throws Exception {
        try (Browser browser = Browser.open(base)) {
            browser.login("supervisor", DemoCallCenter.PASSWORD);
            browser.go("/#/live");
            browser.await(d -> "live".equals(d.findElement(By.id("live-connection")).getAttribute("data-state")));
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid=queue-tile][data-queue=support]")))
                    .allSatisfy(tile -> assertThat(tile.getAttribute("data-waiting")).isEqualTo("0"));

            // Asterisk restarts: the bridge reconnects at once (it was logged in) and the capture's first
            // caller enters queue "support" while the page is open.
            asterisk.close();
            asterisk = AmiReplayPeer.replaying(AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01))
                            .subList(0, FIRST_CALLER_JOINS))
                    .credentials(CAPTURE_USER, CAPTURE_SECRET).port(amiPort).start();

            WebElement support = browser.visible(By.cssSelector("[data-testid=queue-tile][data-queue=support][data-waiting='1']"));
            assertThat(support.getText()).contains("5550101");
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid=agent-tile]"))).isNotEmpty();
            browser.screenshot("live");
        }
    }

    @Test
    void adminCreatesAUserAndFindsItInTheAuditLog() throws Exception {
        try (Browser browser = Browser.open(base)) {
            browser.login("admin", DemoCallCenter.PASSWORD);
            browser.go("/#/admin/users");
            browser.visible(By.id("user-username")).sendKeys("casey");
            browser.driver().findElement(By.id("user-password")).sendKeys("casey-password-1");
            new Select(browser.driver().findElement(By.id("user-role"))).selectByValue("qa");
            browser.driver().findElement(By.id("user-create")).click();
            browser.visible(By.cssSelector("[data-testid=user-row][data-username=casey]"));
            browser.screenshot("admin-users");
            browser.go("/#/admin/audit");
            browser.await(d -> d.findElements(By.cssSelector("[data-testid=audit-row]")).stream()
                    .anyMatch(row -> row.getText().contains("casey") && row.getText().contains("user-created")));
            browser.go("/#/admin/settings");
            // AMI is configured here (the live-wall test's Asterisk may be between replays): connected or retrying.
            assertThat(browser.visible(By.cssSelector("[data-testid=settings-ami] tr[data-key=status] td")).getText())
                    .contains("connected");
            assertThat(browser.visible(By.cssSelector("[data-testid=settings-ami] tr[data-key=ami-port] td")).getText())
                    .isEqualTo(Integer.toString(amiPort));
            assertThat(browser.visible(By.cssSelector("[data-testid=settings-analysis] tr[data-key=escalation-keywords] td"))
                    .getText()).contains("cancel");
            browser.screenshot("admin-settings");
        }
        try (Browser browser = Browser.open(base)) {
            browser.login("supervisor", DemoCallCenter.PASSWORD);
            browser.go("/#/dashboard");
            browser.visible(By.id("kpi-queue-table"));
            browser.await(d -> !d.findElements(By.cssSelector("#kpi-queue-table tbody tr")).isEmpty());
            browser.screenshot("dashboard");
        }
    }

    @Test
    void everyDashboardFigureOpensTheCallsItCountsOverTheSameDays() throws Exception {
        try (Browser browser = Browser.open(base)) {
            browser.login("supervisor", DemoCallCenter.PASSWORD);
            browser.go("/#/dashboard");
            String lastDay = browser.visible(By.id("dash-to")).getAttribute("value");
            for (String figure : List.of("#kpi-queue-table [data-testid=kpi-link-offered]",
                    "#kpi-agent-table [data-testid=kpi-link-answered]", "#kpi-agent-table [data-testid=kpi-link-transferredIn]",
                    "[data-testid=range-offered-link]", "[data-testid=range-abandoned-link]")) {
                browser.go("/#/dashboard");
                WebElement link = browser.await(d -> d.findElements(By.cssSelector(figure)).stream()
                        .filter(a -> number(a.getText()) > 0).findFirst().orElse(null));
                long counted = number(link.getText());
                browser.script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", link);

                browser.await(d -> d.getCurrentUrl().contains("#/calls?") && d.getCurrentUrl().contains("kpi="));
                String total = browser.await(d -> {
                    String text = d.findElement(By.id("calls-total")).getText();
                    return text.isEmpty() ? null : text;
                });
                assertThat(number(total)).as(figure + " opens the calls it counts").isEqualTo(counted);
                assertThat(browser.driver().findElement(By.id("calls-to")).getAttribute("value"))
                        .as("the list ends on the dashboard's last day, not the next").isEqualTo(lastDay);
            }
            browser.screenshot("kpi-drill-down");
        }
    }

    @Test
    void perAgentTableSaysHowManyCallsWereTransferredInWhereAnsweredPassesOffered() throws Exception {
        try (Browser browser = Browser.open(base)) {
            browser.login("supervisor", DemoCallCenter.PASSWORD);
            browser.go("/#/dashboard");
            browser.visible(By.cssSelector("#kpi-agent-table th[data-key=transferredIn]"));
            long transferred = number(browser.visible(By.id("dash-agents-transfers")).getText());
            long inRows = 0;
            for (WebElement cell : browser.driver().findElements(By.cssSelector("#kpi-agent-table [data-testid=kpi-link-transferredIn]"))) {
                inRows += number(cell.getText());
            }
            assertThat(transferred).isPositive().isEqualTo(inRows);
        }
    }

    @Test
    void coachingShowsTheCallsBehindEachFigureAndTheMinimumForAnOutlier() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);   // the demo's KPI zone
        String range = "?from=" + today.minusDays(29) + "&to=" + today;
        JsonNode overview = apiGet(token("trainer"), "/api/coaching/agents" + range);
        try (Browser browser = Browser.open(base)) {
            browser.login("trainer", DemoCallCenter.PASSWORD);
            browser.go("/#/coaching" + range);
            assertThat(browser.visible(By.id("coaching-min-sample")).getText())
                    .contains("at least " + overview.get("minSample").asInt() + " calls");
            WebElement sample = browser.visible(By.cssSelector(
                    "[data-testid=coaching-row] [data-testid=coaching-sample][data-metric=interruptionsPerCall]"));
            String agent = sample.findElement(By.xpath("ancestor::tr")).findElement(By.cssSelector("a")).getText();
            for (JsonNode a : overview.get("agents")) {
                if (a.get("agent").asText().equals(agent)) {
                    assertThat(number(sample.getText())).as(agent)
                            .isEqualTo(a.at("/metrics/samples/interruptionsPerCall").asLong());
                }
            }
        }
    }

    @Test
    void callsAndSearchOfferExactlyTheOutcomesTheApiKnows() throws Exception {
        List<String> outcomes = new java.util.ArrayList<>();
        apiGet(token("admin"), "/api/vocabulary").get("outcomes").forEach(o -> outcomes.add(o.asText()));
        assertThat(outcomes).contains("timeout", "exit-with-key");
        try (Browser browser = Browser.open(base)) {
            browser.login("supervisor", DemoCallCenter.PASSWORD);
            for (String[] page : new String[][] {{"/#/calls", "calls-outcome"}, {"/#/search", "search-outcome"}}) {
                browser.go(page[0]);
                // Search keeps its outcome inside the closed "Filters": present, not displayed.
                Select select = new Select(browser.await(d -> d.findElements(By.id(page[1])).stream().findFirst().orElse(null)));
                assertThat(select.getOptions().stream().map(o -> o.getAttribute("value")).filter(v -> !v.isEmpty()).toList())
                        .as(page[0]).containsExactlyElementsOf(outcomes);
            }
        }
    }

    @Test
    void theScoreShownWhileEditingIsTheScoreSavedAndAnOverrideSaysSo() throws Exception {
        String id = recordedCalls.get(recordedCalls.size() - 1);
        try (Browser browser = Browser.open(base)) {
            browser.login("qa", DemoCallCenter.PASSWORD);
            browser.go("/#/calls/" + id);
            browser.visible(By.id("qa-form"));
            // Pass one criterion only a reviewer scores, and turn one automatic result the other way.
            WebElement manual = browser.await(d -> d.findElements(By.cssSelector("[data-testid=qa-criterion]")).stream()
                    .filter(c -> c.findElements(By.cssSelector(".auto-result")).isEmpty()).findFirst().orElse(null));
            browser.script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()",
                    manual.findElement(By.cssSelector("input[id$='-pass']")));
            WebElement automatic = browser.await(d -> d.findElements(By.cssSelector("[data-testid=qa-criterion]")).stream()
                    .filter(c -> !c.findElements(By.cssSelector(".auto-passed, .auto-failed")).isEmpty()).findFirst().orElse(null));
            String criterion = automatic.getAttribute("data-criterion-id");
            boolean passed = !automatic.findElements(By.cssSelector(".auto-passed")).isEmpty();
            browser.script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()",
                    automatic.findElement(By.cssSelector(passed ? "input[id$='-fail']" : "input[id$='-pass']")));

            browser.await(d -> d.findElement(By.cssSelector("#qa-criterion-" + criterion + " [data-testid=qa-source]"))
                    .getAttribute("data-source").equals("override"));
            String shown = browser.await(d -> {
                WebElement score = d.findElement(By.id("qa-score"));
                return "preview".equals(score.getAttribute("data-state")) ? score.getText() : null;
            });

            // Leaving now would lose the choices: the page asks, and staying keeps them.
            browser.script("location.hash = '#/search'");
            org.openqa.selenium.Alert alert = browser.await(d -> {
                try {
                    return d.switchTo().alert();
                } catch (org.openqa.selenium.NoAlertPresentException e) {
                    return null;
                }
            });
            assertThat(alert.getText()).contains("unsaved");
            alert.dismiss();
            assertThat(browser.driver().getCurrentUrl()).contains("#/calls/");
            assertThat(browser.driver().findElement(By.id("qa-save-status")).getAttribute("data-state")).isEqualTo("dirty");

            browser.script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()",
                    browser.driver().findElement(By.id("qa-save")));
            browser.await(d -> d.findElement(By.id("qa-save-status")).getText().startsWith("Saved"));
            browser.screenshot("qa-override");
            JsonNode saved = apiGet(token("admin"), "/api/qa/reviews/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
            assertThat(shown).isEqualTo(Math.round(saved.get("score").asDouble()) + " %");
            assertThat(browser.driver().findElement(By.id("qa-score")).getText()).isEqualTo(shown);
            for (JsonNode score : saved.get("scores")) {
                if (score.get("criterionId").asText().equals(criterion)) {
                    assertThat(score.get("source").asText()).isEqualTo("override");
                }
            }
        }
    }

    /** The whole number a page shows ("1,234 calls" → 1234). */
    private static long number(String text) {
        String digits = text.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }

    /** A word the recogniser found in a demo call, looked up through the API (what Vosk hears is its own). */
    private String aRecognisedWord() throws Exception {
        String token = token("admin");
        for (String id : recordedCalls) {
            for (JsonNode segment : apiGet(token, "/api/calls/" + id).path("analysis").path("transcript")) {
                for (JsonNode w : segment.path("words")) {
                    String word = w.get("word").asText();
                    if (word.length() >= 6 && word.chars().allMatch(Character::isLetter)) {
                        return word;
                    }
                }
            }
        }
        throw new AssertionError("no demo call has a recognised word of 6 letters or more");
    }

    private static double currentTime(Browser browser) {
        Object t = browser.script("return document.getElementById('call-audio').currentTime");
        return ((Number) t).doubleValue();
    }

    private String token(String user) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                        Map.of("username", user, "password", DemoCallCenter.PASSWORD)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("login " + user + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("token").asText();
    }

    private JsonNode apiGet(String token, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
