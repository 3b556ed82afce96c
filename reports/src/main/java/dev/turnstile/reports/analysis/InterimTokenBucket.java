package dev.turnstile.reports.analysis;

/**
 * Stand-in for the local stage's {@code TokenBucket} until it lands in main (then this class is deleted and
 * {@link Bucket.Factory} points at the shared one). Same contract: size = burst, refill = rate per second,
 * starts full, one token per request.
 */
final class InterimTokenBucket implements Bucket {

    private final double ratePerMilli;
    private final double capacity;
    private double tokens;
    private long last = Long.MIN_VALUE;

    InterimTokenBucket(double rateLimit, int burstLimit) {
        this.ratePerMilli = rateLimit / 1000.0;
        this.capacity = burstLimit;
        this.tokens = burstLimit;
    }

    @Override
    public boolean tryAcquire(long nowMillis) {
        if (last != Long.MIN_VALUE && nowMillis > last) {
            tokens = Math.min(capacity, tokens + (nowMillis - last) * ratePerMilli);
        }
        if (last == Long.MIN_VALUE || nowMillis > last) {
            last = nowMillis;
        }
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }
}
