package dev.turnstile.reports.analysis;

import dev.turnstile.stage.usageplan.TokenBucket;

/**
 * Replays use the local stage's own {@link TokenBucket}, so a replay predicts exactly what the local stage
 * enforces (same refill arithmetic, same start-full rule, same floating-point tolerance).
 */
public final class SharedTokenBucket {

    /** Buckets for replays. */
    public static final Bucket.Factory FACTORY = (rate, burst, start) -> {
        TokenBucket bucket = new TokenBucket(rate, burst, start);
        return new Bucket() {
            @Override
            public boolean hasToken(long nowMillis) {
                return bucket.hasToken(nowMillis);
            }

            @Override
            public void take() {
                bucket.take();
            }
        };
    };

    private SharedTokenBucket() {
    }
}
