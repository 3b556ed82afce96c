package dev.turnstile.stage.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void returnsTheFirstAcceptedAnswerWithoutLookingAgain() {
        AtomicInteger calls = new AtomicInteger();

        int seen = Poll.until("the third call", calls::incrementAndGet, n -> n == 3, Duration.ofSeconds(10),
                Duration.ofMillis(1));

        assertThat(seen).isEqualTo(3);
        assertThat(calls).hasValue(3);
    }

    @Test
    void returnsTheLastAnswerWhenTheDeadlinePasses() {
        AtomicInteger calls = new AtomicInteger();
        long t0 = System.nanoTime();

        int seen = Poll.until("never", calls::incrementAndGet, n -> false, Duration.ofMillis(200), Duration.ofMillis(20));

        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(seen).isEqualTo(calls.get()).isGreaterThanOrEqualTo(2);
        assertThat(tookMs).isBetween(200L, 5_000L);
    }

    @Test
    void aZeroWaitLooksOnce() {
        AtomicInteger calls = new AtomicInteger();

        assertThat(Poll.until("once", calls::incrementAndGet, n -> false, Duration.ZERO, Duration.ofSeconds(1)))
                .isEqualTo(1);
    }

    @Test
    void anInterruptEndsTheWaitAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Poll.until("an answer", () -> 0, n -> false, Duration.ofSeconds(10),
                    Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessage("interrupted while waiting for an answer");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aZeroIntervalIsRefused() {
        assertThatThrownBy(() -> Poll.until("x", () -> 0, n -> true, Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every > 0");
    }
}
