package dev.turnstile.conformance.metrics;

import java.util.Map;
import java.util.NavigableMap;

/** Reads one CloudWatch metric as a time series (CloudWatch {@code GetMetricData}, or an in-memory double). */
public interface MetricReader {

    /**
     * One statistic of a metric per period.
     *
     * @param namespace  e.g. {@code AWS/ApiGateway}
     * @param metric     e.g. {@code Count}
     * @param dimensions the metric's exact dimensions
     * @param stat       {@code Sum}, {@code Maximum}, {@code p99} …
     * @param periodSeconds the period (60 for the per-minute series every AWS service publishes)
     * @param fromMs     first period start, inclusive (epoch ms, rounded down to the minute by CloudWatch)
     * @param toMs       end, exclusive
     * @return period start (epoch ms) → value, ascending; periods without data are absent
     */
    NavigableMap<Long, Double> read(String namespace, String metric, Map<String, String> dimensions, String stat,
                                    int periodSeconds, long fromMs, long toMs);
}
