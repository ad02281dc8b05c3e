package org.earshot.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.earshot.telephony.AmiSettings;
import org.junit.jupiter.api.Test;

class AmiConnectorTest {

    @Test
    void theRetryDelayDoublesPerFailureUpToAMinute() {
        var connector = new AmiConnector(new AmiSettings("127.0.0.1", 5038, "u", "s", Duration.ofSeconds(2)), e -> { });

        assertThat(connector.backoff(0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(connector.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(connector.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(connector.backoff(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(connector.backoff(6)).isEqualTo(Duration.ofMinutes(1));
        assertThat(connector.backoff(1_000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aConfiguredDelayAboveAMinuteIsUsedAsIs() {
        var connector = new AmiConnector(new AmiSettings("127.0.0.1", 5038, "u", "s", Duration.ofMinutes(5)), e -> { });

        assertThat(connector.backoff(3)).isEqualTo(Duration.ofMinutes(5));
    }
}
