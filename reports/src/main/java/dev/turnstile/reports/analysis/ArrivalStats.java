package dev.turnstile.reports.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client actually sends, from sorted arrival times: requests per 1 s bin over the client's active
 * span (first to last arrival, so idle time outside the span does not drag the percentiles to zero), the
 * peak counts in any sliding 1 s and 100 ms window, and volumes per UTC day, week and month.
 *
 * @param requests        number of arrivals
 * @param firstMillis     first arrival (epoch ms; 0 when none)
 * @param lastMillis      last arrival (epoch ms; 0 when none)
 * @param perSecond       requests in each 1 s bin from {@code firstMillis} (bin i = [first + i s, first + (i+1) s))
 * @param p50             nearest-rank p50 of the per-second counts
 * @param p95             p95 of the per-second counts
 * @param p99             p99 of the per-second counts
 * @param maxPerSecond    largest per-second bin
 * @param peak1s          most arrivals in any half-open 1,000 ms window
 * @param peak100ms       most arrivals in any half-open 100 ms window
 * @param volumes         request counts per calendar period, keyed DAY/WEEK/MONTH
 */
public record ArrivalStats(long requests, long firstMillis, long lastMillis, long[] perSecond,
                           long p50, long p95, long p99, long maxPerSecond, long peak1s, long peak100ms,
                           Map<QuotaPeriods, List<PeriodVolume>> volumes) {

    /** Requests in one calendar period; {@code complete} is false when the window covers only part of it. */
    public record PeriodVolume(long startMillis, long requests, boolean complete) { }

    /**
     * Computes the statistics.
     *
     * @param sorted      arrival times ascending (epoch ms)
     * @param windowFrom  start of the observed window (epoch ms), to tell complete periods from partial ones
     * @param windowTo    end of the observed window (epoch ms, exclusive)
     */
    public static ArrivalStats of(long[] sorted, long windowFrom, long windowTo) {
        if (sorted.length == 0) {
            Map<QuotaPeriods, List<PeriodVolume>> none = new LinkedHashMap<>();
            for (QuotaPeriods p : QuotaPeriods.values()) {
                none.put(p, List.of());
            }
            return new ArrivalStats(0, 0, 0, new long[0], 0, 0, 0, 0, 0, 0, none);
        }
        long first = sorted[0];
        long last = sorted[sorted.length - 1];
        long[] bins = new long[(int) ((last - first) / 1000 + 1)];
        for (long t : sorted) {
            bins[(int) ((t - first) / 1000)]++;
        }
        Percentiles pct = Percentiles.of(bins);
        Map<QuotaPeriods, List<PeriodVolume>> volumes = new LinkedHashMap<>();
        for (QuotaPeriods p : QuotaPeriods.values()) {
            volumes.put(p, volumes(sorted, p, windowFrom, windowTo));
        }
        return new ArrivalStats(sorted.length, first, last, bins, pct.value(50), pct.value(95), pct.value(99),
                pct.max(), peak(sorted, 1000), peak(sorted, 100), volumes);
    }

    /** Most arrivals in any window [t, t + widthMillis) — two pointers over the sorted times. */
    static long peak(long[] sorted, long widthMillis) {
        long best = 0;
        int lo = 0;
        for (int hi = 0; hi < sorted.length; hi++) {
            while (sorted[hi] - sorted[lo] >= widthMillis) {
                lo++;
            }
            best = Math.max(best, hi - lo + 1);
        }
        return best;
    }

    private static List<PeriodVolume> volumes(long[] sorted, QuotaPeriods period, long windowFrom, long windowTo) {
        List<PeriodVolume> out = new ArrayList<>();
        long start = Long.MIN_VALUE;
        long count = 0;
        for (long t : sorted) {
            long s = period.start(t);
            if (s != start) {
                if (count > 0) {
                    out.add(new PeriodVolume(start, count, start >= windowFrom && period.end(start) <= windowTo));
                }
                start = s;
                count = 0;
            }
            count++;
        }
        out.add(new PeriodVolume(start, count, start >= windowFrom && period.end(start) <= windowTo));
        return out;
    }
}
