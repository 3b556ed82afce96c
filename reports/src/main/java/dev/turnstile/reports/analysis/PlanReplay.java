package dev.turnstile.reports.analysis;

import dev.turnstile.stage.usageplan.QuotaPeriod;
import dev.turnstile.stage.usageplan.TokenBucket;
import java.util.Objects;

/**
 * Replays arrival times through a usage plan the way the local stage enforces it: the key's token bucket
 * first, then the quota (stage/README.md, "Usage-plan arithmetic": a throttled request does not consume
 * quota, and a request over quota takes no token). Bucket and quota periods are the stage contract's own
 * {@link TokenBucket} and {@link QuotaPeriod}, the ones the local stage enforces with, so a replay predicts exactly
 * what the local stage does (same refill arithmetic, start-full rule, floating-point tolerance and period cuts).
 */
public final class PlanReplay {

    /** Outcome codes in {@link Result#outcomes()}. */
    public static final byte ADMITTED = 0;
    /** Rejected by the token bucket (429 THROTTLED). */
    public static final byte THROTTLED = 1;
    /** Rejected by the quota (429 QUOTA_EXCEEDED). */
    public static final byte QUOTA_EXCEEDED = 2;

    /**
     * A quota to replay; the replay starts every period (including the first one in the window) with the
     * full {@code limit}, because usage before the window is unknown.
     */
    public record Quota(long limit, QuotaPeriod period) {
        public Quota {
            if (limit < 0) {
                throw new IllegalArgumentException("quota limit must be ≥ 0, got " + limit);
            }
            Objects.requireNonNull(period, "period");
        }
    }

    /** Per-arrival outcomes and their totals. */
    public record Result(byte[] outcomes, long admitted, long throttled, long quotaExceeded) {
        /** Share of arrivals rejected (throttled or over quota); 0 when there were none. */
        public double rejectionShare() {
            return outcomes.length == 0 ? 0 : (double) (throttled + quotaExceeded) / outcomes.length;
        }

        /** Rejected arrivals. */
        public long rejected() {
            return throttled + quotaExceeded;
        }
    }

    /**
     * Replays sorted arrival times (epoch ms) through one (rate, burst) bucket and an optional quota.
     *
     * @param arrivals sorted ascending; an unsorted array is refused (buckets cannot run backwards)
     * @param quota    null for no quota
     */
    public Result replay(long[] arrivals, double rateLimit, int burstLimit, Quota quota) {
        if (rateLimit < 0 || Double.isNaN(rateLimit) || burstLimit < 0) {
            throw new IllegalArgumentException("rate and burst must be ≥ 0, got rate=" + rateLimit + " burst=" + burstLimit);
        }
        if (arrivals.length == 0) {
            return new Result(new byte[0], 0, 0, 0);
        }
        TokenBucket bucket = new TokenBucket(rateLimit, burstLimit, arrivals[0]);
        byte[] outcomes = new byte[arrivals.length];
        long admitted = 0;
        long throttled = 0;
        long overQuota = 0;
        long periodEnd = Long.MIN_VALUE;
        long used = 0;
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < arrivals.length; i++) {
            long t = arrivals[i];
            if (t < previous) {
                throw new IllegalArgumentException("arrival times must be sorted; index " + i + " goes back in time");
            }
            previous = t;
            if (!bucket.hasToken(t)) {
                outcomes[i] = THROTTLED;
                throttled++;
                continue;
            }
            if (quota != null) {
                if (t >= periodEnd) {
                    periodEnd = quota.period().end(t);
                    used = 0;
                }
                if (used >= quota.limit()) {
                    // as on the stage: checked after the throttle, and a request over quota takes no token
                    outcomes[i] = QUOTA_EXCEEDED;
                    overQuota++;
                    continue;
                }
                used++;
            }
            bucket.take();
            outcomes[i] = ADMITTED;
            admitted++;
        }
        return new Result(outcomes, admitted, throttled, overQuota);
    }
}
