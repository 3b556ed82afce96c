package dev.turnstile.stage.stats;

import java.util.Arrays;

/**
 * Nearest-rank percentiles, the one definition every Turnstile figure uses (capacity steps, capacity reports, the
 * local stage's CloudWatch statistics): percentile {@code p} of {@code n} values is the value of rank
 * {@code ⌈p / 100 × n⌉} (at least 1) in ascending order, so every reported figure is one that was observed and the
 * same ledger always gives the same figure. Gatling's HTML report estimates its percentiles with a t-digest and
 * interpolates, so on small samples its p99 may lie between two observed values (docs/architecture.md, "Percentiles").
 */
public final class Percentiles {

    /** Absorbs the binary error of {@code p / 100 × n} (99.9 % of 1,000 must be rank 999, not 1,000). */
    private static final double EPSILON = 1e-9;

    private final long[] sorted;
    /** Zeros that come before {@code sorted} (kept as a count, not stored). */
    private final long zeros;

    private Percentiles(long[] sorted, long zeros) {
        this.sorted = sorted;
        this.zeros = zeros;
    }

    /** Percentiles over a copy of {@code values}. */
    public static Percentiles of(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return new Percentiles(copy, 0);
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

    /**
     * The 1-based rank of percentile {@code p} (0 ≤ p ≤ 100) among {@code count} ascending values:
     * {@code max(1, ⌈p / 100 × count⌉)}; {@code p = 0} is the minimum, {@code p = 100} the maximum.
     */
    public static long rank(double p, long count) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        if (count <= 0) {
            throw new IllegalArgumentException("no values to take a percentile of (count " + count + ")");
        }
        return Math.min(count, Math.max(1, (long) Math.ceil(p / 100.0 * count - EPSILON)));
    }

    /** The nearest-rank percentile {@code p} (0 ≤ p ≤ 100); 0 for an empty set. */
    public long value(double p) {
        long size = zeros + sorted.length;
        if (size == 0) {
            rank(p, 1); // still refuses a p out of range
            return 0;
        }
        long rank = rank(p, size);
        return rank <= zeros ? 0 : sorted[(int) (rank - zeros - 1)];
    }

    /** How many values (zeros included). */
    public long count() {
        return zeros + sorted.length;
    }

    /** The largest value; 0 for an empty set. */
    public long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }
}
