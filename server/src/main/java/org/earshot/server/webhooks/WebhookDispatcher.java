package org.earshot.server.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.earshot.server.store.WebhookDeliveries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the webhook outbox: one thread claims due deliveries under a lease and hands each to a small
 * pool of its own that POSTs it, signed, and records the attempt. A slow or dead receiver only ever
 * holds these threads, never call intake or analysis. It wakes when this node commits events
 * ({@link #wakeUp}) and polls for those of other nodes and for retries coming due.
 *
 * <pre>{@code
 * try (WebhookDispatcher d = new WebhookDispatcher(store, clock, "node-1", WebhookDispatcher.Settings.DEFAULTS)) {
 *     d.start();
 * }
 * }</pre>
 */
public final class WebhookDispatcher implements AutoCloseable {

    /** What one attempt came to: {@code status} is delivered, pending (to be retried) or failed. */
    public record Outcome(long deliveryId, String eventId, String eventType, String status, Integer statusCode,
                          String error, Instant nextRetryAt) {
    }

    /** The wait before the retry that follows attempt {@code attempt} (1 = the first). */
    @FunctionalInterface
    public interface Backoff {
        Duration after(int attempt);

        /**
         * Doubling from {@code first} up to {@code cap}, each wait drawn from its upper half ("equal
         * jitter"), so endpoints that failed together do not retry together.
         */
        static Backoff exponential(Duration first, Duration cap) {
            return attempt -> {
                long full = Math.min(cap.toMillis(), first.toMillis() << Math.min(30, Math.max(0, attempt - 1)));
                return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
            };
        }
    }

    /**
     * @param senders  requests in flight at once
     * @param timeout  connect and answer timeout of one attempt
     * @param retryFor how long after the event (or its resend) attempts go on before it is failed
     * @param poll     how often to look for other nodes' events and retries come due
     * @param lease    how long a claimed delivery is this node's (longer than the timeout)
     */
    public record Settings(int senders, Duration timeout, Duration retryFor, Duration poll, Duration lease,
                           Backoff backoff) {
        public static final Settings DEFAULTS = new Settings(4, Duration.ofSeconds(10), Duration.ofHours(24),
                Duration.ofSeconds(2), Duration.ofMinutes(1),
                Backoff.exponential(Duration.ofSeconds(10), Duration.ofHours(1)));

        public Settings {
            if (senders < 1) {
                throw new IllegalArgumentException("webhook senders must be at least 1, was " + senders);
            }
            if (lease.compareTo(timeout) <= 0) {
                throw new IllegalArgumentException("the webhook lease (" + lease + ") must outlast an attempt's timeout ("
                        + timeout + ")");
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookDeliveries store;
    private final Clock clock;
    private final String owner;
    private final Settings settings;
    private final HttpClient client;
    private final ExecutorService senders;
    private final Semaphore free;
    private final Thread claimer;
    private final List<Consumer<Outcome>> listeners = new CopyOnWriteArrayList<>();
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean running;

    /** @param owner names this node in the leases, e.g. host/pid */
    public WebhookDispatcher(WebhookDeliveries store, Clock clock, String owner, Settings settings) {
        this.store = store;
        this.clock = clock;
        this.owner = owner;
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(settings.senders(), r -> {
            Thread t = new Thread(r, "earshot-webhook-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.free = new Semaphore(settings.senders());
        this.claimer = new Thread(this::claimLoop, "earshot-webhook-claims");
        this.claimer.setDaemon(true);
    }

    /** Called with the outcome of every attempt, on a sender thread (metrics; tests wait on it). */
    public void addListener(Consumer<Outcome> listener) {
        listeners.add(listener);
    }

    public void start() {
        running = true;
        claimer.start();
    }

    /** Looks for due deliveries now: events were committed, or a retry came due. */
    public void wakeUp() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    private void claimLoop() {
        while (running) {
            try {
                int permits = free.availablePermits();
                List<WebhookDeliveries.Claimed> claimed = store.claim(owner, clock.instant(), settings.lease(), permits);
                for (WebhookDeliveries.Claimed delivery : claimed) {
                    free.acquireUninterruptibly();
                    senders.execute(() -> {
                        try {
                            send(delivery);
                        } finally {
                            free.release();
                            // A sender free again, and maybe the next delivery of the same call unblocked.
                            wakeUp();
                        }
                    });
                }
            } catch (RuntimeException e) {
                log.warn("Claiming webhook deliveries failed; trying again in {}", settings.poll(), e);
            }
            awaitSignal();
        }
    }

    private void awaitSignal() {
        synchronized (signal) {
            long until = System.nanoTime() + settings.poll().toNanos();
            while (!signalled && running) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(signal, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            signalled = false;
        }
    }

    private void send(WebhookDeliveries.Claimed delivery) {
        Instant at = clock.instant();
        Integer code = null;
        String error = null;
        long started = System.nanoTime();
        try {
            HttpResponse<Void> answer = client.send(request(delivery, at), HttpResponse.BodyHandlers.discarding());
            code = answer.statusCode();
            if (code / 100 == 3) {
                error = "HTTP " + code + ": redirects are not followed (to "
                        + answer.headers().firstValue("Location").orElse("nowhere") + ")";
            } else if (code / 100 != 2) {
                error = "HTTP " + code;
            }
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            // Stopping: the lease runs out (or a restart on H2 frees it) and the delivery goes out again.
            Thread.currentThread().interrupt();
            return;
        }
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        record(delivery, at, code, latencyMs, error);
    }

    private HttpRequest request(WebhookDeliveries.Claimed delivery, Instant at) {
        return HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Earshot-Webhooks")
                .header("Earshot-Event", delivery.eventType())
                .header("Earshot-Delivery", delivery.eventId())
                .header("Earshot-Signature", WebhookSignature.header(delivery.secret(), at.getEpochSecond(), delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
                .build();
    }

    private void record(WebhookDeliveries.Claimed delivery, Instant at, Integer code, long latencyMs, String error) {
        String status;
        Instant next = null;
        if (error == null) {
            status = WebhookDeliveries.DELIVERED;
        } else {
            next = clock.instant().plus(settings.backoff().after(delivery.attempt()));
            if (next.isAfter(delivery.cycleStartedAt().plus(settings.retryFor()))) {
                status = WebhookDeliveries.FAILED;
                next = null;
                log.warn("Webhook delivery {} of event {} to {} failed for good after {} attempts: {}", delivery.id(),
                        delivery.eventId(), delivery.url(), delivery.attempt(), error);
            } else {
                status = WebhookDeliveries.PENDING;
                log.debug("Webhook delivery {} to {} failed ({}); next attempt at {}", delivery.id(), delivery.url(),
                        error, next);
            }
        }
        Outcome outcome = new Outcome(delivery.id(), delivery.eventId(), delivery.eventType(), status, code, error, next);
        try {
            store.recordAttempt(delivery.id(), owner, new WebhookDeliveries.Attempt(at, code, latencyMs, error, next), status);
        } catch (RuntimeException e) {
            // Unrecorded, the delivery is sent again when its lease runs out: at least once, as promised.
            log.warn("Recording webhook delivery {} as {} failed", delivery.id(), status, e);
            return;
        }
        for (Consumer<Outcome> listener : listeners) {
            listener.accept(outcome);
        }
    }

    @Override
    public void close() {
        running = false;
        wakeUp();
        try {
            claimer.join(TimeUnit.SECONDS.toMillis(5));
            senders.shutdownNow();
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
