package dev.turnstile.conformance.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/** {@link MetricReader} over CloudWatch {@code GetMetricData} (all pages), the same call on a deployed or local stage. */
public final class CloudWatchMetricReader implements MetricReader {

    private final CloudWatchClient cloudWatch;

    public CloudWatchMetricReader(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    @Override
    public NavigableMap<Long, Double> read(String namespace, String metric, Map<String, String> dimensions, String stat,
                                           int periodSeconds, long fromMs, long toMs) {
        List<Dimension> dims = new ArrayList<>();
        dimensions.forEach((n, v) -> dims.add(Dimension.builder().name(n).value(v).build()));
        NavigableMap<Long, Double> out = new TreeMap<>();
        cloudWatch.getMetricDataPaginator(r -> r.startTime(Instant.ofEpochMilli(fromMs)).endTime(Instant.ofEpochMilli(toMs))
                        .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                        .metricDataQueries(q -> q.id("m").metricStat(s -> s.period(periodSeconds).stat(stat)
                                .metric(m -> m.namespace(namespace).metricName(metric).dimensions(dims)))))
                .metricDataResults().forEach((MetricDataResult result) -> {
                    for (int i = 0; i < result.timestamps().size(); i++) {
                        out.put(result.timestamps().get(i).toEpochMilli(), result.values().get(i));
                    }
                });
        return out;
    }
}
