package org.earshot.server;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording past 2 GiB (a day-long call, a stuck MixMonitor) is played and drawn from disk in bounded
 * memory: the file is sparse, so it costs no disk, and reading it still goes through every byte.
 */
class BigRecordingIT {

    private static final long RAW_BYTES = (2L << 30) + 4 * 8000 * 10; // 2 GiB and 10 s of 8 kHz stereo 16-bit
    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

    @TempDir
    Path dir;
    private EarshotConfig config;

    @BeforeEach
    void storeACallWithABigRecording() throws Exception {
        Path recordings = Files.createDirectories(dir.resolve("recordings"));
        try (RandomAccessFile big = new RandomAccessFile(recordings.resolve("big.raw").toFile(), "rw")) {
            big.setLength(RAW_BYTES);
            big.seek(RAW_BYTES - 2);
            big.writeShort(0x0040); // one loud sample at the very end: the last bucket of the right channel
        }
        config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, recordings, ChannelRoles.CUSTOMER_AGENT,
                null, 1, "admin-pass-1", Duration.ofSeconds(60), KpiDefinitions.DEFAULTS, WrapUpRule.DEFAULT, null);
        Files.createDirectories(config.dataDir());
        try (Database db = Database.open(config.jdbcUrl(), null, null)) {
            TestStores.calls(db).save(CallRecord.builder("big", T, T.plusSeconds(67_000), CallOutcome.ANSWERED)
                    .caller("5550101").queue("support").agent("Alice Agent").waitSeconds(5.0).talkSeconds(67_000.0)
                    .recordingFile("big.raw").build());
        }
    }

    @Test
    void aRecordingOverTwoGibibytesIsServedWholeWithoutARange() throws Exception {
        try (Earshot earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE)) {
            earshot.start();
            ApiClient api = ApiClient.login(earshot, "admin", "admin-pass-1");
            HttpResponse<InputStream> audio = api.http().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + earshot.httpPort() + "/api/calls/big/audio"))
                    .header("Authorization", "Bearer " + api.token()).build(), HttpResponse.BodyHandlers.ofInputStream());

            assertThat(audio.statusCode()).isEqualTo(200);
            assertThat(audio.headers().firstValueAsLong("Content-Length")).hasValue(RAW_BYTES + 44);
            long received = 0;
            byte[] head = new byte[4];
            byte[] buf = new byte[1 << 16];
            try (InputStream in = audio.body()) {
                for (int n; (n = in.read(buf)) > 0; received += n) {
                    if (received == 0) {
                        System.arraycopy(buf, 0, head, 0, 4);
                    }
                }
            }
            assertThat(new String(head, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            assertThat(received).isEqualTo(RAW_BYTES + 44);
        }
    }

    @Test
    void aRecordingOverTwoGibibytesIsDrawnAsAWaveform() throws Exception {
        try (Earshot earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE)) {
            earshot.start();
            JsonNode waveform = ApiClient.login(earshot, "admin", "admin-pass-1").get("/api/calls/big/waveform?points=100");

            assertThat(waveform.get("durationSeconds").asDouble()).isCloseTo(RAW_BYTES / 4 / 8000.0, within(0.001));
            assertThat(waveform.get("lanes")).hasSize(2);
            JsonNode right = waveform.get("lanes").get(1).get("peaks");
            assertThat(right).hasSize(100);
            assertThat(right.get(99).asDouble()).as("the loud last sample").isGreaterThan(0.4);
            assertThat(right.get(0).asDouble()).isZero();
        }
    }
}
