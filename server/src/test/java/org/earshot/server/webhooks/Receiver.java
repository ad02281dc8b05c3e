package org.earshot.server.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntBiFunction;

/**
 * A real HTTP endpoint for webhook tests (the JDK's HttpServer): it records every request and answers
 * with the status its rule gives, optionally holding each answer until released.
 */
public final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Received(String method, Map<String, List<String>> headers, byte[] body, int answeredWith) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /**
         * The HMAC the {@code Earshot-Signature} header should carry, computed here as a receiver would (not by
         * the code under test): hex HMAC-SHA256 under {@code secret} of "t.body" with the header's t.
         */
        public String expectedSignature(String secret) throws Exception {
            String signature = header("Earshot-Signature");
            String t = signature.substring(2, signature.indexOf(','));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return "t=" + t + ",v1=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger seen = new AtomicInteger();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    /** @param status the status to answer the n-th request (0 = the first) with, given its body */
    public Receiver(ToIntBiFunction<Integer, String> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int n = seen.getAndIncrement();
            arrived.countDown();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int code = status.applyAsInt(n, new String(body, StandardCharsets.UTF_8));
            received.add(new Received(exchange.getRequestMethod(), Map.copyOf(exchange.getRequestHeaders()), body, code));
            answered.incrementAndGet();
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        server.start();
    }

    public static Receiver answering(int status) throws IOException {
        return new Receiver((n, body) -> status);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Holds every answer from now until {@link #release}. */
    public void holdAnswers() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    /** Waits for the first request to arrive (answered or held). */
    public void awaitFirstArrival() throws InterruptedException {
        if (!arrived.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no request arrived at " + url() + " in 30 s");
        }
    }

    public int answered() {
        return answered.get();
    }

    /** The next request answered, waiting for it. */
    public Received next() throws InterruptedException {
        Received r = received.poll(30, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request answered at " + url() + " in 30 s");
        }
        return r;
    }

    /** The next request answered, or null when none is within {@code wait}: wakes as soon as one is. */
    public Received poll(java.time.Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
