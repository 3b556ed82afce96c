package dev.turnstile.reports.model;

import dev.turnstile.reports.analysis.Recommender;
import dev.turnstile.reports.input.CapacityStep;
import dev.turnstile.reports.input.RunVerdict;
import java.util.List;
import java.util.Map;

/**
 * Everything the capacity report states, as written to {@code capacity-report.json} and rendered into the
 * HTML and Markdown. Key ids are masked to their last 4 characters; key values never appear.
 *
 * @param generatedAt ISO-8601 instant the report was made
 * @param from        window start (ISO-8601, inclusive)
 * @param to          window end (ISO-8601, exclusive)
 * @param stage       {@code restApiId/stageName} of the stage
 * @param source      where arrivals came from: {@code access-log} or {@code ledger}
 * @param settings    the tuning targets used
 * @param plans       the stage's usage plans as configured
 * @param keys        one analysis per API key seen in the window
 * @param capacity    the Capacity simulation's curve and knee (null when no run had capacity steps)
 * @param runs        run folders read
 * @param findings    misconfigurations and disagreements, most severe first
 * @param metrics     the stage's CloudWatch metrics per period over the window (null when none could be read)
 * @param metricsRecommendation the stage-wide plan recommended from the metrics alone (null unless the report had
 *                    no access log to recommend per key from)
 */
public record CapacityReportData(String generatedAt, String from, String to, String stage, String source,
                                 Settings settings, List<PlanSummary> plans, List<KeyReport> keys,
                                 Capacity capacity, List<RunSummary> runs, List<Finding> findings,
                                 Metrics metrics, MetricsRecommendation metricsRecommendation) {

    private static final List<String> SEVERITIES = List.of("error", "warning", "info");

    /** This report with the metric part and its findings added (findings kept most severe first). */
    public CapacityReportData withMetrics(Metrics m, MetricsRecommendation recommendation, List<Finding> more) {
        List<Finding> all = new java.util.ArrayList<>(findings);
        all.addAll(more);
        all.sort(java.util.Comparator.comparingInt(f -> SEVERITIES.indexOf(f.severity())));
        return new CapacityReportData(generatedAt, from, to, stage, source, settings, plans, keys, capacity, runs,
                List.copyOf(all), m, recommendation);
    }

    /**
     * The stage's {@code AWS/ApiGateway} metrics ({@code ApiName}, {@code Stage}) per period, from the first period
     * with requests to the last; arrays are aligned, a null latency is a period without one.
     *
     * @param apiName              the {@code ApiName} dimension read
     * @param periodSeconds        the period (60 unless the window needs more than 1,440 of them)
     * @param startMillis          start of the first period
     * @param count                {@code Count} Sum
     * @param clientErrors         {@code 4XXError} Sum
     * @param serverErrors         {@code 5XXError} Sum
     * @param latencyP50           {@code Latency} p50 (ms)
     * @param latencyP90           {@code Latency} p90 (ms)
     * @param latencyP99           {@code Latency} p99 (ms)
     * @param integrationLatencyP99 {@code IntegrationLatency} p99 (ms)
     */
    public record Metrics(String apiName, int periodSeconds, long startMillis, long[] count, long[] clientErrors,
                          long[] serverErrors, Double[] latencyP50, Double[] latencyP90, Double[] latencyP99,
                          Double[] integrationLatencyP99) {

        /** Requests in the whole series. */
        public long requests() {
            return java.util.Arrays.stream(count).sum();
        }
    }

    /**
     * A stage-wide plan from CloudWatch metrics alone, for stages without access logs: the busiest period's
     * {@code Count} as a rate, no burst (a period of a minute hides it), and a quota only from complete calendar
     * periods.
     *
     * @param busiestPeriod      start of the period with most requests (ISO-8601)
     * @param busiestRequests    its {@code Count}
     * @param rateLimit          recommended rate (req/s, with headroom): the busiest period's mean rate
     * @param quotaLimit         recommended quota, or null when the window holds no complete {@code quotaPeriod}
     * @param quotaPeriod        the quota's period
     * @param quotaWindowNeeded  why there is no quota and which window would support one; null when there is one
     * @param note               what the figures cover and what they cannot say
     */
    public record MetricsRecommendation(String busiestPeriod, long busiestRequests, long rateLimit, Long quotaLimit,
                                        String quotaPeriod, String quotaWindowNeeded, String note) { }

    /** Tuning targets: rejection share target, headroom, knee latency threshold. */
    public record Settings(double targetRejection, double headroom, double latencyThresholdMs) { }

    /** A usage plan as configured; {@code keyIds} masked. Throttle and quota fields are null when unset. */
    public record PlanSummary(String id, String name, Double rateLimit, Integer burstLimit, Long quotaLimit,
                              String quotaPeriod, Integer quotaOffset, List<String> keyIds) { }

    /**
     * One API key's traffic, replay and recommendation.
     *
     * @param keyId          masked key id
     * @param keyName        key name from the profile (null for a key the profile does not know)
     * @param planId         the key's usage plan id (null when none)
     * @param planName       the plan name
     * @param traffic        what the key sent (all routes)
     * @param routes         per route
     * @param observed       what the stage did (admitted / throttled / quota-rejected)
     * @param currentPlan    the current plan replayed over the same arrivals, against the observed 429s
     * @param candidates     rejection share per candidate (rate, burst)
     * @param recommendation the recommended plan
     * @param series         time series for the charts
     */
    public record KeyReport(String keyId, String keyName, String planId, String planName, Traffic traffic,
                            List<RouteTraffic> routes, Outcomes observed, ReplayCheck currentPlan,
                            List<Recommender.Candidate> candidates, Recommender.Recommendation recommendation,
                            Series series) { }

    /**
     * Arrival statistics (per-second bins over the active span).
     *
     * @param volumes request counts per UTC period, keyed DAY/WEEK/MONTH
     */
    public record Traffic(long requests, String firstArrival, String lastArrival, long p50PerSecond,
                          long p95PerSecond, long p99PerSecond, long maxPerSecond, long peak1s, long peak100ms,
                          Map<String, List<Volume>> volumes) { }

    /** Requests in one UTC calendar period; {@code complete} false when the window covers part of it. */
    public record Volume(String periodStart, long requests, boolean complete) { }

    /** Traffic of one route of a key. */
    public record RouteTraffic(String route, Traffic traffic) { }

    /** Counts by usage-plan outcome. */
    public record Outcomes(long admitted, long throttled, long quotaExceeded) { }

    /**
     * The current plan replayed over the observed arrivals.
     *
     * @param replayed  what the replay predicts
     * @param observed  what the stage answered
     * @param agrees    throttled and over-quota counts each within the tolerance (1 % of the key's metered
     *                  requests, at least 1)
     */
    public record ReplayCheck(double rateLimit, int burstLimit, Long quotaLimit, String quotaPeriod,
                              Outcomes replayed, Outcomes observed, boolean agrees) { }

    /**
     * Chart series over the key's active span, in bins of {@code binSeconds}.
     *
     * @param arrivalsPeakPerSecond the busiest 1 s inside each bin
     * @param admitted              admitted requests per bin
     * @param throttled             throttled per bin
     * @param quotaExceeded         quota-rejected per bin
     */
    public record Series(long startMillis, int binSeconds, long[] arrivalsPeakPerSecond, long[] admitted,
                         long[] throttled, long[] quotaExceeded) { }

    /** The throughput-versus-latency curve and its knee (null when no step qualifies). */
    public record Capacity(double latencyThresholdMs, List<CapacityStep> steps, CapacityStep knee, String fromRun) { }

    /** One run folder that was read. */
    public record RunSummary(String runId, long ledgerEntries, List<RunVerdict> verdicts, int capacitySteps) { }

    /** A misconfiguration or disagreement; severity {@code error}, {@code warning} or {@code info}. */
    public record Finding(String severity, String code, String subject, String message) { }
}
