package org.earshot.telephony;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach Asterisk's Manager Interface.
 *
 * @param host           AMI host name or address
 * @param port           AMI TCP port (Asterisk's default is 5038)
 * @param username       the manager.conf user
 * @param secret         its secret; never logged
 * @param reconnectDelay base of the reconnect backoff after a drop or failed login: the n-th pause is drawn
 *                       from the upper half of this delay doubled n-1 times, capped at 5 s (or at this delay
 *                       when it is longer)
 * @param queueLog       Asterisk's {@code queue_log} when it is readable on this machine (e.g.
 *                       {@code /var/log/asterisk/queue_log}), or null: after an AMI drop, the queue calls
 *                       that ended while the link was down are completed from its lines. It need not
 *                       exist at start; it is read only after a reconnect.
 */
public record AmiSettings(String host, int port, String username, String secret, Duration reconnectDelay,
                          Path queueLog) {

    public AmiSettings {
        Objects.requireNonNull(host, "ami-host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("ami-port must be 1-65535, was " + port);
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("ami-user is required when ami-host is set");
        }
        Objects.requireNonNull(secret, "ami-secret");
        Objects.requireNonNull(reconnectDelay, "reconnectDelay");
    }

    /** Settings without a queue_log: calls that end during an AMI drop are reported {@code partial}. */
    public AmiSettings(String host, int port, String username, String secret, Duration reconnectDelay) {
        this(host, port, username, secret, reconnectDelay, null);
    }

    /** The same settings reading this queue_log to fill AMI gaps ({@code null}: none). */
    public AmiSettings withQueueLog(Path queueLog) {
        return new AmiSettings(host, port, username, secret, reconnectDelay, queueLog);
    }

    @Override
    public String toString() {
        return "AmiSettings[" + username + "@" + host + ":" + port + (queueLog == null ? "" : ", queue_log " + queueLog)
                + "]";
    }
}
