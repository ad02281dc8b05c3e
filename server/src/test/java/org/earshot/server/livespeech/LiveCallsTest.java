package org.earshot.server.livespeech;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.earshot.server.live.LiveHub;
import org.earshot.server.live.LiveSpeechListener;
import org.earshot.speech.CallAnalyzer;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.SpeechSettings;
import org.earshot.speech.live.LiveAnalyzer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file of a call is followed, and when a call has no live view. No file ever appears: no model is loaded. */
class LiveCallsTest {

    static final String MONITOR = "/opt/ast/var/spool/asterisk/monitor/";
    static final String RAW = "20261204-150903-5550205-earshot-lab-1796396943.25-stereo.raw";
    static final String WAV = "20261204-150903-5550205-earshot-lab-1796396943.25.wav";
    static final String E = "earshot-lab-1796396943.25";

    @TempDir
    Path dir;

    private CallAnalyzer analyzer;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final LiveSpeechListener alerts = new LiveSpeechListener() {
        @Override
        public void ended(String callId) {
            ended.countDown();
        }
    };

    @BeforeEach
    void analyzer() {
        analyzer = new CallAnalyzer(new SpeechSettings(null, dir.resolve("models"), ChannelRoles.CUSTOMER_AGENT, 1));
    }

    @AfterEach
    void close() {
        analyzer.close();
    }

    private LiveCalls calls(Path recordingsDir, int maxCalls) {
        return new LiveCalls(analyzer.live(new LiveAnalyzer.Limits(maxCalls, 1, Duration.ofMillis(10))), recordingsDir,
                ChannelRoles.CUSTOMER_AGENT, new LiveHub(new ObjectMapper(), List::of), alerts);
    }

    @Test
    void theStereoRawIsFollowedAndTheWavAnnouncedAfterItIsNot() {
        try (LiveCalls calls = calls(dir, 4)) {
            calls.recordingStarted(E, MONITOR + RAW);
            calls.recordingStarted(E, MONITOR + WAV);
            calls.recordingStarted(E, MONITOR + RAW); // again, after an AMI reconnect

            assertThat(calls.following(E)).contains(RAW);
            assertThat(calls.running()).isEqualTo(1);
        }
    }

    @Test
    void aRawAnnouncedAfterTheWavReplacesIt() throws Exception {
        try (LiveCalls calls = calls(dir, 4)) {
            calls.recordingStarted(E, MONITOR + WAV);
            calls.recordingStarted(E, MONITOR + RAW);

            assertThat(calls.following(E)).contains(RAW);
        }
    }

    @Test
    void withoutARecordingsDirNoCallIsFollowed() {
        try (LiveCalls calls = calls(null, 4)) {
            calls.recordingStarted(E, MONITOR + RAW);

            assertThat(calls.following(E)).isEmpty();
        }
    }

    @Test
    void aCallOverTheLimitHasNoLiveView() {
        try (LiveCalls calls = calls(dir, 1)) {
            calls.recordingStarted("call-1", MONITOR + "1-stereo.raw");
            calls.recordingStarted("call-2", MONITOR + "2-stereo.raw");

            assertThat(calls.following("call-1")).isPresent();
            assertThat(calls.following("call-2")).isEmpty();
        }
    }

    @Test
    void aHangUpWhoseFileNeverAppearedEndsTheLiveViewAndTellsTheAlertRules() throws Exception {
        try (LiveCalls calls = calls(dir, 4)) {
            calls.recordingStarted(E, MONITOR + RAW);
            calls.channelHungUp(E);

            assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(calls.following(E)).isEmpty();
            assertThat(calls.running()).isZero();
        }
    }

    @Test
    void filesOtherThanRecordingsAreIgnored() {
        try (LiveCalls calls = calls(dir, 4)) {
            calls.recordingStarted(E, MONITOR + "notes.txt");

            assertThat(calls.following(E)).isEmpty();
        }
    }
}
