package org.earshot.telephony.ami;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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
import org.earshot.telephony.AmiSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one logged-in AMI connection alive from its own thread: connect, log in, watch, and after a
 * refused connection, failed login or drop, wait with exponential backoff and start over.
 *
 * <p>Each attempt uses a fresh Asterisk-Java connection. Asterisk-Java's own reconnect loop (50 ms then
 * 5 s forever, giving up on a bad password) is switched off by logging the dropped connection off, so
 * there is one retry policy and it is ours. The secret goes to Asterisk-Java only, never to a log line.
 */
public final class AmiConnector implements AutoCloseable {

    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    /** A ping every so often notices a half-open TCP connection that would otherwise look idle forever. */
    static final Duration PING_INTERVAL = Duration.ofSeconds(30);
    private static final long ACTION_TIMEOUT_MS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(AmiConnector.class);

    private final AmiSettings settings;
    private final ManagerEventListener listener;
    private final Thread thread;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile CountDownLatch currentDrop = new CountDownLatch(1);
    private volatile boolean connected;

    /** {@code listener} receives every AMI event, on Asterisk-Java's reader thread. */
    public AmiConnector(AmiSettings settings, ManagerEventListener listener) {
        this.settings = settings;
        this.listener = listener;
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
            Duration delay = backoff(failures);
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
            LOG.info("AMI: logged in to {}:{} ({}, {})", settings.host(), settings.port(),
                    connection.getProtocolIdentifier(), connection.getVersion());
            resync(connection);
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
            connection.removeEventListener(listener);
            connection.removeEventListener(dropWatch);
            end(connection);
        }
        return loggedIn;
    }

    /**
     * Asks Asterisk for the state we may have missed: queue members and waiting callers (agent and queue
     * boards) and the channels that are up (calls in progress across a drop). The answers arrive as ordinary
     * events through the listener.
     */
    private void resync(ManagerConnection connection) {
        for (ManagerAction action : new ManagerAction[] {new QueueStatusAction(), new CoreShowChannelsAction()}) {
            try {
                connection.sendAction(action, ACTION_TIMEOUT_MS);
            } catch (IOException | TimeoutException | IllegalStateException e) {
                LOG.warn("AMI: {} after login failed: {}", action.getAction(), e.getMessage());
            }
        }
        LOG.info("AMI: asked {}:{} for queue members and channels to resync", settings.host(), settings.port());
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
        return connection;
    }

    /** reconnectDelay, doubling per consecutive failure, capped at a minute (or the delay if larger). */
    Duration backoff(int failures) {
        Duration base = settings.reconnectDelay();
        Duration cap = base.compareTo(MAX_BACKOFF) > 0 ? base : MAX_BACKOFF;
        Duration delay = base.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 16));
        return delay.compareTo(cap) > 0 || delay.isNegative() ? cap : delay;
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
