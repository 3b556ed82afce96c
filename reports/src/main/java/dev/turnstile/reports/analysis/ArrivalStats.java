package dev.turnstile.reports.analysis;

import dev.turnstile.stage.stats.Percentiles;
import dev.turnstile.stage.usageplan.QuotaPeriod;
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
 * @param activeSeconds   1 s bins from the first arrival to the last (bin i = [first + i s, first + (i+1) s))
 * @param p50             nearest-rank p50 of the per-second counts
 * @param p95             p95 of the per-second counts
 * @param p99             p99 of the per-second counts
 * @param maxPerSecond    largest per-second bin
 * @param peak1s          most arrivals in any half-open 1,000 ms window
 * @param peak100ms       most arrivals in any half-open 100 ms window
 * @param volumes         request counts per calendar period, keyed DAY/WEEK/MONTH
 */
public record ArrivalStats(long requests, long firstMillis, long lastMillis, long activeSeconds,
                           long p50, long p95, long p99, long maxPerSecond, long peak1s, long peak100ms,
                           Map<QuotaPeriod, List<PeriodVolume>> volumes) {

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
            Map<QuotaPeriod, List<PeriodVolume>> none = new LinkedHashMap<>();
            for (QuotaPeriod p : QuotaPeriod.values()) {
                none.put(p, List.of());
            }
            return new ArrivalStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, none);
        }
        long first = sorted[0];
        long last = sorted[sorted.length - 1];
        long seconds = (last - first) / 1000 + 1;
        // only the busy seconds are stored: a month-long span would otherwise be millions of mostly-zero bins
        long[] busy = busySeconds(sorted, first);
        Percentiles pct = Percentiles.withZeros(busy, seconds - busy.length);
        Map<QuotaPeriod, List<PeriodVolume>> volumes = new LinkedHashMap<>();
        for (QuotaPeriod p : QuotaPeriod.values()) {
            volumes.put(p, volumes(sorted, p, windowFrom, windowTo));
        }
        return new ArrivalStats(sorted.length, first, last, seconds, pct.value(50), pct.value(95), pct.value(99),
                pct.max(), peak(sorted, 1000), peak(sorted, 100), volumes);
    }

    /** Counts of the non-empty 1 s bins from {@code first}, in time order. */
    private static long[] busySeconds(long[] sorted, long first) {
        long[] counts = new long[sorted.length];
        int n = 0;
        long current = Long.MIN_VALUE;
        for (long t : sorted) {
            long bin = (t - first) / 1000;
            if (bin != current) {
                current = bin;
                n++;
            }
            counts[n - 1]++;
        }
        return java.util.Arrays.copyOf(counts, n);
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

    private static List<PeriodVolume> volumes(long[] sorted, QuotaPeriod period, long windowFrom, long windowTo) {
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
