package org.earshot.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.logs.LogFiles;
import org.earshot.server.logs.LogSettings;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.WrapUpRule;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The log file of a real run: the captured Asterisk session replayed over AMI, its recordings analysed by Vosk,
 * with log-dir set as the Debian package sets it. The file has one line per stored call and per analysis, with
 * durations, and none of what must stay out of logs: the callers' numbers (an erasure request reaches the store,
 * not the logs), what they said, the AMI secret and the admin password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogFileIT {

    private static final String S1B = "earshot-lab-1795393091.5";
    private static final String S6 = "earshot-lab-1795393215.23";
    private static final String AMI_SECRET = "earshot-ami-secret-7f3a";
    private static final String ADMIN_PASSWORD = "admin-pass-log-9c1d";
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private final ObjectMapper json = new ObjectMapper();
    private JsonNode facts;
    private String log;
    private JsonNode s1bAnalysis;

    @BeforeAll
    void runACaptureThroughANodeThatLogsToAFile(@TempDir Path dir) throws Exception {
        facts = json.readTree(AmiCapture.resource(AmiCapture.EXPECTED_FACTS)).get("calls");
        Path recordings = Files.createDirectories(dir.resolve("monitor"));
        byte[] s1b = resource("/recordings/20261123-001811-5550102-earshot-lab-1795393091.5-stereo.converted.wav");
        Files.write(recordings.resolve("20261123-001811-5550102-earshot-lab-1795393091.5-stereo.raw"),
                Arrays.copyOfRange(s1b, 44, s1b.length));
        Files.write(recordings.resolve("20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw"),
                resource("/recordings/20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw"));

        // The signal this test waits on: the node's own log line for each analysis of the two recordings.
        CountDownLatch analysed = new CountDownLatch(2);
        AppenderBase<ILoggingEvent> watcher = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                String line = event.getFormattedMessage();
                if (line.startsWith("Analysed call " + S1B + " ") || line.startsWith("Analysed call " + S6 + " ")) {
                    analysed.countDown();
                }
            }
        };
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        watcher.setContext(root.getLoggerContext());
        watcher.start();
        root.addAppender(watcher);

        Path logDir = dir.resolve("log");
        try (LogFiles.LogFile file = LogFiles.start(new LogSettings(logDir, LogSettings.Format.TEXT));
             AmiReplayPeer asterisk = AmiReplayPeer.replaying(AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01)))
                     .credentials("earshot", AMI_SECRET).start()) {
            EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null,
                    new AmiSettings("127.0.0.1", asterisk.port(), "earshot", AMI_SECRET, Duration.ofMillis(200)),
                    recordings, ChannelRoles.CUSTOMER_AGENT, null, 1, ADMIN_PASSWORD, Duration.ofSeconds(60),
                    KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null);
            // The line `earshot serve` starts with: the config as it prints itself.
            LoggerFactory.getLogger(LogFileIT.class).info("Starting {} as serve: {}", BuildInfo.current().describe(), config);
            try (Earshot earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE)) {
                earshot.start();
                assertThat(asterisk.awaitReplayComplete(PATIENCE)).as("capture replayed").isTrue();
                assertThat(analysed.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("both recordings analysed").isTrue();
                ApiClient admin = ApiClient.login(earshot, "admin", ADMIN_PASSWORD);
                s1bAnalysis = admin.get("/api/calls/" + S1B + "/analysis");
            }
        } finally {
            root.detachAppender(watcher);
        }
        log = Files.readString(logDir.resolve(LogFiles.FILE_NAME));
    }

    @Test
    void eachStoredCallHasOneLineWithItsWaitAndTalk() {
        for (JsonNode fact : facts) {
            if (!fact.has("queue")) {
                continue; // never entered a queue: not a queue call
            }
            String id = fact.get("caller_uniqueid").asText();
            assertThat(log).containsPattern("Stored call " + java.util.regex.Pattern.quote(id)
                    + " in queue \\S+: \\S+ after [\\d.]+ s wait, [\\d.]+ s talk");
        }
    }

    @Test
    void eachAnalysisHasOneLineWithHowLongItTook() {
        for (String id : List.of(S1B, S6)) {
            assertThat(log).containsPattern("Analysed call " + java.util.regex.Pattern.quote(id)
                    + " in \\d+\\.\\d\\d s: [\\d.]+ s of audio, \\d+ transcript segment\\(s\\)");
        }
    }

    @Test
    void noCallersNumberIsLogged() {
        List<String> numbers = new ArrayList<>();
        facts.forEach(fact -> {
            if (fact.hasNonNull("callerid") && fact.get("callerid").asText().length() >= 4) {
                numbers.add(fact.get("callerid").asText());
            }
        });
        assertThat(numbers).as("the capture's caller numbers").isNotEmpty();
        for (String number : numbers) {
            assertThat(log).as("caller number " + number).doesNotContain(number);
        }
    }

    @Test
    void noTranscriptWordIsLogged() {
        // The agent side of S1b plays Asterisk's "hello-world" prompt: "hello" is in its transcript...
        List<String> words = new ArrayList<>();
        s1bAnalysis.get("transcript").forEach(segment -> segment.get("words").forEach(w -> words.add(w.get("word").asText())));
        assertThat(words).contains("hello");
        // ...and in no log line.
        assertThat(log.toLowerCase(java.util.Locale.ROOT)).doesNotContain("hello");
    }

    @Test
    void neitherTheAmiSecretNorTheAdminPasswordIsLogged() {
        assertThat(log).contains("Starting earshot").doesNotContain(AMI_SECRET).doesNotContain(ADMIN_PASSWORD);
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = LogFileIT.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
