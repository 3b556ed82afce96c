package dev.turnstile.reports.analysis;

import dev.turnstile.stage.stats.Percentiles;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Finds the smallest usage plan that serves an observed arrival stream, by replaying it through the token
 * bucket:
 * <ol>
 *   <li>rate: the smallest whole rate whose replayed rejection share stays at or under the target when the
 *       bucket is as large as the stream's busiest second (so the rate must carry sustained load and cannot
 *       lean on a bucket that hoards minutes of tokens);</li>
 *   <li>burst: the smallest whole burst that keeps the share at or under the target at that rate, and never
 *       below the rate (a burst below the rate is a misconfiguration);</li>
 *   <li>headroom on both, then the rate is capped at the stage's measured capacity (the knee) if known;</li>
 *   <li>quota: p99 of the complete calendar periods' volumes plus headroom — and none when the window holds no
 *       complete period: the recommendation then says which window would be needed ({@link QuotaWindow}).</li>
 * </ol>
 * Both searches are binary searches: a larger rate or burst never rejects more (token buckets are monotone).
 */
public final class Recommender {

    private final PlanReplay replay;
    private final double targetRejection;
    private final double headroom;

    /**
     * @param targetRejection largest acceptable replayed rejection share, in [0, 1) (default 0.001)
     * @param headroom        fraction added on top of the minimal settings, ≥ 0 (default 0.2)
     */
    public Recommender(PlanReplay replay, double targetRejection, double headroom) {
        if (!(targetRejection >= 0 && targetRejection < 1)) {
            throw new IllegalArgumentException("target rejection share must be in [0, 1), got " + targetRejection);
        }
        if (!(headroom >= 0)) {
            throw new IllegalArgumentException("headroom must be ≥ 0, got " + headroom);
        }
        this.replay = replay;
        this.targetRejection = targetRejection;
        this.headroom = headroom;
    }

    /**
     * A recommendation.
     *
     * @param rawRate          smallest rate meeting the target (before headroom)
     * @param rawBurst         smallest burst meeting the target at {@code rawRate}, not below it (before headroom)
     * @param rateLimit        recommended rate (with headroom, capped by capacity)
     * @param burstLimit       recommended burst (with headroom, not below the rate)
     * @param quotaLimit       recommended quota for {@code quotaPeriod}, or null when the window is too short for one
     * @param quotaPeriod      the period the quota is for
     * @param quotaWindowNeeded why there is no quota and which window would support one; null when there is one
     * @param cappedByCapacity true when the rate was lowered to the stage's capacity knee
     * @param replayedShare    rejection share of the recommended (rate, burst) on the observed stream
     */
    public record Recommendation(long rawRate, long rawBurst, long rateLimit, long burstLimit, Long quotaLimit,
                                 QuotaPeriod quotaPeriod, String quotaWindowNeeded, boolean cappedByCapacity,
                                 double replayedShare) { }

    /** One replayed candidate setting. */
    public record Candidate(double rateLimit, int burstLimit, long rejected, double rejectionShare) { }

    /**
     * Recommends a plan for one key.
     *
     * @param sorted        the key's arrival times (ascending epoch ms), not empty
     * @param stats         statistics of the same arrivals
     * @param quotaPeriod   period of the quota to recommend (the current plan's, or DAY)
     * @param windowFrom    start of the observed window (epoch ms)
     * @param windowTo      end of the observed window (epoch ms, exclusive)
     * @param capacityRps   throughput at the capacity knee, or null when unknown
     */
    public Recommendation recommend(long[] sorted, ArrivalStats stats, QuotaPeriod quotaPeriod, long windowFrom,
                                    long windowTo, Double capacityRps) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no arrivals to recommend a plan from");
        }
        int bigBucket = (int) Math.max(1, stats.peak1s());
        long hi = Math.max(1, stats.peak1s());
        while (!meets(sorted, hi, bigBucket)) {
            hi *= 2;
        }
        long rawRate = smallest(1, hi, r -> meets(sorted, r, bigBucket));
        long rawBurst = smallest(1, bigBucket, b -> meets(sorted, rawRate, (int) b));
        rawBurst = Math.max(rawBurst, rawRate);

        long rate = (long) Math.ceil(rawRate * (1 + headroom) - 1e-9);
        boolean capped = false;
        if (capacityRps != null && rate > capacityRps) {
            rate = Math.max(1, (long) Math.floor(capacityRps));
            capped = true;
        }
        long burst = Math.max((long) Math.ceil(rawBurst * (1 + headroom) - 1e-9), rate);

        List<ArrivalStats.PeriodVolume> volumes = stats.volumes().get(quotaPeriod);
        long[] complete = volumes.stream().filter(ArrivalStats.PeriodVolume::complete)
                .mapToLong(ArrivalStats.PeriodVolume::requests).toArray();
        Long quota = complete.length == 0 ? null
                : (long) Math.ceil(Percentiles.of(complete).value(99) * (1 + headroom) - 1e-9);
        String needed = quota == null ? QuotaWindow.needed(quotaPeriod, windowFrom, windowTo) : null;

        double share = replay.replay(sorted, rate, (int) Math.min(Integer.MAX_VALUE, burst), null).rejectionShare();
        return new Recommendation(rawRate, rawBurst, rate, burst, quota, quotaPeriod, needed, capped, share);
    }

    /**
     * Replays a grid of candidates around the recommendation and the current plan: rates at 0.5–2× the raw
     * rate plus the extra rates given, bursts from the raw burst, the busiest second and the extra bursts given.
     */
    public List<Candidate> candidates(long[] sorted, ArrivalStats stats, Recommendation rec,
                                      List<Double> extraRates, List<Integer> extraBursts) {
        TreeSet<Double> rates = new TreeSet<>(extraRates);
        for (double f : new double[] {0.5, 0.75, 1.0, 1.25, 1.5, 2.0}) {
            rates.add((double) Math.max(1, Math.round(rec.rawRate() * f)));
        }
        rates.add((double) rec.rateLimit());
        TreeSet<Integer> bursts = new TreeSet<>(extraBursts);
        bursts.add((int) rec.rawBurst());
        bursts.add((int) rec.burstLimit());
        bursts.add((int) Math.max(1, stats.peak1s()));
        List<Candidate> out = new ArrayList<>();
        for (int burst : bursts) {
            for (double rate : rates) {
                PlanReplay.Result r = replay.replay(sorted, rate, burst, null);
                out.add(new Candidate(rate, burst, r.rejected(), r.rejectionShare()));
            }
        }
        return out;
    }

    private boolean meets(long[] sorted, long rate, int burst) {
        PlanReplay.Result r = replay.replay(sorted, rate, burst, null);
        return r.rejected() <= targetRejection * sorted.length;
    }

    /** Smallest x in [lo, hi] with ok(x), given ok(hi) and ok monotone. */
    private static long smallest(long lo, long hi, java.util.function.LongPredicate ok) {
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (ok.test(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return hi;
    }
}
