package dev.turnstile.conformance.crosscheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.conformance.clock.ClockState;
import dev.turnstile.conformance.clock.StageTimeline;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.conformance.metrics.MetricReader;
import dev.turnstile.stage.profile.StageProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The metric cross-check: per-minute Count, 4XX/5XX sums, writer Invocations and Throttles against the ledger, the
 * stage's other traffic bounded by its access log and the writer's log; minute boundaries and a moved stage clock.
 */
class MetricsCrossCheckTest {

    private static final String ACCESS = "/turnstile/t/access";
    private static final String WRITER_LOG = "/aws/lambda/t-writer";
    private static final long M = Instant.parse("2026-12-03T16:06:00Z").toEpochMilli();
    private static final Map<String, String> STAGE = Map.of("ApiName", "api-Prod", "Stage", "Prod");
    private static final Map<String, String> WRITER = Map.of("FunctionName", "t-writer");

    /** metric name + dimensions → minute → value. */
    private final Map<String, NavigableMap<Long, Double>> published = new HashMap<>();
    private final Map<String, List<LogEvent>> logs = new HashMap<>();
    private final List<LedgerEntry> ledger = new ArrayList<>();
    private int ids;

    private StageProfile profile(String accessGroup) {
        return new StageProfile("local", "us-east-1", "http://127.0.0.1:1/Prod", "api", "Prod", Map.of(), "t-items",
                new StageProfile.LogGroups(accessGroup, "exec", Map.of("WriterFunction", WRITER_LOG)),
                Map.of("WriterFunction", "t-writer"), List.of(), List.of(), List.of(), null);
    }

    private MetricsCheckReport check(String accessGroup, StageTimeline timeline) {
        MetricReader reader = (namespace, metric, dims, stat, period, from, to) -> {
            assertThat(stat).isEqualTo("Sum");
            return new TreeMap<>(published.getOrDefault(metric + dims, new TreeMap<>()).subMap(from, to));
        };
        LogReader logReader = (group, start, end) -> logs.getOrDefault(group, List.of()).stream()
                .filter(e -> e.timestamp() >= start && e.timestamp() <= end).toList();
        return new MetricsCrossCheck(profile(accessGroup), reader, logReader, () -> "api-Prod",
                new MetricsCrossCheck.Timing(Duration.ZERO, Duration.ofMillis(1), MetricsCrossCheck.AWS_MARGIN))
                .run(ledger, timeline);
    }

    private void publish(String metric, Map<String, String> dims, long minute, double value) {
        published.computeIfAbsent(metric + dims, k -> new TreeMap<>()).merge(minute, value, Double::sum);
    }

    /** A request the run sent at {@code sent} (wall), answered {@code status} after 20 ms, as the stage saw it. */
    private void request(long sent, int status, String errorType) {
        ledger.add(new LedgerEntry("run", "r" + ids, "POST /items", "k", "allow", status, errorType, 20, sent, 0, "t"));
        served(sent + 5, status);
        if (status == 200) {
            log(WRITER_LOG, sent + 8, "START RequestId: w" + ids + " Version: $LATEST\n");
        }
    }

    /** A request the stage served (the run's or anyone's): its access-log line and its metrics. */
    private void served(long arrival, int status) {
        log(ACCESS, arrival + 15, "{\"requestId\":\"x" + ids++ + "\",\"requestTimeEpoch\":\"" + arrival
                + "\",\"status\":\"" + status + "\"}");
        long minute = Math.floorDiv(arrival, 60_000) * 60_000;
        publish("Count", STAGE, minute, 1);
        publish("4XXError", STAGE, minute, status >= 400 && status < 500 ? 1 : 0);
        publish("5XXError", STAGE, minute, status >= 500 ? 1 : 0);
    }

    private void log(String group, long time, String message) {
        logs.computeIfAbsent(group, g -> new ArrayList<>()).add(new LogEvent("e" + ids++, time, message));
    }

    private void invocations(long minute, double n) {
        publish("Invocations", WRITER, minute, n);
    }

    @Test
    void metricsThatAgreeWithTheLedgerAndTheLogsPass() {
        request(M + 10_000, 200, null);
        request(M + 11_000, 200, null);
        request(M + 12_000, 429, "TooManyRequestsException");
        served(M + 30_000, 403); // another class's request in the same minute
        log(WRITER_LOG, M + 2_000, "START RequestId: warm Version: $LATEST\n"); // a warm-up invocation
        invocations(M, 3);

        MetricsCheckReport report = check(ACCESS, new StageTimeline());

        assertThat(report.failures()).isEmpty();
        assertThat(report.checks()).extracting(MetricsCheckReport.Check::metric, MetricsCheckReport.Check::observed,
                MetricsCheckReport.Check::expectedMin, MetricsCheckReport.Check::expectedMax).containsExactly(
                org.assertj.core.groups.Tuple.tuple("AWS/ApiGateway Count", 4.0, 4L, 4L),
                org.assertj.core.groups.Tuple.tuple("AWS/ApiGateway 4XXError", 2.0, 2L, 2L),
                org.assertj.core.groups.Tuple.tuple("AWS/ApiGateway 5XXError", 0.0, 0L, 0L),
                org.assertj.core.groups.Tuple.tuple("AWS/Lambda Invocations (t-writer)", 3.0, 3L, 3L),
                org.assertj.core.groups.Tuple.tuple("AWS/Lambda Throttles (t-writer)", 0.0, 0L, 0L));
        assertThat(report.summary()).startsWith("metrics PASS (ApiName api-Prod): Count per minute 16:06Z 4 in [4, 4], "
                + "4XXError 2 in [2, 2], 5XXError 0 in [0, 0], Invocations (t-writer) 3 in [3, 3], Throttles (t-writer) 0");
    }

    @Test
    void aDisagreementNamesTheMetricTheMinuteAndBothFigures() {
        request(M + 10_000, 200, null);
        publish("Count", STAGE, M, 1); // one request too many in CloudWatch
        invocations(M, 1);

        assertThat(check(ACCESS, new StageTimeline()).failures()).containsExactly(
                "metric AWS/ApiGateway Count at 2026-12-03T16:06Z: CloudWatch 2, expected 1 "
                        + "(this run's ledger 1, the access log 1)");
    }

    @Test
    void fewerInvocationsThanAcceptedRequestsFails() {
        request(M + 10_000, 200, null);
        request(M + 20_000, 200, null);
        invocations(M, 1);

        assertThat(check(ACCESS, new StageTimeline()).failures()).containsExactly(
                "metric AWS/Lambda Invocations (t-writer) at 2026-12-03T16:06Z: CloudWatch 1, expected 2 "
                        + "(this run's accepted requests 2, START lines in the writer's log 2)");
    }

    @Test
    void aRequestAtAMinuteBoundaryMayCountInEitherMinute() {
        request(M + 59_990, 200, null); // arrives 16:06:59.995 — CloudWatch puts it in 16:06
        invocations(M + 60_000, 1);     // its invocation starts in 16:07

        MetricsCheckReport report = check(ACCESS, new StageTimeline());

        assertThat(report.failures()).isEmpty();
        assertThat(report.checks()).filteredOn(c -> c.metric().endsWith("Count"))
                .extracting(MetricsCheckReport.Check::window, MetricsCheckReport.Check::expectedMin,
                        MetricsCheckReport.Check::expectedMax)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-12-03T16:06Z", 0L, 1L),
                        org.assertj.core.groups.Tuple.tuple("2026-12-03T16:07Z", 0L, 1L));
    }

    @Test
    void withoutAnAccessLogTheRunIsTakenToBeTheOnlyTraffic() {
        request(M + 10_000, 200, null);
        publish("Count", STAGE, M, 1); // someone else's request: without an access log it cannot be told apart
        invocations(M, 1);

        MetricsCheckReport report = check(null, new StageTimeline());

        assertThat(report.notes()).containsExactly("the stage has no access log: the run is taken to be its only traffic");
        assertThat(report.failures()).containsExactly("metric AWS/ApiGateway Count at 2026-12-03T16:06Z: CloudWatch 2, "
                + "expected 1 (this run's ledger 1)");
    }

    @Test
    void aMovedStageClockPutsGatewayMetricsOnStageTimeAndLambdaOnWallTime() {
        long wall = M + 10_000;
        long shift = 301_000; // a test expired the authorizer cache
        StageTimeline timeline = new StageTimeline();
        timeline.observe(wall - 1_000, new ClockState(wall - 1_000 + shift, null, false));
        ledger.add(new LedgerEntry("run", "a", "POST /items", "k", "allow", 200, null, 20, wall, 0, "t"));
        served(wall + shift + 5, 200);
        log(WRITER_LOG, wall + 8, "START RequestId: w Version: $LATEST\n");
        invocations(M, 1);

        MetricsCheckReport report = check(ACCESS, timeline);

        assertThat(report.failures()).isEmpty();
        assertThat(report.checks().get(0).window()).isEqualTo("2026-12-03T16:11Z");
    }

    @Test
    void aRunWithNoAnswersHasNothingToCompare() {
        ledger.add(new LedgerEntry("run", null, "POST /items", "k", "allow", 0, null, 20, M, 0, "t"));

        assertThat(check(ACCESS, new StageTimeline()).notes()).containsExactly("no answered request to compare");
    }
}
