package dev.turnstile.reports.analysis;

/**
 * One token bucket as the replay sees it: the two steps the local stage's usage-plan service uses, so a
 * request stopped by the quota after the throttle check takes no token (as on the stage). Implemented by the
 * local stage's {@code TokenBucket} through {@link SharedTokenBucket}.
 */
public interface Bucket {

    /** Refills up to {@code nowMillis} (non-decreasing across calls) and tells whether a token is available. */
    boolean hasToken(long nowMillis);

    /** Takes one token; only right after {@link #hasToken} answered true. */
    void take();

    /** Makes a bucket for one (rate, burst) setting. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param rateLimit   steady refill in requests per second
         * @param burstLimit  bucket size
         * @param startMillis the instant the bucket is full (the first arrival)
         */
        Bucket create(double rateLimit, int burstLimit, long startMillis);
    }
}
