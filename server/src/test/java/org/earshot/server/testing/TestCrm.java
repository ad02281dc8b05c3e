package org.earshot.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A CRM for tests: the JDK's HTTP server on a free loopback port answering
 * {@code GET /api/contacts?phone=NUMBER} with {@code {"contacts":[{"id":..,"name":..}]}} for the contacts it
 * was given and {@code {"contacts":[]}} for others. Every request is recorded; a number can be made to fail
 * (HTTP 500) or to hang until {@link #release()} (a CRM slower than the lookup's timeout).
 */
public final class TestCrm implements AutoCloseable {

    /** One request as the CRM received it. */
    public record Received(String phone, Map<String, List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, String[]> contacts = new ConcurrentHashMap<>();
    private final Map<String, Integer> failing = new ConcurrentHashMap<>();
    private final Map<String, Boolean> hanging = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch hangingEntered = new CountDownLatch(1);

    public TestCrm() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/contacts", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /** The lookup URL template of this CRM. */
    public String lookupUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/contacts?phone={caller}";
    }

    public TestCrm contact(String phone, String id, String name) {
        contacts.put(phone, new String[] {id, name});
        return this;
    }

    /** Requests for this number are answered with this status and a plain-text body. */
    public TestCrm failing(String phone, int status) {
        failing.put(phone, status);
        return this;
    }

    /** Requests for this number get no answer until {@link #release()}. */
    public TestCrm hanging(String phone) {
        hanging.put(phone, true);
        return this;
    }

    /** Lets held requests answer ("not found"). */
    public void release() {
        released.countDown();
    }

    /** Waits until a request for a hanging number arrived. */
    public boolean awaitHanging() throws InterruptedException {
        return hangingEntered.await(10, TimeUnit.SECONDS);
    }

    /** The next request received, waiting up to 10 s; null if none came. */
    public Received nextRequest() throws InterruptedException {
        return received.poll(10, TimeUnit.SECONDS);
    }

    /** Requests received and not yet taken by {@link #nextRequest()}. */
    public int pendingRequests() {
        return received.size();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String phone = query == null || !query.startsWith("phone=") ? ""
                : URLDecoder.decode(query.substring("phone=".length()), StandardCharsets.UTF_8);
        received.add(new Received(phone, Map.copyOf(exchange.getRequestHeaders())));
        try {
            if (hanging.containsKey(phone)) {
                hangingEntered.countDown();
                released.await(30, TimeUnit.SECONDS);
            }
            Integer status = failing.get(phone);
            if (status != null) {
                send(exchange, status, "text/plain", "CRM is down");
                return;
            }
            String[] contact = contacts.get(phone);
            send(exchange, 200, "application/json", contact == null ? "{\"contacts\":[]}"
                    : "{\"contacts\":[{\"id\":\"" + contact[0] + "\",\"name\":\"" + contact[1] + "\"}]}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The lookup gave up (timeout) and closed the connection: nothing to answer.
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
