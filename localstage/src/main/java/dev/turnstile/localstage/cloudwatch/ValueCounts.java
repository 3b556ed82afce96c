package dev.turnstile.localstage.cloudwatch;

import dev.turnstile.stage.stats.Percentiles;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The raw values of one metric in one stretch of time, kept as counts of distinct values: a {@code Count} metric
 * holds one distinct value however many requests it saw, latencies in whole milliseconds a few hundred, so memory
 * follows the spread of the values, not the request rate — and percentiles stay exact (CloudWatch needs the raw
 * values for them too). Not thread-safe: the store guards it.
 */
final class ValueCounts {

    private final Map<Double, long[]> counts = new HashMap<>();
    private long sampleCount;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void add(double value) {
        counts.computeIfAbsent(value, v -> new long[1])[0]++;
        sampleCount++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /** Adds every value of {@code other}. */
    void addAll(ValueCounts other) {
        other.counts.forEach((v, c) -> counts.computeIfAbsent(v, k -> new long[1])[0] += c[0]);
        sampleCount += other.sampleCount;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /** One of the basic statistics: {@code SampleCount}, {@code Average}, {@code Sum}, {@code Minimum}, {@code Maximum}. */
    double basic(String statistic) {
        return switch (statistic) {
            case "SampleCount" -> sampleCount;
            case "Average" -> sum / sampleCount;
            case "Sum" -> sum;
            case "Minimum" -> min;
            case "Maximum" -> max;
            default -> throw new IllegalArgumentException("not a basic statistic: " + statistic);
        };
    }

    /**
     * The nearest-rank percentile ({@link Percentiles#rank}, docs/architecture.md, "Percentiles"): the smallest
     * value with at least {@code p} % of the values at or below it ({@code p0} is the minimum). CloudWatch's own interpolation is not documented (docs/aws-behaviour.md §12).
     */
    double percentile(double p) {
        if (sampleCount == 0) {
            throw new IllegalStateException("no values");
        }
        long rank = Percentiles.rank(p, sampleCount);
        long seen = 0;
        for (Map.Entry<Double, long[]> e : new TreeMap<>(counts).entrySet()) {
            seen += e.getValue()[0];
            if (seen >= rank) {
                return e.getKey();
            }
        }
        return max;
    }
}
