package dev.turnstile.stage.usageplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long T0 = 1_790_000_000_000L;

    @Test
    void fullBucketAdmitsBurstThenOneTokenPerTenthOfASecondAtRateTen() {
        TokenBucket bucket = new TokenBucket(10, 20, T0);
        for (int i = 0; i < 20; i++) {
            assertThat(bucket.tryAcquire(T0)).as("request %d at t=0", i + 1).isTrue();
        }
        assertThat(bucket.tryAcquire(T0)).as("21st at t=0").isFalse();
        assertThat(bucket.tryAcquire(T0 + 99)).as("at 99 ms").isFalse();
        assertThat(bucket.tryAcquire(T0 + 100)).as("at 100 ms").isTrue();
        assertThat(bucket.tryAcquire(T0 + 100)).as("second at 100 ms").isFalse();
    }

    @Test
    void fractionalRateRefillsAcrossSeveralSteps() {
        TokenBucket bucket = new TokenBucket(0.5, 1, T0);
        assertThat(bucket.tryAcquire(T0)).isTrue();
        assertThat(bucket.tryAcquire(T0 + 1_000)).isFalse();
        assertThat(bucket.tryAcquire(T0 + 1_999)).isFalse();
        assertThat(bucket.tryAcquire(T0 + 2_000)).isTrue();
    }

    @Test
    void tenRefillsOfATenthMakeOneWholeToken() {
        TokenBucket bucket = new TokenBucket(1, 1, T0);
        assertThat(bucket.tryAcquire(T0)).isTrue();
        for (int i = 1; i < 10; i++) {
            assertThat(bucket.hasToken(T0 + i * 100L)).as("after %d ms", i * 100).isFalse();
        }
        assertThat(bucket.tryAcquire(T0 + 1_000)).isTrue();
    }

    @Test
    void neverHoldsMoreThanBurst() {
        TokenBucket bucket = new TokenBucket(1_000, 3, T0);
        assertThat(bucket.tokens(T0 + 3_600_000)).isEqualTo(3.0);
    }

    @Test
    void hasTokenTakesNothing() {
        TokenBucket bucket = new TokenBucket(0, 1, T0);
        assertThat(bucket.hasToken(T0)).isTrue();
        assertThat(bucket.hasToken(T0)).isTrue();
        bucket.take();
        assertThat(bucket.hasToken(T0)).isFalse();
    }

    @Test
    void zeroBurstRejectsEverything() {
        assertThat(TokenBucket.replay(100, 0, new long[] {T0, T0 + 1_000, T0 + 60_000}))
                .isEqualTo(new TokenBucket.Replay(0, 3));
    }

    @Test
    void clockSetBackwardsAddsNoTokens() {
        TokenBucket bucket = new TokenBucket(1, 1, T0);
        assertThat(bucket.tryAcquire(T0)).isTrue();
        assertThat(bucket.tryAcquire(T0 - 10_000)).isFalse();
        assertThat(bucket.tryAcquire(T0 - 9_001)).isFalse();
        assertThat(bucket.tryAcquire(T0 - 9_000)).isTrue();
    }

    @Test
    void replayCountsAdmittedAndRejected() {
        long[] arrivals = new long[30];
        for (int i = 0; i < 25; i++) {
            arrivals[i] = T0; // 25 at once: 20 fit the burst
        }
        for (int i = 25; i < 30; i++) {
            arrivals[i] = T0 + (i - 24) * 50L; // 50, 100, 150, 200, 250 ms: tokens at 100 and 200 ms
        }
        assertThat(TokenBucket.replay(10, 20, arrivals)).isEqualTo(new TokenBucket.Replay(22, 8));
        assertThat(TokenBucket.replay(10, 20, new long[0])).isEqualTo(new TokenBucket.Replay(0, 0));
    }

    @Test
    void replayRefusesUnsortedArrivals() {
        assertThatThrownBy(() -> TokenBucket.replay(1, 1, new long[] {T0 + 1, T0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arrival times must be sorted ascending; " + T0 + " follows " + (T0 + 1));
    }

    @Test
    void refusesBadSettings() {
        assertThatThrownBy(() -> new TokenBucket(-1, 1, T0)).hasMessage("throttle rateLimit must be a finite number >= 0, got -1.0");
        assertThatThrownBy(() -> new TokenBucket(Double.NaN, 1, T0)).hasMessage("throttle rateLimit must be a finite number >= 0, got NaN");
        assertThatThrownBy(() -> new TokenBucket(1, -1, T0)).hasMessage("throttle burstLimit must be >= 0, got -1");
    }
}
