package org.earshot.bench.telephony;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.earshot.telephony.AmiBridge;
import org.earshot.telephony.AmiSettings;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;

/**
 * Replays a generated AMI stream of about a million events through the real Asterisk-Java parser, the
 * call tracker and a counting sink, and prints events/s and whether any call was lost. Baseline: reading
 * the same bytes from a plain loopback socket in the same run.
 *
 * <p>The stream repeats the real call S1a of {@code ami-session-01.raw} (every event with its linkedid:
 * ~45% VarSet, Newexten noise, Newchannel, Local bridges, the queue and agent events, MixMonitor variables
 * and the hangups), each copy with its own uniqueids, so the expected call count is known.
 *
 * <pre>bench/run telephony.AmiBench [events]</pre>
 */
public final class AmiBench {

    private static final String CALL_PREFIX = "earshot-lab-1795393059.";

    public static void main(String[] args) throws Exception {
        int wanted = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<String> call = AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01)).stream()
                .filter(e -> e.contains(CALL_PREFIX) && !e.contains("ActionID:")).toList();
        int calls = Math.max(1, wanted / call.size());
        List<String> stream = new GeneratedStream(call, calls);
        System.out.printf("AmiBench: %,d events = %,d queue calls x %d events (real S1a incl. VarSet/Newexten)%n",
                stream.size(), calls, call.size());

        double baseline = rawSocketEventsPerSecond(stream);
        double pipeline = pipelineEventsPerSecond(stream, calls);
        System.out.printf("baseline (raw socket read of the same bytes): %,.0f events/s%n", baseline);
        System.out.printf("ratio pipeline / raw read: %.3f%n", pipeline / baseline);
    }

    private static double pipelineEventsPerSecond(List<String> stream, int calls) throws Exception {
        AtomicLong received = new AtomicLong();
        CountDownLatch all = new CountDownLatch(calls);
        try (AmiReplayPeer peer = AmiReplayPeer.streaming(stream).replayAfterAction("CoreShowChannels").start();
             AmiBridge bridge = new AmiBridge(new AmiSettings("127.0.0.1", peer.port(), "earshot", "earshot-secret",
                     Duration.ofMillis(50)), Clock.systemUTC(), record -> {
                         received.incrementAndGet();
                         all.countDown();
                     })) {
            long start = System.nanoTime();
            bridge.start();
            boolean complete = all.await(10, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = stream.size() / seconds;
            System.out.printf("pipeline (Asterisk-Java parser -> CallTracker -> counting sink): %,d events in %.2f s"
                    + " = %,.0f events/s (incl. login)%n", stream.size(), seconds, rate);
            System.out.printf("calls expected %,d, received %,d, lost %,d%s%n", calls, received.get(),
                    calls - received.get(), complete ? "" : " (timed out)");
            return rate;
        }
    }

    private static double rawSocketEventsPerSecond(List<String> stream) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread writer = new Thread(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    for (String event : stream) {
                        out.write((event + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("raw writer failed", e);
                }
            }, "ami-bench-raw-writer");
            writer.start();
            long start = System.nanoTime();
            long bytes = 0;
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                 InputStream in = client.getInputStream()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes += n;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            writer.join();
            System.out.printf("raw read: %,d bytes in %.2f s%n", bytes, seconds);
            return stream.size() / seconds;
        }
    }

    /** Call k's copy of the template, with uniqueids {@code bench<k>-1795393059.N}; computed on demand. */
    private static final class GeneratedStream extends AbstractList<String> {
        private final List<String> call;
        private final int calls;

        GeneratedStream(List<String> call, int calls) {
            this.call = call;
            this.calls = calls;
        }

        @Override
        public String get(int index) {
            int k = index / call.size();
            return call.get(index % call.size()).replace(CALL_PREFIX, "bench" + k + "-1795393059.");
        }

        @Override
        public int size() {
            return call.size() * calls;
        }
    }
}
