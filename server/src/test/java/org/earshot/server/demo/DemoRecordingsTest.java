package org.earshot.server.demo;

import org.earshot.server.testing.TestStores;
import static org.assertj.core.api.Assertions.assertThat;
import org.earshot.server.testing.Prerequisites;
import static org.earshot.server.demo.DemoCallCenterTest.CLOCK;
import static org.earshot.server.demo.DemoCallCenterTest.NOW;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.earshot.server.Json;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.JobQueue;
import org.earshot.server.store.TestDatabase;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dozen recorded calls, made with the real espeak-ng (skipped where it is not installed). */
class DemoRecordingsTest {

    @TempDir
    static Path dir;
    static TestDatabase test;
    static Database db;
    static DemoCallCenter.Loaded loaded;
    static Map<String, CallRecord> recorded;

    @BeforeAll
    static void loadWithEspeak() throws Exception {
        EspeakNg espeak = new EspeakNg("espeak-ng");
        Prerequisites.require(espeak.unavailable().isEmpty(), "espeak-ng (apt-get install espeak-ng), for the demo's"
                + " recordings: " + espeak.unavailable().orElse(""));
        test = TestDatabase.create("h2", dir);
        db = test.open();
        loaded = DemoCallCenterTest.demo(db, dir, espeak).load(null);
        recorded = TestStores.calls(db).findAll(loaded.recordedCallIds());
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
            test.close();
        }
    }

    @Test
    void aDozenOfTheLatestAnsweredCallsGetARecordingEach() {
        assertThat(loaded.recordedCallIds()).hasSize(Dialogues.load().dialogues().size()).doesNotHaveDuplicates();
        assertThat(recorded.values()).allSatisfy(c -> {
            assertThat(c.recordingFile()).isNotNull();
            assertThat(c.answeredAt()).isAfter(NOW.minus(1, ChronoUnit.DAYS));
            assertThat(c.recordingChannels()).containsExactly("customer", "agent");
        });
    }

    @Test
    void recordingsAreStereo8kHzPcmWavsOfTwentyToFortyFiveSeconds() throws Exception {
        for (CallRecord call : recorded.values()) {
            ByteBuffer wav = ByteBuffer.wrap(Files.readAllBytes(Path.of(call.recordingFile()))).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(ascii(wav, 0) + ascii(wav, 8) + ascii(wav, 12) + ascii(wav, 36)).isEqualTo("RIFFWAVEfmt data");
            assertThat(wav.getShort(20)).as("PCM").isEqualTo((short) 1);
            assertThat(wav.getShort(22)).as("channels").isEqualTo((short) 2);
            assertThat(wav.getInt(24)).as("sample rate").isEqualTo(8000);
            assertThat(wav.getShort(34)).as("bits").isEqualTo((short) 16);
            assertThat(wav.getInt(40)).isEqualTo(wav.capacity() - 44);
            double seconds = (wav.capacity() - 44) / 4 / 8000.0;
            assertThat(seconds).as(call.recordingFile()).isBetween(20.0, 45.0);
            assertThat(call.talkSeconds()).isCloseTo(seconds, org.assertj.core.api.Assertions.within(0.1));
        }
    }

    @Test
    void bothPartiesSpeakOnTheirOwnChannelForAThirdOfTheCallOrMore() throws Exception {
        for (CallRecord call : recorded.values()) {
            double[] active = activeShare(Files.readAllBytes(Path.of(call.recordingFile())));
            assertThat(active[0]).as("customer (left) in " + call.recordingFile()).isBetween(0.15, 0.7);
            assertThat(active[1]).as("agent (right) in " + call.recordingFile()).isBetween(0.15, 0.7);
        }
    }

    @Test
    void recordedCallsAreQueuedForAnalysisWithTheirChannelsLikeRecordingsFromAsterisk() {
        JobQueue jobs = new JobQueue(db, CLOCK, "test", Duration.ofMinutes(1));
        assertThat(loaded.recordedCallIds()).allSatisfy(id -> assertThat(jobs.status(id).orElseThrow().state()).isEqualTo("queued"));
        assertThat(jobs.countsByState().get("queued")).isEqualTo(loaded.recordedCallIds().size());
    }

    /** Share of 20 ms frames per channel louder than -40 dBFS (the customer's line hiss is far below). */
    private static double[] activeShare(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN);
        int frames = (wav.length - 44) / 4;
        int window = 160;
        double[] active = new double[2];
        for (int start = 0; start + window <= frames; start += window) {
            double[] energy = new double[2];
            for (int i = start; i < start + window; i++) {
                for (int ch = 0; ch < 2; ch++) {
                    double v = b.getShort(44 + (i * 2 + ch) * 2) / 32768.0;
                    energy[ch] += v * v;
                }
            }
            for (int ch = 0; ch < 2; ch++) {
                if (10 * Math.log10(energy[ch] / window + 1e-12) > -40) {
                    active[ch]++;
                }
            }
        }
        int windows = frames / window;
        return new double[] {active[0] / windows, active[1] / windows};
    }

    private static String ascii(ByteBuffer b, int at) {
        byte[] four = new byte[4];
        b.get(at, four);
        return new String(four, StandardCharsets.US_ASCII);
    }

}
