package org.earshot.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AmiConnectorTest {

    private static final Duration BASE = Duration.ofMillis(500);
    private static final double LOWEST = 0.0;
    private static final double HIGHEST = Math.nextDown(1.0);

    @Test
    void theRetryDelayDoublesPerFailureAndNeverExceedsFiveSeconds() {
        assertThat(AmiConnector.backoff(BASE, 1, HIGHEST)).isEqualTo(Duration.ofMillis(499));
        assertThat(AmiConnector.backoff(BASE, 2, HIGHEST)).isEqualTo(Duration.ofMillis(999));
        assertThat(AmiConnector.backoff(BASE, 4, HIGHEST)).isEqualTo(Duration.ofMillis(3_999));
        for (int failures = 0; failures <= 1_000; failures++) {
            assertThat(AmiConnector.backoff(BASE, failures, HIGHEST)).isLessThanOrEqualTo(Duration.ofSeconds(5));
        }
        assertThat(AmiConnector.backoff(BASE, 1_000, HIGHEST)).isGreaterThan(Duration.ofMillis(4_990));
    }

    @Test
    void theJitterDrawsTheDelayFromTheUpperHalfOfItsSpan() {
        assertThat(AmiConnector.backoff(BASE, 3, LOWEST)).isEqualTo(Duration.ofMillis(1_000));
        assertThat(AmiConnector.backoff(BASE, 3, 0.5)).isEqualTo(Duration.ofMillis(1_500));
        assertThat(AmiConnector.backoff(BASE, 3, HIGHEST)).isEqualTo(Duration.ofMillis(1_999));
        assertThat(AmiConnector.backoff(BASE, 50, LOWEST)).isEqualTo(Duration.ofMillis(2_500));
    }

    @Test
    void aConfiguredDelayAboveTheCapIsUsedAsTheCap() {
        assertThat(AmiConnector.backoff(Duration.ofSeconds(30), 3, HIGHEST)).isLessThan(Duration.ofSeconds(30))
                .isGreaterThan(Duration.ofSeconds(29));
    }
}
