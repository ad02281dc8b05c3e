package org.earshot.telephony;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach Asterisk's Manager Interface.
 *
 * @param host           AMI host name or address
 * @param port           AMI TCP port (Asterisk's default is 5038)
 * @param username       the manager.conf user
 * @param secret         its secret; never logged
 * @param reconnectDelay pause before the first reconnect attempt after a drop or failed login
 */
public record AmiSettings(String host, int port, String username, String secret, Duration reconnectDelay) {

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

    @Override
    public String toString() {
        return "AmiSettings[" + username + "@" + host + ":" + port + "]";
    }
}
