package dev.turnstile.reports.analysis;

import java.util.Arrays;

/** Nearest-rank percentiles, so every reported value is one that was actually observed. */
public final class Percentiles {

    private final long[] sorted;
    /** Zeros that come before {@code sorted} (kept as a count, not stored). */
    private final long zeros;

    private Percentiles(long[] sorted, long zeros) {
        this.sorted = sorted;
        this.zeros = zeros;
    }

    /**
     * Percentiles over {@code zeros} zero values plus {@code nonZero}: per-second counts over a long span are
     * mostly zeros, which need not be stored.
     */
    public static Percentiles withZeros(long[] nonZero, long zeros) {
        if (zeros < 0) {
            throw new IllegalArgumentException("zero count must be ≥ 0, got " + zeros);
        }
        long[] copy = nonZero.clone();
        Arrays.sort(copy);
        return new Percentiles(copy, zeros);
    }

    /** Percentiles over a copy of {@code values}. */
    public static Percentiles of(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return new Percentiles(copy, 0);
    }

    /** The nearest-rank percentile {@code p} (0 < p ≤ 100); 0 for an empty set. */
    public long value(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        long size = zeros + sorted.length;
        if (size == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * size));
        return rank <= zeros ? 0 : sorted[(int) (rank - zeros - 1)];
    }

    /** The largest value; 0 for an empty set. */
    public long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }
}
