package org.earshot.speech.live;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.sentiment.SentimentScorer;
import org.earshot.speech.transcribe.Transcriber;

/**
 * Follows calls in progress: at most {@code maxCalls} at once, all on {@code threads} low-priority threads of
 * its own, so live work can never take more than those from the post-call analysis (a call over the limit
 * simply has no live view). Shares the post-call analyzer's Vosk model; get one from
 * {@link org.earshot.speech.CallAnalyzer#live(Limits)} and close it before the analyzer.
 *
 * <pre>{@code
 * try (LiveAnalyzer live = analyzer.live(new LiveAnalyzer.Limits(8, 1, Duration.ofMillis(100)))) {
 *     Optional<LiveCall> call = live.follow("call-1", Path.of("/spool/monitor/x-stereo.raw"), roles, listener);
 *     ...
 *     call.ifPresent(LiveCall::hangUp); // at hang-up: the rest of the file is read, then listener.ended()
 * }
 * }</pre>
 */
public final class LiveAnalyzer implements AutoCloseable {

    /** The party of a mono recording, where both voices share the one channel. */
    public static final String MIXED = "mixed";
    /** Read per poll: 2 s of stereo audio, whatever was written since the last (memory stays bounded). */
    static final int MAX_CHUNK_BYTES = 64 * 1024;
    /** A file that stops growing for this long with no hang-up heard (a lost AMI event) is let go. */
    static final Duration MAX_IDLE = Duration.ofMinutes(10);

    /**
     * @param maxCalls calls followed at once, at least 1
     * @param threads  threads all live calls share, at least 1
     * @param poll     how often each call's file is looked at
     */
    public record Limits(int maxCalls, int threads, Duration poll) {
        public Limits {
            if (maxCalls < 1) {
                throw new IllegalArgumentException("live max-calls must be at least 1, was " + maxCalls);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("live threads must be at least 1, was " + threads);
            }
            Objects.requireNonNull(poll, "poll");
            if (poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("live poll interval must be positive, was " + poll);
            }
        }
    }

    /** What each live call needs from its analyzer. */
    record Parts(Transcriber transcriber, SentimentScorer sentiment, boolean pciRedaction, LiveAnalyzer owner) {
        void ended(LiveCall call) {
            owner.ended(call);
        }
    }

    private final Limits limits;
    private final Parts parts;
    private final ScheduledThreadPoolExecutor pool;
    private final Set<LiveCall> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger slots = new AtomicInteger();
    private volatile boolean closed;

    /** Prefer {@link org.earshot.speech.CallAnalyzer#live(Limits)}, which shares its model. */
    public LiveAnalyzer(Transcriber transcriber, SentimentScorer sentiment, boolean pciRedaction, Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.parts = new Parts(Objects.requireNonNull(transcriber, "transcriber"),
                Objects.requireNonNull(sentiment, "sentiment"), pciRedaction, this);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ScheduledThreadPoolExecutor(limits.threads(), r -> {
            Thread t = new Thread(r, "earshot-live-" + n.incrementAndGet());
            t.setDaemon(true);
            // below the analysis workers: where the OS honours it, live work yields to post-call work
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        this.pool.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts following {@code file} (which may not exist yet); empty when {@code maxCalls} calls are already
     * followed or the analyzer is closed.
     *
     * @param name  names the call in logs (its id, never the caller's number)
     * @param roles which party is on which channel of a stereo file
     */
    public Optional<LiveCall> follow(String name, Path file, ChannelRoles roles, LiveListener listener) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(listener, "listener");
        if (closed || !takeSlot()) {
            return Optional.empty();
        }
        long maxIdlePolls = Math.max(1, MAX_IDLE.toMillis() / limits.poll().toMillis());
        LiveCall call = new LiveCall(name, new RecordingFollower(file, MAX_CHUNK_BYTES), roles, listener, parts,
                maxIdlePolls);
        running.add(call);
        call.scheduled(pool.scheduleWithFixedDelay(call::poll, 0, limits.poll().toMillis(), TimeUnit.MILLISECONDS));
        return Optional.of(call);
    }

    /** Calls followed now. */
    public int running() {
        return slots.get();
    }

    public Limits limits() {
        return limits;
    }

    private boolean takeSlot() {
        while (true) {
            int now = slots.get();
            if (now >= limits.maxCalls()) {
                return false;
            }
            if (slots.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    private void ended(LiveCall call) {
        if (running.remove(call)) {
            slots.decrementAndGet();
        }
    }

    /** Ends every live call (their listeners hear {@code ended}) and stops the threads. */
    @Override
    public void close() {
        closed = true;
        running.forEach(LiveCall::stop);
        for (LiveCall call : running) {
            pool.execute(call::poll); // the stop is seen at once, not at the next scheduled poll
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
