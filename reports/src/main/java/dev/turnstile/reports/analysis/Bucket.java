package dev.turnstile.reports.analysis;

/**
 * One token bucket as the replay sees it. The replay codes against this so that it runs the very
 * algorithm the local stage enforces ({@code dev.turnstile.localstage.usageplan.TokenBucket}).
 */
public interface Bucket {

    /** Takes one token at {@code nowMillis} (non-decreasing across calls); false when the bucket is empty. */
    boolean tryAcquire(long nowMillis);

    /** Makes a bucket for one (rate, burst) setting. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param rateLimit  steady refill in requests per second
         * @param burstLimit bucket size (the bucket starts full)
         */
        Bucket create(double rateLimit, int burstLimit);
    }
}
