package org.earshot.telephony.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * A loopback TCP peer that behaves like Asterisk 22 towards a real AMI client (Asterisk-Java included):
 * banner, MD5 challenge login, CoreSettings, Ping, Logoff; after a successful login it replays the
 * {@code Event:} messages of a capture.
 *
 * <pre>{@code
 * try (var peer = AmiReplayPeer.replaying(AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01)))
 *         .credentials("earshot", "earshot-secret")
 *         .start()) {
 *     var bridge = new AmiBridge(new AmiSettings("127.0.0.1", peer.port(), "earshot", "earshot-secret",
 *             Duration.ofMillis(50)), clock, sink);
 *     bridge.start();
 *     peer.awaitReplayComplete(Duration.ofSeconds(20));
 * }
 * }</pre>
 *
 * <p>Each connection is served by a {@link PeerSession} on its own thread; every successful login replays
 * the capture from its start. Wire formats are copied from {@code asterisk-java-login-01.raw} and
 * {@code ami-badlogin-01.raw}. Use {@link Builder#replayAfterAction} with {@code "CoreSettings"} when a
 * test needs the client's login finished before the first event.
 */
public final class AmiReplayPeer implements AutoCloseable {

    public static final String BANNER = "Asterisk Call Manager/11.0.0";

    private final List<String> events;
    private final String username;
    private final String secret;
    private final Duration eventDelay;
    private final int dropFirstSessionAfter;
    private final String replayAfterAction;
    private final List<String> laterEvents;
    private final java.util.Map<String, java.util.function.IntFunction<List<String>>> answers;
    private int rejectLogins;
    private final String refusedAction;
    private final java.util.function.IntPredicate refusedForLogin;
    private final boolean refuseAfterReplay;
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private final List<String> rawActions = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, java.util.function.Function<java.util.Map<String, String>, String>> replies;
    private int loginAttempts;
    private int logins;
    private int completedReplays;
    private volatile boolean closed;

    private AmiReplayPeer(Builder builder) throws IOException {
        this.events = builder.events;
        this.username = builder.username;
        this.secret = builder.secret;
        this.eventDelay = builder.eventDelay;
        this.dropFirstSessionAfter = builder.dropFirstSessionAfter;
        this.replayAfterAction = builder.replayAfterAction;
        this.laterEvents = builder.laterEvents;
        this.answers = java.util.Map.copyOf(builder.answers);
        this.replies = java.util.Map.copyOf(builder.replies);
        this.rejectLogins = builder.rejectLogins;
        this.refusedAction = builder.refusedAction;
        this.refusedForLogin = builder.refusedForLogin;
        this.refuseAfterReplay = builder.refuseAfterReplay;
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 50);
        this.acceptor = new Thread(this::acceptLoop, "ami-replay-peer-accept");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Starts configuring a peer that replays these {@code Event:} messages (see {@link AmiCapture#events}). */
    public static Builder replaying(List<String> events) {
        return new Builder(List.copyOf(events));
    }

    /**
     * Like {@link #replaying} but keeps the list as given instead of copying it, for a generated list
     * that computes its elements on demand (a benchmark's million events). The list must not change.
     */
    public static Builder streaming(List<String> events) {
        return new Builder(Objects.requireNonNull(events));
    }

    /** The TCP port on 127.0.0.1 to point the client at. */
    public int port() {
        return server.getLocalPort();
    }

    /** Waits until one session has written every event of the capture; false on timeout. */
    public boolean awaitReplayComplete(Duration timeout) {
        return awaitCount(() -> completedReplays, 1, timeout);
    }

    /** Waits until clients have sent at least {@code n} Login actions, good or bad; false on timeout. */
    public boolean awaitLoginAttempts(int n, Duration timeout) {
        return awaitCount(() -> loginAttempts, n, timeout);
    }

    /** Waits until at least {@code n} logins were accepted; false on timeout. */
    public boolean awaitLogins(int n, Duration timeout) {
        return awaitCount(() -> logins, n, timeout);
    }

    /** Waits until a client has sent an action with this name (case-insensitive); false on timeout. */
    public boolean awaitAction(String action, Duration timeout) {
        String wanted = action.toLowerCase(Locale.ROOT);
        return awaitCount(() -> (int) actions.stream().filter(wanted::equals).count(), 1, timeout);
    }

    public synchronized int loginAttempts() {
        return loginAttempts;
    }

    public synchronized int logins() {
        return logins;
    }

    /** Names of all actions received, lower-case, in arrival order over all connections. */
    public List<String> actions() {
        return List.copyOf(actions);
    }

    /**
     * Every action as the client wrote it, header lines joined by CRLF without the terminating blank line, in
     * arrival order over all connections: what a test compares with a lab's {@code client.raw}.
     */
    public List<String> rawActions() {
        return List.copyOf(rawActions);
    }

    List<String> events() {
        return events;
    }

    /** What to write after this action (see {@link Builder#replyingTo}), or null. */
    String replyTo(String action, java.util.Map<String, String> headers) {
        var reply = replies.get(action.toLowerCase(Locale.ROOT));
        return reply == null ? null : reply.apply(headers);
    }

    /** The events replayed to the n-th accepted login (1 = first). */
    List<String> eventsFor(int login) {
        return login > 1 && laterEvents != null ? laterEvents : events;
    }

    /** Items to answer a list action with for the n-th login, or null to answer a plain Success. */
    List<String> itemsFor(String action, int login) {
        var items = answers.get(action.toLowerCase(Locale.ROOT));
        return items == null ? null : items.apply(login);
    }

    /** Whether this action of the n-th login is to be answered {@code Response: Error}. */
    boolean refuses(String action, int login) {
        return refusedAction != null && refusedAction.equalsIgnoreCase(action) && refusedForLogin.test(login);
    }

    /** Whether a refused action is answered only once the session's replay is over (see {@link Builder#refusing}). */
    boolean refusesOnlyAfterReplay() {
        return refuseAfterReplay;
    }

    /** True while the peer still refuses logins with the right secret (Asterisk's users not loaded yet). */
    synchronized boolean rejectsLogin() {
        return rejectLogins-- > 0;
    }

    boolean accepts(String user, String candidateSecret) {
        return username.equals(user) && secret.equals(candidateSecret);
    }

    /** Asterisk's MD5 login: key = md5hex(challenge + secret). */
    boolean acceptsKey(String user, String challenge, String key) {
        return username.equals(user) && md5Hex(challenge + secret).equalsIgnoreCase(key);
    }

    Duration eventDelay() {
        return eventDelay;
    }

    int dropFirstSessionAfter() {
        return dropFirstSessionAfter;
    }

    String replayAfterAction() {
        return replayAfterAction;
    }

    void forget(Socket socket) {
        sockets.remove(socket);
    }

    /** Stops accepting and closes every open connection. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        sockets.forEach(AmiReplayPeer::closeQuietly);
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean awaitCount(IntSupplier count, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.getAsInt() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    synchronized void actionReceived(String name, String raw) {
        rawActions.add(raw);
        actions.add(name);
        notifyAll();
    }

    synchronized void loginAttempted() {
        loginAttempts++;
        notifyAll();
    }

    /** Returns the number of this login, 1 for the first. */
    synchronized int loginAccepted() {
        logins++;
        notifyAll();
        return logins;
    }

    synchronized void replayCompleted() {
        completedReplays++;
        notifyAll();
    }

    private void acceptLoop() {
        int connection = 0;
        while (!closed) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread session = new Thread(new PeerSession(this, socket), "ami-replay-peer-session-" + ++connection);
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    /** Options of a peer; {@link #start()} binds it to an ephemeral port on 127.0.0.1. */
    public static final class Builder {
        private final List<String> events;
        private String username = "earshot";
        private String secret = "earshot-secret";
        private Duration eventDelay = Duration.ZERO;
        private int dropFirstSessionAfter = -1;
        private String replayAfterAction;
        private List<String> laterEvents;
        private final java.util.Map<String, java.util.function.IntFunction<List<String>>> answers = new java.util.HashMap<>();
        private final java.util.Map<String, java.util.function.Function<java.util.Map<String, String>, String>> replies =
                new java.util.HashMap<>();
        private int rejectLogins;
        private int port;
        private String refusedAction;
        private java.util.function.IntPredicate refusedForLogin;
        private boolean refuseAfterReplay;

        private Builder(List<String> events) {
            this.events = events;
        }

        /** The AMI user and secret the peer accepts; default {@code earshot} / {@code earshot-secret} as in the lab. */
        public Builder credentials(String username, String secret) {
            this.username = Objects.requireNonNull(username);
            this.secret = Objects.requireNonNull(secret);
            return this;
        }

        /** Pause after each replayed event; default none. */
        public Builder eventDelay(Duration delay) {
            this.eventDelay = Objects.requireNonNull(delay);
            return this;
        }

        /** The first logged-in session closes its socket after sending this many events (a dropped link). */
        public Builder dropFirstSessionAfter(int events) {
            this.dropFirstSessionAfter = events;
            return this;
        }

        /**
         * Holds the replay back until the logged-in client sends this action, e.g. {@code "CoreSettings"},
         * which Asterisk-Java sends as the last step of its login. Real Asterisk streams events at once; this
         * makes "logged in" and "events flowing" happen in a fixed order for a test.
         */
        public Builder replayAfterAction(String action) {
            this.replayAfterAction = action;
            return this;
        }

        /** Replays these events (instead of the first list) to every login after the first. */
        public Builder thenReplaying(List<String> events) {
            this.laterEvents = List.copyOf(events);
            return this;
        }

        /**
         * Answers a list action (e.g. {@code "QueueStatus"}, {@code "CoreShowChannels"}) with these items
         * (each an {@code Event:} message without ActionID) for the n-th login, then the Complete event.
         */
        public Builder answering(String action, java.util.function.IntFunction<List<String>> itemsForLogin) {
            this.answers.put(action.toLowerCase(Locale.ROOT), Objects.requireNonNull(itemsForLogin));
            return this;
        }

        /**
         * Answers this action with {@code Response: Error} / {@code Message: Permission denied} (Asterisk's answer
         * to an action the AMI user may not run) for the logins the predicate picks, every time it is sent.
         * With {@code afterReplay} the error is held back until that session has written all its events, so the
         * client has every event before it learns the action failed (with {@link #replayAfterAction} on the same
         * action, its first sending starts the replay).
         */
        public Builder refusing(String action, java.util.function.IntPredicate forLogin, boolean afterReplay) {
            this.refusedAction = Objects.requireNonNull(action);
            this.refusedForLogin = Objects.requireNonNull(forLogin);
            this.refuseAfterReplay = afterReplay;
            return this;
        }

        /**
         * Answers each sending of this action with the text {@code reply} makes of its headers (lower-case names, as
         * {@link #rawActions} shows them): whole messages, each ending in a blank line, e.g. a captured response and
         * the events that followed it with the client's ActionID put in.
         */
        public Builder replyingTo(String action, java.util.function.Function<java.util.Map<String, String>, String> reply) {
            this.replies.put(action.toLowerCase(Locale.ROOT), Objects.requireNonNull(reply));
            return this;
        }

        /** Refuses the first n logins even with the right secret. */
        public Builder rejectFirstLogins(int n) {
            this.rejectLogins = n;
            return this;
        }

        /** Binds this port on 127.0.0.1 instead of an ephemeral one (an Asterisk restarting on its port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public AmiReplayPeer start() {
            try {
                return new AmiReplayPeer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open a loopback server socket", e);
            }
        }
    }
}
