package dev.turnstile.localstage.cloudwatch;

import java.util.Objects;

/**
 * One raw value published to a metric, as AWS services publish them: {@code Count} 1 per request, {@code 4XXError}
 * 0 or 1, {@code Latency} in milliseconds (docs/aws-behaviour.md §8).
 *
 * @param key   the metric
 * @param unit  the CloudWatch unit ({@code Count}, {@code Milliseconds})
 * @param value the value
 */
public record MetricDatum(MetricKey key, String unit, double value) {

    /** CloudWatch's unit for counts. */
    public static final String COUNT = "Count";
    /** CloudWatch's unit for latencies and durations. */
    public static final String MILLISECONDS = "Milliseconds";

    public MetricDatum {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric value must be finite, got " + value + " for " + key);
        }
    }
}
