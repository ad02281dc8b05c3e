package org.earshot.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aFullBucketGivesItsCapacityAtOnceThenSaysHowLongToWait() {
        TokenBucket bucket = new TokenBucket(100, 20, T0);
        for (int i = 0; i < 100; i++) {
            assertThat(bucket.take(T0)).isZero();
        }

        assertThat(bucket.take(T0)).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void tokensComeBackAtTheRateButNeverPastTheCapacity() {
        TokenBucket bucket = new TokenBucket(2, 20, T0);
        bucket.take(T0);
        bucket.take(T0);

        assertThat(bucket.take(T0.plusMillis(50))).isZero();
        assertThat(bucket.take(T0.plusMillis(50))).isPositive();

        Instant muchLater = T0.plus(Duration.ofHours(1));
        assertThat(bucket.take(muchLater)).isZero();
        assertThat(bucket.take(muchLater)).isZero();
        assertThat(bucket.take(muchLater)).isPositive();
    }

    @Test
    void aClockThatStepsBackGivesNoTokens() {
        TokenBucket bucket = new TokenBucket(1, 1, T0);
        bucket.take(T0);

        assertThat(bucket.take(T0.minusSeconds(10))).isPositive();
    }
}
