package dev.turnstile.stage.usageplan;

/**
 * A token bucket as API Gateway throttles with it: size = burst, refilled at {@code rate} tokens per
 * second (fractional refill), starting full, one token per request.
 *
 * <p>Not synchronized: callers hold a lock when a bucket is shared (the usage-plan service locks the buckets
 * of one request in a fixed order so it can take tokens all-or-nothing). Time comes from the caller in epoch
 * milliseconds, so the same class replays recorded arrivals ({@link #replay}) for the capacity report.
 * Allocation-free: three primitive fields and arithmetic.
 */
public final class TokenBucket {

    /** Tolerance for accumulated floating-point refill (e.g. 3 × 0.1 tokens must count as 0.3, not less). */
    private static final double EPSILON = 1e-9;

    private final double rateLimit;
    private final int burstLimit;
    private final double tokensPerMilli;
    private double tokens;
    private long lastRefillMillis;

    /**
     * A full bucket.
     *
     * @param rateLimit   refill in tokens (requests) per second, finite and not negative
     * @param burstLimit  bucket size, not negative
     * @param nowMillis   the instant the bucket starts full, epoch ms
     */
    public TokenBucket(double rateLimit, int burstLimit, long nowMillis) {
        if (!Double.isFinite(rateLimit) || rateLimit < 0) {
            throw new IllegalArgumentException("throttle rateLimit must be a finite number >= 0, got " + rateLimit);
        }
        if (burstLimit < 0) {
            throw new IllegalArgumentException("throttle burstLimit must be >= 0, got " + burstLimit);
        }
        this.rateLimit = rateLimit;
        this.burstLimit = burstLimit;
        this.tokensPerMilli = rateLimit / 1000.0;
        this.tokens = burstLimit;
        this.lastRefillMillis = nowMillis;
    }

    /** Takes one token if one is available at {@code nowMillis}; false (nothing taken) otherwise. */
    public boolean tryAcquire(long nowMillis) {
        if (!hasToken(nowMillis)) {
            return false;
        }
        take();
        return true;
    }

    /** Refills up to {@code nowMillis} and tells whether a whole token is available; takes nothing. */
    public boolean hasToken(long nowMillis) {
        refill(nowMillis);
        return tokens + EPSILON >= 1.0;
    }

    /** Takes one token; call only right after {@link #hasToken} answered true under the same lock. */
    public void take() {
        tokens -= 1.0;
    }

    /** Tokens available after refilling to {@code nowMillis} (fractional). */
    public double tokens(long nowMillis) {
        refill(nowMillis);
        return tokens;
    }

    public double rateLimit() {
        return rateLimit;
    }

    public int burstLimit() {
        return burstLimit;
    }

    private void refill(long nowMillis) {
        long elapsed = nowMillis - lastRefillMillis;
        if (elapsed > 0) {
            tokens = Math.min(burstLimit, tokens + elapsed * tokensPerMilli);
            lastRefillMillis = nowMillis;
        } else if (elapsed < 0) {
            // the stage clock was set backwards: re-anchor without refilling, so no tokens appear from nowhere
            lastRefillMillis = nowMillis;
        }
    }

    /**
     * Replays arrivals through a bucket that is full at the first arrival.
     *
     * @param rateLimit      refill, tokens per second
     * @param burstLimit     bucket size
     * @param arrivalsMillis arrival times in epoch ms, sorted ascending
     * @return how many were admitted and rejected
     */
    public static Replay replay(double rateLimit, int burstLimit, long[] arrivalsMillis) {
        if (arrivalsMillis.length == 0) {
            return new Replay(0, 0);
        }
        TokenBucket bucket = new TokenBucket(rateLimit, burstLimit, arrivalsMillis[0]);
        long admitted = 0;
        long previous = Long.MIN_VALUE;
        for (long arrival : arrivalsMillis) {
            if (arrival < previous) {
                throw new IllegalArgumentException("arrival times must be sorted ascending; " + arrival
                        + " follows " + previous);
            }
            previous = arrival;
            if (bucket.tryAcquire(arrival)) {
                admitted++;
            }
        }
        return new Replay(admitted, arrivalsMillis.length - admitted);
    }

    /**
     * The outcome of {@link #replay}.
     *
     * @param admitted requests that found a token
     * @param rejected requests that would have been answered 429
     */
    public record Replay(long admitted, long rejected) { }
}
