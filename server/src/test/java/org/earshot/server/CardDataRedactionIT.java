package org.earshot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.testing.Prerequisites;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.WrapUpRule;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.earshot.telephony.testing.TimedCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Card data on a real Asterisk 22 (fixture session ami-actions-01, with Asterisk's own event times) through a
 * running node: in scenario D the customer keyed 16 digits out of band (AMI DTMF events, no tones in the file),
 * then played the same digits as tones in band; in scenario C the PBX muted the recording (MixMonitorMute).
 * After the analysis the keypad spans are listed as redactions and silenced in the stored recording, the
 * muted span is listed as muted and is not dead air, and the digits are nowhere the API shows. And a call that
 * reads its card number, security code and expiry date out loud (speech's generated card-single, in D's place)
 * comes out of the same node with nothing of them anywhere.
 */
class CardDataRedactionIT {

    private static final String PASSWORD = "admin-pass-1";
    private static final String C = "earshot-lab-1796396895.17";
    private static final String D = "earshot-lab-1796396917.21";
    private static final String C_FILE = "20261204-150815-5550203-earshot-lab-1796396895.17-stereo.raw";
    private static final String D_FILE = "20261204-150837-5550204-earshot-lab-1796396917.21-stereo.raw";
    /** What the customer keyed in scenario D (CUST_DTMF). */
    private static final String DIGITS = "1234567890123456";
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    /** speech's generator of calls with card data read out (espeak-ng voices, Allison's digits). */
    private static final Path CARD_CALLS = Path.of("../speech/src/test/scripts/make-card-calls.sh");

    @TempDir
    Path dir;

    @Test
    void keypadDigitsAreSilencedAndListedAndAMutedRecordingIsNotDeadAir() throws Exception {
        Path recordings = Files.createDirectories(dir.resolve("monitor"));
        for (String file : List.of(C_FILE, D_FILE)) {
            try (InputStream in = CardDataRedactionIT.class.getResourceAsStream("/recordings/" + file)) {
                Files.copy(in, recordings.resolve(file));
            }
        }
        short[] before = samples(recordings.resolve(D_FILE));
        try (AmiReplayPeer asterisk = AmiReplayPeer.replaying(
                TimedCapture.events(AmiCapture.resource(TimedCapture.ACTIONS_01_LOG))).start();
             Earshot earshot = node(asterisk, recordings)) {
            earshot.start();
            assertThat(asterisk.awaitReplayComplete(Duration.ofSeconds(60))).isTrue();
            ApiClient admin = ApiClient.login(earshot, "admin", PASSWORD);
            JsonNode d = awaitAnalysed(admin, D);
            JsonNode c = awaitAnalysed(admin, C);

            // Keypad: the out-of-band run (from AMI) and the in-band tones (heard in the file), customer side.
            JsonNode redactions = d.at("/analysis/redactions");
            assertThat(redactions).as(redactions.toString()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.get("kind").asText()).isEqualTo("keypad-digits"));
            // The PlayTones digits sound from 8.56 s to 14.72 s of the file (fixture README).
            assertThat(redactions).anySatisfy(r -> {
                assertThat(r.get("start").asDouble()).isLessThanOrEqualTo(8.56);
                assertThat(r.get("end").asDouble()).isGreaterThanOrEqualTo(14.72);
            });
            short[] after = samples(recordings.resolve(D_FILE));
            assertThat(after).as("same length, rewritten in place").hasSize(before.length);
            for (JsonNode r : redactions) {
                int from = (int) Math.ceil(r.get("start").asDouble() * 8000) * 2;
                int to = Math.min(after.length, (int) (r.get("end").asDouble() * 8000) * 2);
                for (int i = from; i < to; i++) {
                    assertThat(after[i]).as("sample %d (%.2f s, channel %d)", i, i / 2 / 8000.0, i % 2).isZero();
                }
            }
            assertThat(nonZeroBefore(before, 8.6, 14.7)).as("the tones were there").isPositive();
            // The digits are in no answer: not as keyed, not spaced out, not in the transcript or events.
            String shown = admin.get("/api/calls/" + D).toString();
            assertThat(shown).doesNotContain(DIGITS).doesNotContain("1 2 3 4 5 6 7 8 9 0");
            assertThat(admin.get("/api/calls/" + D + "/waveform?points=100").get("lanes")).hasSize(2);
            // Found by what was redacted, once the index holds the analysis.
            awaitIndexed(admin);
            List<String> keyed = new java.util.ArrayList<>();
            admin.get("/api/calls?q=redacted:keypad").get("hits").forEach(hit -> keyed.add(hit.get("id").asText()));
            assertThat(keyed).contains(D).doesNotContain(C);

            // Muted: the PBX zeroed the customer's side from 3 s to 11 s; that is muted, never long dead air.
            assertThat(c.at("/analysis/muted")).anySatisfy(m -> {
                assertThat(m.get("party").asText()).isEqualTo("customer");
                assertThat(m.get("start").asDouble()).isBetween(2.9, 3.1);
                assertThat(m.get("end").asDouble()).isBetween(10.9, 11.1);
            });
            assertThat(c.at("/analysis/sentiment/flags").toString()).doesNotContain("long-dead-air");
        }
    }

    @Test
    void aSpokenCardNumberCodeAndExpiryAreInNoAnswerNoSearchNoExportAndSilencedInTheRecording() throws Exception {
        Prerequisites.require(Files.isExecutable(Path.of("/usr/bin/espeak-ng")) && Files.isExecutable(Path.of("/usr/bin/sox"))
                        && Files.isDirectory(Path.of("/usr/share/asterisk/sounds/en_US_f_Allison")),
                "espeak-ng, sox and asterisk-core-sounds-en-wav (the generated card calls)");
        Path generated = dir.resolve("card-calls");
        Process script = new ProcessBuilder("bash", CARD_CALLS.toString(), generated.toString()).redirectErrorStream(true).start();
        String output = new String(script.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(script.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).as(output).isZero();
        // The spoken call goes where MixMonitor wrote D's file (MixMonitor's .raw: s16le, 8 kHz, stereo).
        Path recordings = Files.createDirectories(dir.resolve("monitor"));
        Process sox = new ProcessBuilder("sox", generated.resolve("card-single.wav").toString(), "-t", "raw", "-e", "signed",
                "-b", "16", "-L", recordings.resolve(D_FILE).toString()).redirectErrorStream(true).start();
        assertThat(sox.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(sox.exitValue()).isZero();
        try (InputStream in = CardDataRedactionIT.class.getResourceAsStream("/recordings/" + C_FILE)) {
            Files.copy(in, recordings.resolve(C_FILE));
        }
        List<String[]> spoken = Files.readAllLines(generated.resolve("card-single.labels.tsv")).stream().map(l -> l.split("\t"))
                .filter(f -> List.of("card-number", "security-code", "expiry").contains(f[1])).toList();
        assertThat(spoken).hasSize(3);
        try (AmiReplayPeer asterisk = AmiReplayPeer.replaying(
                TimedCapture.events(AmiCapture.resource(TimedCapture.ACTIONS_01_LOG))).start();
             Earshot earshot = node(asterisk, recordings)) {
            earshot.start();
            assertThat(asterisk.awaitReplayComplete(Duration.ofSeconds(60))).isTrue();
            ApiClient admin = ApiClient.login(earshot, "admin", PASSWORD);
            JsonNode d = awaitAnalysed(admin, D);

            JsonNode redactions = d.at("/analysis/redactions");
            short[] after = samples(recordings.resolve(D_FILE));
            for (String[] label : spoken) {
                double start = Double.parseDouble(label[2]);
                double end = Double.parseDouble(label[3]);
                assertThat(redactions).as("%s %s–%s s in %s", label[1], start, end, redactions).anySatisfy(r -> {
                    assertThat(r.get("party").asText()).isEqualTo("customer");
                    assertThat(r.get("start").asDouble()).isLessThanOrEqualTo(start);
                    assertThat(r.get("end").asDouble()).isGreaterThanOrEqualTo(end);
                });
                for (int i = (int) Math.ceil(start * 8000); i < (int) (end * 8000); i++) {
                    assertThat(after[2 * i]).as("customer sample at %.3f s", i / 8000.0).isZero();
                }
            }
            // "four one one one ..." and "seven three seven": neither the words nor the figures
            String shown = admin.get("/api/calls/" + D).toString();
            assertThat(shown).contains("[card number]").doesNotContain("one one one one").doesNotContain("4111");
            awaitIndexed(admin);
            List<String> found = new java.util.ArrayList<>();
            admin.get("/api/calls?q=redacted:card").get("hits").forEach(hit -> found.add(hit.get("id").asText()));
            assertThat(found).contains(D);
            assertThat(admin.get("/api/calls?q=%22one%20one%20one%22").get("hits")).noneSatisfy(
                    hit -> assertThat(hit.get("id").asText()).isEqualTo(D));
            assertThat(admin.get("/api/calls?q=card").toString()).doesNotContain("one one one one");
            assertThat(admin.getText("/api/calls.csv?q=redacted:card")).contains(D).doesNotContain("one one one one")
                    .doesNotContain("4111");
        }
    }

    /** A serving node on the replayed lab session, reading its recordings from {@code recordings}. */
    private Earshot node(AmiReplayPeer asterisk, Path recordings) throws IOException {
        return Earshot.wire(new EarshotConfig(0, dir.resolve("data"), null, null, null,
                new AmiSettings("127.0.0.1", asterisk.port(), "earshot", "earshot-secret", Duration.ofMillis(200)),
                recordings, ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60),
                KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null), Clock.systemUTC(), Earshot.Role.SERVE);
    }

    /** Until the index holds every change the store made (the search then sees the analyses). */
    private static void awaitIndexed(ApiClient admin) throws Exception {
        Instant indexed = Instant.now().plus(PATIENCE);
        while (admin.get("/api/health").at("/index/pendingChanges").asLong() > 0) {
            assertThat(Instant.now()).as("index caught up").isBefore(indexed);
            Thread.onSpinWait();
        }
    }

    private static JsonNode awaitAnalysed(ApiClient api, String id) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            JsonNode call = api.get("/api/calls/" + id);
            String status = call.get("analysisStatus").asText();
            if (status.equals("done")) {
                return call;
            }
            assertThat(status).as(id + ": " + call.get("analysisError")).isNotEqualTo("failed");
            assertThat(Instant.now()).as("analysis of " + id + " done within " + PATIENCE).isBefore(deadline);
            Thread.onSpinWait();
        }
    }

    /** MixMonitor's .raw: 16-bit little-endian, 8 kHz, two channels interleaved. */
    private static short[] samples(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        short[] out = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    private static long nonZeroBefore(short[] samples, double from, double to) {
        long n = 0;
        for (int i = (int) (from * 8000) * 2; i < (int) (to * 8000) * 2; i++) {
            n += samples[i] != 0 ? 1 : 0;
        }
        return n;
    }
}
