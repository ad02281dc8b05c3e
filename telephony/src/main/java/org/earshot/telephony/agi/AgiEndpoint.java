package org.earshot.telephony.agi;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI listener: one accept thread, a bounded pool of script threads, one connection per call.
 *
 * <p>Why not Asterisk-Java's {@code DefaultAgiServer}: the protocol is a dozen line formats, and owning it
 * lets us keep the house rules that the library's server does not give us — named threads with a hard
 * bound and a shutdown path, port 0 for tests, our own typed hang-up exception raised from the 511 / HANGUP
 * lines exactly as the 22.10 capture shows them, and no library type ({@code AgiChannel}, its
 * {@code MappingStrategy} with classpath scanning) leaking into the server module.
 *
 * <p>Per connection: read the {@code agi_*} lines up to the blank line → pick the script by URL path →
 * run it → close the socket (Asterisk then continues the dialplan, AGISTATUS=SUCCESS).
 */
public final class AgiEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgiEndpoint.class);
    private static final int MAX_ENV_LINES = 256;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final String bindAddress;
    private final int port;
    private final Duration commandTimeout;
    private final Map<String, AgiScript> scripts;
    private final ThreadPoolExecutor workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket server;
    private Thread acceptor;

    /**
     * @param threads scripts running at once; as many more connections wait, beyond that a call is refused
     *                (socket closed: Asterisk sets AGISTATUS=FAILURE and the dialplan goes on)
     */
    public AgiEndpoint(String bindAddress, int port, int threads, Duration commandTimeout,
                       Map<String, AgiScript> scripts) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.commandTimeout = commandTimeout;
        this.scripts = Map.copyOf(scripts);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads), r -> new Thread(r, "earshot-agi-" + n.incrementAndGet()));
        this.workers.allowCoreThreadTimeOut(true);
    }

    /** Binds and starts accepting; returns the bound port. */
    public synchronized int start() throws IOException {
        if (server != null) {
            return server.getLocalPort();
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(bindAddress, port), 64);
        server = socket;
        acceptor = new Thread(this::acceptLoop, "earshot-agi-accept");
        acceptor.start();
        log.info("FastAGI listening on {}:{} with scripts {}", bindAddress, socket.getLocalPort(),
                scripts.keySet().stream().sorted().toList());
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("FastAGI accept failed: {}", e.getMessage());
                }
                continue;
            }
            try {
                open.add(socket);
                workers.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                log.warn("FastAGI busy ({} scripts running): refusing the call from {}",
                        workers.getMaximumPoolSize(), socket.getRemoteSocketAddress());
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(Math.toIntExact(commandTimeout.toMillis()));
            socket.setTcpNoDelay(true);
            LineReader in = new LineReader(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            Map<String, String> env = readEnvironment(in, socket);
            if (env == null) {
                return;
            }
            AgiRequest request = AgiRequest.of(env);
            AgiChannel channel = new AgiChannel(request, in, out, socket, commandTimeout);
            run(request, channel);
        } catch (IOException e) {
            log.warn("FastAGI connection from {} failed: {}", socket.getRemoteSocketAddress(), e.getMessage());
        } finally {
            open.remove(socket);
        }
    }

    /** The agi_* lines up to the blank line; null (logged) when the peer went away or timed out first. */
    private Map<String, String> readEnvironment(LineReader in, Socket socket) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    return env;
                }
                if (env.size() >= MAX_ENV_LINES) {
                    log.warn("FastAGI peer {} sent more than {} environment lines: dropped",
                            socket.getRemoteSocketAddress(), MAX_ENV_LINES);
                    return null;
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    env.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        } catch (SocketTimeoutException e) {
            log.warn("FastAGI peer {} sent no complete environment within {} s: dropped",
                    socket.getRemoteSocketAddress(), commandTimeout.toSeconds());
            return null;
        }
        log.info("FastAGI peer {} closed the connection after {} environment lines, before the blank line",
                socket.getRemoteSocketAddress(), env.size());
        return null;
    }

    private void run(AgiRequest request, AgiChannel channel) throws IOException {
        AgiScript script = scripts.get(request.script());
        String call = request.uniqueId();
        if (script == null) {
            // Hanging up a customer over a dialplan typo would be worse than going on: tell the Asterisk
            // console, leave a variable the dialplan can test, and let it continue (e.g. to the Queue).
            log.warn("FastAGI call {} asked for unknown script '{}' ({}); known: {}", call, request.script(),
                    request.environment().get("agi_request"), scripts.keySet().stream().sorted().toList());
            channel.verbose("Earshot: no FastAGI script named '" + request.script() + "'", 1);
            channel.setVariable("EARSHOT_AGI_ERROR", "unknown-script");
            return;
        }
        // Never the caller's number: logs are out of reach of an erasure request.
        log.info("FastAGI {} for call {}", request.script(), call);
        try {
            script.run(channel);
        } catch (AgiHangupException e) {
            log.info("FastAGI {} for call {}: caller gone ({})", request.script(), call, e.getMessage());
        } catch (AgiException e) {
            log.warn("FastAGI {} for call {} stopped: {}", request.script(), call, e.getMessage());
        } catch (RuntimeException e) {
            log.error("FastAGI {} for call {} failed", request.script(), call, e);
        }
    }

    /** Stops accepting, lets running scripts finish for a few seconds, then cuts their connections. */
    @Override
    public synchronized void close() {
        if (server == null) {
            workers.shutdownNow();
            return;
        }
        closeQuietly(server);
        try {
            acceptor.join(CLOSE_GRACE.toMillis());
            workers.shutdown();
            if (!workers.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("FastAGI: {} calls still running at shutdown, closing their connections", open.size());
                open.forEach(AgiEndpoint::closeQuietly);
                workers.shutdownNow();
                workers.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        log.info("FastAGI stopped");
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("close failed: {}", e.getMessage());
        }
    }
}
