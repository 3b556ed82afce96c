package dev.turnstile.reports.input;

import dev.turnstile.conformance.metrics.CloudWatchMetricReader;
import dev.turnstile.conformance.metrics.MetricReader;
import dev.turnstile.conformance.metrics.StageApiName;
import dev.turnstile.reports.model.CapacityReportData.Metrics;
import dev.turnstile.stage.clients.StageClients;
import dev.turnstile.stage.profile.StageProfile;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeSet;

/**
 * Reads a stage's {@code AWS/ApiGateway} metrics for a report window — Count, 4XXError, 5XXError, Latency p50/p90/p99,
 * IntegrationLatency p99 under {@code ApiName, Stage} — through CloudWatch (docs/aws-behaviour.md §8): the same
 * source whether the stage is local or deployed, and the only one a team without access logs has.
 *
 * @param reader    where the series come from
 * @param apiName   the {@code ApiName} dimension
 * @param stageName the {@code Stage} dimension
 */
public record StageMetrics(MetricReader reader, String apiName, String stageName) {

    /** Most periods a chart gets; longer windows get longer periods (multiples of a minute). */
    static final int MAX_PERIODS = 1440;
    private static final String NAMESPACE = "AWS/ApiGateway";

    /** Whether a profile says where CloudWatch is: a deployed stage (the SDK's endpoint) or {@code endpoints.cloudwatch}. */
    public static boolean available(StageProfile profile) {
        return !profile.isLocal() || profile.endpoint("cloudwatch").isPresent();
    }

    /** The stage's metrics through {@code clients} ({@code ApiName} looked up with {@code GetRestApis}). */
    public static StageMetrics of(StageProfile profile, StageClients clients) {
        return new StageMetrics(new CloudWatchMetricReader(clients.cloudWatch()),
                StageApiName.of(clients.apiGateway(), profile.restApiId()), profile.stageName());
    }

    /** The period a window is read in: a minute, or the smallest whole number of minutes giving at most 1,440 periods. */
    static int periodSeconds(Instant from, Instant to) {
        long seconds = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
        long minutes = (seconds + MAX_PERIODS * 60L - 1) / (MAX_PERIODS * 60L);
        return (int) Math.max(60, minutes * 60);
    }

    /** The series over {@code [from, to)}, or null when the stage served no request in it. */
    public Metrics read(Instant from, Instant to) {
        int period = periodSeconds(from, to);
        long start = Math.floorDiv(from.toEpochMilli(), 60_000L) * 60_000L;
        long end = to.toEpochMilli();
        Map<String, String> dims = Map.of("ApiName", apiName, "Stage", stageName);
        NavigableMap<Long, Double> count = reader.read(NAMESPACE, "Count", dims, "Sum", period, start, end);
        if (count.isEmpty()) {
            return null;
        }
        NavigableMap<Long, Double> e4 = reader.read(NAMESPACE, "4XXError", dims, "Sum", period, start, end);
        NavigableMap<Long, Double> e5 = reader.read(NAMESPACE, "5XXError", dims, "Sum", period, start, end);
        NavigableMap<Long, Double> p50 = reader.read(NAMESPACE, "Latency", dims, "p50", period, start, end);
        NavigableMap<Long, Double> p90 = reader.read(NAMESPACE, "Latency", dims, "p90", period, start, end);
        NavigableMap<Long, Double> p99 = reader.read(NAMESPACE, "Latency", dims, "p99", period, start, end);
        NavigableMap<Long, Double> i99 = reader.read(NAMESPACE, "IntegrationLatency", dims, "p99", period, start, end);
        TreeSet<Long> times = new TreeSet<>(count.keySet());
        long first = times.first();
        long periodMillis = period * 1000L;
        int n = (int) ((times.last() - first) / periodMillis) + 1;
        long[] c = new long[n];
        long[] c4 = new long[n];
        long[] c5 = new long[n];
        Double[] l50 = new Double[n];
        Double[] l90 = new Double[n];
        Double[] l99 = new Double[n];
        Double[] int99 = new Double[n];
        for (int i = 0; i < n; i++) {
            long t = first + i * periodMillis;
            c[i] = Math.round(count.getOrDefault(t, 0.0));
            c4[i] = Math.round(e4.getOrDefault(t, 0.0));
            c5[i] = Math.round(e5.getOrDefault(t, 0.0));
            l50[i] = p50.get(t);
            l90[i] = p90.get(t);
            l99[i] = p99.get(t);
            int99[i] = i99.get(t);
        }
        return new Metrics(apiName, period, first, c, c4, c5, l50, l90, l99, int99);
    }
}
