package org.earshot.telephony.ami;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.earshot.telephony.AmiSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one logged-in AMI connection alive from its own thread: connect, log in, watch, and after a
 * refused connection, failed login or drop, wait with exponential backoff (capped at a few seconds, with
 * jitter) and start over.
 *
 * <p>Each attempt uses a fresh Asterisk-Java connection. Asterisk-Java's own reconnect loop (50 ms then
 * 5 s forever, giving up on a bad password) is switched off by logging the dropped connection off, so
 * there is one retry policy and it is ours. The secret goes to Asterisk-Java only, never to a log line.
 */
public final class AmiConnector implements AutoCloseable {

    /**
     * Longest pause between attempts: a call center loses calls while AMI is down, so we keep knocking
     * every few seconds rather than minutes; the jitter keeps many bridges from knocking in step.
     */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** A ping every so often notices a half-open TCP connection that would otherwise look idle forever. */
    static final Duration PING_INTERVAL = Duration.ofSeconds(30);
    private static final long ACTION_TIMEOUT_MS = 10_000;
    /**
     * Tries of each resync action after a login. With the backoff (from the reconnect delay, at least
     * {@link #MIN_RESYNC_RETRY}) that bounds how long a call whose Hangup was lost in a drop can stay open when
     * Asterisk will not list its channels: with the default 2 s delay, 4 tries take at most 11 s of pauses
     * (plus up to 10 s per unanswered try).
     */
    static final int RESYNC_ATTEMPTS = 4;
    /**
     * Shortest base pause between resync tries, whatever the reconnect delay: giving up closes the calls that
     * were silent since the drop, so the events flowing after the login get a moment to show which are alive.
     */
    static final Duration MIN_RESYNC_RETRY = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(AmiConnector.class);

    private final AmiSettings settings;
    private final ManagerEventListener listener;
    private final Runnable channelsUnconfirmed;
    private final Thread thread;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile CountDownLatch currentDrop = new CountDownLatch(1);
    private volatile boolean connected;
    /** The logged-in connection, for actions sent on behalf of users (see AmiSupervisor); null between sessions. */
    private volatile ManagerConnection current;

    /** {@code listener} receives every AMI event, on Asterisk-Java's reader thread. */
    public AmiConnector(AmiSettings settings, ManagerEventListener listener) {
        this(settings, listener, () -> { });
    }

    /**
     * @param listener            receives every AMI event, on Asterisk-Java's reader thread
     * @param channelsUnconfirmed told (on the connector's thread; must not block) when Asterisk would not list
     *                            its channels after a login, however often asked
     */
    public AmiConnector(AmiSettings settings, ManagerEventListener listener, Runnable channelsUnconfirmed) {
        this.settings = settings;
        this.listener = listener;
        this.channelsUnconfirmed = channelsUnconfirmed;
        this.thread = new Thread(this::run, "earshot-ami-connector");
        this.thread.setDaemon(true);
    }

    /** Starts connecting in the background; returns at once. Calling it again does nothing. */
    public void start() {
        if (closing.getCount() == 0) {
            LOG.warn("AMI connector for {} is closed; not starting it again", settings);
        } else if (started.compareAndSet(false, true)) {
            thread.start();
        }
    }

    public boolean isConnected() {
        return connected;
    }

    /** The connection while logged in, else null: send actions on it without blocking (with a callback). */
    public ManagerConnection connection() {
        return current;
    }

    /** Logs off (when logged in), stops retrying and waits for the connector thread to end. */
    @Override
    public void close() {
        closing.countDown();
        currentDrop.countDown();
        if (started.get()) {
            try {
                thread.join(ACTION_TIMEOUT_MS + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        int failures = 0;
        while (!isClosing()) {
            failures = session() ? 0 : failures + 1;
            if (isClosing()) {
                break;
            }
            Duration delay = backoff(settings.reconnectDelay(), failures, ThreadLocalRandom.current().nextDouble());
            LOG.info("AMI: next attempt to reach {}:{} in {} ms", settings.host(), settings.port(), delay.toMillis());
            if (await(closing, delay)) {
                break;
            }
        }
        LOG.info("AMI connector for {} stopped", settings);
    }

    /** One connection from connect to drop; true when the login had succeeded. */
    private boolean session() {
        CountDownLatch drop = new CountDownLatch(1);
        currentDrop = drop;
        ManagerEventListener dropWatch = event -> {
            if (event instanceof DisconnectEvent) {
                drop.countDown();
            }
        };
        DefaultManagerConnection connection = newConnection();
        connection.addEventListener(listener);
        connection.addEventListener(dropWatch);
        boolean loggedIn = false;
        try {
            LOG.info("AMI: connecting to {}:{} as {}", settings.host(), settings.port(), settings.username());
            connection.login("on");
            loggedIn = true;
            connected = true;
            current = connection;
            LOG.info("AMI: logged in to {}:{} ({}, {})", settings.host(), settings.port(),
                    connection.getProtocolIdentifier(), connection.getVersion());
            resync(connection, drop);
            watch(connection, drop);
        } catch (AuthenticationFailedException e) {
            LOG.warn("AMI: login as {} at {}:{} failed: {}", settings.username(), settings.host(), settings.port(),
                    e.getMessage());
        } catch (IOException e) {
            LOG.warn("AMI: cannot reach {}:{}: {}", settings.host(), settings.port(), e.toString());
        } catch (TimeoutException e) {
            LOG.warn("AMI: {}:{} did not answer in time: {}", settings.host(), settings.port(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("AMI: connection to {}:{} failed", settings.host(), settings.port(), e);
        } finally {
            connected = false;
            current = null;
            connection.removeEventListener(listener);
            connection.removeEventListener(dropWatch);
            end(connection);
        }
        return loggedIn;
    }

    /**
     * Asks Asterisk for the state we may have missed: queue members and waiting callers (agent and queue
     * boards) and the channels that are up (calls in progress across a drop). The answers arrive as ordinary
     * events through the listener. An action that fails or is answered with an error is retried with backoff
     * while the link stays up; when the channel listing cannot be had after {@link #RESYNC_ATTEMPTS}, the
     * listener of unconfirmed channels is told, so that calls whose end was missed do not stay open forever.
     */
    private void resync(ManagerConnection connection, CountDownLatch drop) {
        for (ManagerAction action : new ManagerAction[] {new QueueStatusAction(), new CoreShowChannelsAction()}) {
            boolean listed = ask(connection, action, drop);
            if (!listed && action instanceof CoreShowChannelsAction && !isClosing() && drop.getCount() > 0) {
                LOG.warn("AMI: gave up asking {}:{} for {} after {} attempts; calls open across the drop that show no "
                        + "sign of life are closed as partial", settings.host(), settings.port(), action.getAction(),
                        RESYNC_ATTEMPTS);
                channelsUnconfirmed.run();
            }
        }
        LOG.info("AMI: asked {}:{} for queue members and channels to resync", settings.host(), settings.port());
    }

    /** Sends a resync action until Asterisk accepts it; false when every attempt failed or the link went. */
    private boolean ask(ManagerConnection connection, ManagerAction action, CountDownLatch drop) {
        for (int attempt = 1; attempt <= RESYNC_ATTEMPTS; attempt++) {
            String error;
            try {
                ManagerResponse response = connection.sendAction(action, ACTION_TIMEOUT_MS);
                if (!(response instanceof ManagerError)) {
                    return true;
                }
                error = "answered " + response.getResponse() + ": " + response.getMessage();
            } catch (IOException | TimeoutException | IllegalStateException e) {
                error = e.toString();
            }
            if (attempt == RESYNC_ATTEMPTS) {
                LOG.warn("AMI: {} after login failed (attempt {} of {}): {}", action.getAction(), attempt,
                        RESYNC_ATTEMPTS, error);
                return false;
            }
            Duration delay = backoff(max(settings.reconnectDelay(), MIN_RESYNC_RETRY), attempt,
                    ThreadLocalRandom.current().nextDouble());
            LOG.warn("AMI: {} after login failed (attempt {} of {}): {}; retrying in {} ms", action.getAction(),
                    attempt, RESYNC_ATTEMPTS, error, delay.toMillis());
            if (await(drop, delay) || isClosing()) {
                return false; // the next login asks again
            }
        }
        return false;
    }

    /** Blocks until the connection drops, a ping goes unanswered, or we are closing. */
    private void watch(ManagerConnection connection, CountDownLatch drop) {
        while (!isClosing() && !await(drop, PING_INTERVAL)) {
            try {
                connection.sendAction(new PingAction(), ACTION_TIMEOUT_MS);
            } catch (IOException | TimeoutException | IllegalStateException e) {
                LOG.warn("AMI: ping to {}:{} failed ({}); reconnecting", settings.host(), settings.port(),
                        e.getMessage());
                return;
            }
        }
        if (!isClosing()) {
            LOG.warn("AMI: connection to {}:{} dropped", settings.host(), settings.port());
        }
    }

    /**
     * Logoff is how Asterisk-Java is told to stop: on a live connection it sends Logoff, on a dropped one
     * it ends the library's own reconnect thread.
     */
    private void end(ManagerConnection connection) {
        ManagerConnectionState state = connection.getState();
        if (state != ManagerConnectionState.CONNECTED && state != ManagerConnectionState.RECONNECTING) {
            return;
        }
        try {
            connection.logoff();
            if (state == ManagerConnectionState.CONNECTED) {
                LOG.info("AMI: logged off from {}:{}", settings.host(), settings.port());
            }
        } catch (RuntimeException e) {
            LOG.debug("AMI: logoff from {}:{} failed", settings.host(), settings.port(), e);
        }
    }

    private DefaultManagerConnection newConnection() {
        var connection = new DefaultManagerConnection(settings.host(), settings.port(), settings.username(),
                settings.secret());
        connection.setSocketTimeout((int) ACTION_TIMEOUT_MS); // connect timeout; the read side stays blocking
        connection.setDefaultResponseTimeout(ACTION_TIMEOUT_MS);
        // Replace the library's classes of events that can carry card data (a keyed-in Digit, a variable a payment
        // IVR read the number into, a dialplan step's expanded arguments), and add MixMonitorMute.
        connection.registerUserEventClass(DigitlessDtmfBeginEvent.class);
        connection.registerUserEventClass(DigitlessDtmfEndEvent.class);
        connection.registerUserEventClass(TrackedVarSetEvent.class);
        connection.registerUserEventClass(DatalessNewExtenEvent.class);
        connection.registerUserEventClass(MixMonitorMuteEvent.class);
        return connection;
    }

    /**
     * The pause before the next attempt: {@code base}, doubling per consecutive failure, capped at
     * {@link #MAX_BACKOFF} (or at {@code base} when that is larger), then "equal jitter": the upper half of
     * that span is drawn at random, so the pause is in [d/2, d).
     *
     * @param random a draw in [0, 1)
     */
    static Duration backoff(Duration base, int failures, double random) {
        Duration cap = base.compareTo(MAX_BACKOFF) > 0 ? base : MAX_BACKOFF;
        Duration delay = base.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 16));
        long millis = (delay.compareTo(cap) > 0 || delay.isNegative() ? cap : delay).toMillis();
        return Duration.ofMillis(millis / 2 + (long) (millis / 2.0 * Math.min(Math.max(random, 0), 1)));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private boolean isClosing() {
        return closing.getCount() == 0;
    }

    private static boolean await(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
