package org.earshot.server.livespeech;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.earshot.server.live.LiveHub;
import org.earshot.server.live.LiveSentiment;
import org.earshot.server.live.LiveSpeechListener;
import org.earshot.server.live.LiveTranscript;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.live.LiveAnalyzer;
import org.earshot.speech.live.LiveCall;
import org.earshot.speech.live.LiveListener;
import org.earshot.speech.live.LiveSegment;
import org.earshot.telephony.RecordingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the recording of each call while it is up: AMI names the file ({@code MIXMONITOR_FILENAME}), the
 * file is looked for by name in recordings-dir (only there: Earshot reads no other folder), and the live
 * analyzer's words and scores go to {@code /api/live} as {@code transcript} and {@code sentiment} messages
 * and, with interruptions, dead air and the end, to the alert rules. MixMonitor's stereo {@code .raw} is
 * preferred (one party per channel); a call announcing only a {@code .wav} is followed on that. The caller's
 * hang-up ends the call's live view once the file stops growing; post-call analysis runs as before.
 */
public final class LiveCalls implements RecordingListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveCalls.class);

    private final LiveAnalyzer analyzer;
    private final Path recordingsDir;
    private final ChannelRoles roles;
    private final LiveHub hub;
    private final LiveSpeechListener alerts;
    private final Map<String, Followed> calls = new ConcurrentHashMap<>();
    /** Notified on every call's progress and end, for {@link #awaitAnalysed}. */
    private final Object progress = new Object();

    /** One call's live view: what it follows and how far it got. */
    private record Followed(String file, LiveCall call, AtomicLong bytes) {
    }

    /**
     * @param recordingsDir where this machine sees Asterisk's recordings; null = nothing is followed
     * @param alerts        the alert rules ({@link LiveSpeechListener#NONE} for none)
     */
    public LiveCalls(LiveAnalyzer analyzer, Path recordingsDir, ChannelRoles roles, LiveHub hub, LiveSpeechListener alerts) {
        this.analyzer = analyzer;
        this.recordingsDir = recordingsDir;
        this.roles = roles;
        this.hub = hub;
        this.alerts = alerts;
    }

    @Override
    public void recordingStarted(String uniqueId, String file) {
        if (recordingsDir == null) {
            return;
        }
        String name = Path.of(file).getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean raw = lower.endsWith(".raw");
        if (!raw && !lower.endsWith(".wav")) {
            return;
        }
        Followed now = calls.get(uniqueId);
        if (now != null && (now.file().equals(name) || !raw || now.file().toLowerCase(Locale.ROOT).endsWith(".raw"))) {
            return; // announced again after a reconnect, or a second file of a call already followed
        }
        if (now != null) {
            now.call().stop(); // a .wav came first: the stereo .raw tells the parties apart
            calls.remove(uniqueId, now);
        }
        AtomicLong bytes = new AtomicLong();
        Optional<LiveCall> call = analyzer.follow(uniqueId, recordingsDir.resolve(name), roles,
                new ToHubAndAlerts(uniqueId, bytes));
        if (call.isEmpty()) {
            log.info("Call {} has no live view: {} calls are followed already (live.max-calls)", uniqueId,
                    analyzer.limits().maxCalls());
            return;
        }
        calls.put(uniqueId, new Followed(name, call.get(), bytes));
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    @Override
    public void channelHungUp(String uniqueId) {
        Followed f = calls.get(uniqueId);
        if (f != null) {
            f.call().hangUp();
        }
    }

    /** The file name the call's live view follows, if it has one. */
    public Optional<String> following(String callId) {
        return Optional.ofNullable(calls.get(callId)).map(Followed::file);
    }

    /** Bytes of the call's recording analysed so far; empty when the call is not followed (or no longer). */
    public OptionalLong analysedBytes(String callId) {
        Followed f = calls.get(callId);
        return f == null ? OptionalLong.empty() : OptionalLong.of(f.bytes().get());
    }

    /**
     * Waits until at least {@code bytes} of the call's recording have been analysed (their words published),
     * also while the call is not followed yet; false when the time ran out first. For tools and tests that
     * write a recording and must not outrun its analysis.
     */
    public boolean awaitAnalysed(String callId, long bytes, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (analysedBytes(callId).orElse(-1) < bytes) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    /** Waits until the call's live view has ended (after its hang-up); false when the time ran out first. */
    public boolean awaitEnded(String callId, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (calls.containsKey(callId)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    /** Calls followed now. */
    public int running() {
        return analyzer.running();
    }

    @Override
    public void close() {
        analyzer.close();
    }

    /** One call's analysis, as the SPEC's live messages and as the alert rules' events. */
    private final class ToHubAndAlerts implements LiveListener {
        private final String callId;
        private final AtomicLong bytes;

        ToHubAndAlerts(String callId, AtomicLong bytes) {
            this.callId = callId;
            this.bytes = bytes;
        }

        @Override
        public void segment(LiveSegment s) {
            LiveTranscript t = new LiveTranscript(callId, s.party(), s.text(), s.isFinal(), s.start(), s.end());
            hub.publishFlat("transcript", t);
            safely(() -> alerts.transcript(t));
        }

        @Override
        public void sentiment(String party, double score, double at) {
            LiveSentiment s = new LiveSentiment(callId, party, score, at);
            hub.publishFlat("sentiment", s);
            safely(() -> alerts.sentiment(s));
        }

        @Override
        public void interruption(String party, double at) {
            safely(() -> alerts.interruption(callId, party, at));
        }

        @Override
        public void silence(double since, double at) {
            safely(() -> alerts.silence(callId, since, at));
        }

        @Override
        public void progress(long analysed, double seconds) {
            bytes.set(analysed);
            synchronized (progress) {
                progress.notifyAll();
            }
        }

        @Override
        public void ended() {
            boolean[] current = {false};
            calls.computeIfPresent(callId, (id, f) -> {
                current[0] = f.bytes() == bytes;
                return current[0] ? null : f;
            });
            synchronized (progress) {
                progress.notifyAll();
            }
            if (current[0]) { // not a .wav follow replaced by the call's .raw: the call's live view ended
                safely(() -> alerts.ended(callId));
            }
        }

        private void safely(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("Live speech listener failed for call {}", callId, e);
            }
        }
    }
}
