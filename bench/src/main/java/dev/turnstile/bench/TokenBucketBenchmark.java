package dev.turnstile.bench;

import dev.turnstile.stage.usageplan.TokenBucket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The token bucket's hot path: one acquisition per request on the throttled path (bucket empty, so every
 * call is a rejection) and on the admitted path (time advances enough to refill). Run with
 * {@code -prof gc} to see the allocation rate, which must stay at ~0 B/op.
 */
@State(Scope.Thread)
public class TokenBucketBenchmark extends HotPathBenchmark {

    private TokenBucket empty;
    private TokenBucket refilling;
    private long now;

    @Setup
    public void setUp() {
        empty = new TokenBucket(10, 20, 0);
        for (int i = 0; i < 20; i++) {
            empty.tryAcquire(0);
        }
        refilling = new TokenBucket(1_000_000, 1, 0);
        now = 0;
    }

    /** Throttled path: the bucket is empty and time stands still. */
    @Benchmark
    public boolean throttled() {
        return empty.tryAcquire(0);
    }

    /** Admitted path: each call moves time 1 ms forward, refilling a token. */
    @Benchmark
    public boolean admitted() {
        now++;
        return refilling.tryAcquire(now);
    }

    /** Replay of 10,000 arrivals (1 ms apart) under rate 500 / burst 100, as the capacity report does. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public TokenBucket.Replay replay10k() {
        return TokenBucket.replay(500, 100, Arrivals.EVERY_MS_10K);
    }

    /** Precomputed arrival streams. */
    static final class Arrivals {
        static final long[] EVERY_MS_10K = new long[10_000];

        static {
            for (int i = 0; i < EVERY_MS_10K.length; i++) {
                EVERY_MS_10K[i] = i;
            }
        }

        private Arrivals() {
        }
    }
}
