package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.junit.jupiter.api.Test;

/**
 * The real session ami-actions-01 replayed through a real AmiBridge: live analysis hears of each recording as
 * MixMonitor starts it ({@code MIXMONITOR_FILENAME} on the caller {@code ;2}) and of the caller's hang-up.
 * Expected values are the fixture README's (scenario E: the file name arrives on AMI when recording starts).
 */
class AmiBridgeRecordingTest {

    static final String MONITOR = "/opt/ast/var/spool/asterisk/monitor/";

    @Test
    void eachQueueCallAnnouncesItsStereoRawThenItsWavOnTheCallerChannelBeforeTheCallerHangsUp() throws Exception {
        List<String> heard = replay();

        String e = AmiBridgeKeypadTest.E;
        String raw = "start " + e + " " + MONITOR + "20261204-150903-5550205-earshot-lab-1796396943.25-stereo.raw";
        String wav = "start " + e + " " + MONITOR + "20261204-150903-5550205-earshot-lab-1796396943.25.wav";
        assertThat(heard).containsSubsequence(raw, wav, "hangup " + e);
        for (String call : List.of(AmiBridgeKeypadTest.A, AmiBridgeKeypadTest.C, AmiBridgeKeypadTest.D, e)) {
            assertThat(heard.stream().filter(h -> h.startsWith("start " + call + " ")).toList()).as(call).hasSize(2);
        }
    }

    private static List<String> replay() throws Exception {
        BlockingQueue<CallRecord> calls = new LinkedBlockingQueue<>();
        List<String> heard = new ArrayList<>();
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(AmiBridgeKeypadTest.SESSION).start();
             AmiBridge bridge = AmiBridgeKeypadTest.bridge(peer.port(), calls)) {
            bridge.onRecording(new RecordingListener() {
                @Override
                public void recordingStarted(String uniqueId, String file) {
                    synchronized (heard) {
                        heard.add("start " + uniqueId + " " + file);
                    }
                }

                @Override
                public void channelHungUp(String uniqueId) {
                    synchronized (heard) {
                        heard.add("hangup " + uniqueId);
                    }
                }
            });
            bridge.start();
            AmiBridgeKeypadTest.take(calls, 4); // the four calls are handed on after their hang-ups were heard
        }
        synchronized (heard) {
            return List.copyOf(heard);
        }
    }
}
