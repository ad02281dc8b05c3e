package org.earshot.bench.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.earshot.server.live.LiveClient;
import org.earshot.server.live.LiveHub;
import org.earshot.server.live.LiveSpeechListener;
import org.earshot.server.livespeech.LiveCalls;
import org.earshot.speech.CallAnalyzer;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.SpeechSettings;
import org.earshot.speech.live.LiveAnalyzer;

/**
 * The server's live path as a node runs it: {@link LiveCalls} on the post-call analyzer's model, publishing
 * to a {@link LiveHub} whose one client notes when each message leaves the hub. Recordings are written into a
 * spool folder in MixMonitor's 32 KiB steps, each step's write time noted per call.
 */
final class LiveRig implements AutoCloseable {

    static final int STEP = 32 * 1024;
    static final int BYTES_PER_SECOND = 32000;
    static final Path CACHE = Path.of("speech/target/model-cache");

    /** A message as it left the hub. */
    record Sent(long nanos, JsonNode message) {
    }

    final CallAnalyzer analyzer;
    final LiveCalls calls;
    final Path spool;
    private final ObjectMapper json = new ObjectMapper();
    private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    /** Per call: when each step was on file (nanos), index = step. */
    private final ConcurrentHashMap<String, List<Long>> written = new ConcurrentHashMap<>();

    LiveRig(Path spool, int maxCalls, int threads) {
        this.spool = spool;
        this.analyzer = new CallAnalyzer(new SpeechSettings(null, CACHE, ChannelRoles.CUSTOMER_AGENT, 1));
        LiveHub hub = new LiveHub(json, List::of);
        hub.join(new LiveClient() {
            @Override
            public void send(String text) {
                long at = System.nanoTime();
                try {
                    sent.add(new Sent(at, json.readTree(text)));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public boolean keepsUp() {
                return true;
            }

            @Override
            public void close() {
            }
        });
        this.calls = new LiveCalls(analyzer.live(new LiveAnalyzer.Limits(maxCalls, threads, Duration.ofMillis(100))),
                spool, ChannelRoles.CUSTOMER_AGENT, hub, LiveSpeechListener.NONE);
    }

    /** MixMonitor starts: the empty file, then AMI's announcement. */
    Path start(String callId) throws IOException {
        Path file = spool.resolve(callId + "-stereo.raw");
        Files.write(file, new byte[0]);
        written.put(callId, java.util.Collections.synchronizedList(new ArrayList<>()));
        calls.recordingStarted(callId, "/var/spool/asterisk/monitor/" + file.getFileName());
        return file;
    }

    /** Appends step {@code step} of {@code raw}; false when the recording has no more. */
    boolean writeStep(String callId, Path file, byte[] raw, int step) throws IOException {
        int from = step * STEP;
        if (from >= raw.length) {
            return false;
        }
        Files.write(file, Arrays.copyOfRange(raw, from, Math.min(raw.length, from + STEP)), StandardOpenOption.APPEND);
        written.get(callId).add(System.nanoTime());
        return true;
    }

    /**
     * Seconds from the step holding each transcript message's last audio ({@code end}) reaching the file to the
     * message leaving the hub, for every transcript message of {@code callId}.
     */
    List<Double> latencies(String callId) {
        List<Long> steps = written.get(callId);
        List<Double> out = new ArrayList<>();
        for (Sent s : sent) {
            JsonNode m = s.message();
            if (!m.path("type").asText().equals("transcript") || !m.path("callId").asText().equals(callId)) {
                continue;
            }
            long lastByte = (long) Math.ceil(m.path("end").asDouble() * BYTES_PER_SECOND) - 1;
            int step = (int) Math.max(0, lastByte / STEP);
            if (step < steps.size()) {
                out.add((s.nanos() - steps.get(step)) / 1e9);
            }
        }
        return out;
    }

    /** The call's final live transcript of {@code party}, in order. */
    String finalText(String callId, String party) {
        return sent.stream().map(Sent::message).filter(m -> m.path("type").asText().equals("transcript")
                        && m.path("callId").asText().equals(callId) && m.path("final").asBoolean()
                        && m.path("party").asText().equals(party))
                .map(m -> m.path("text").asText()).filter(t -> !t.isEmpty()).collect(Collectors.joining(" "));
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    @Override
    public void close() {
        calls.close();
        analyzer.close();
    }
}
