package dev.turnstile.conformance.crosscheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.conformance.clock.StageTimeline;
import dev.turnstile.conformance.crosscheck.MetricsCheckReport.Check;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.conformance.ledger.LedgerSource;
import dev.turnstile.conformance.metrics.CloudWatchMetricReader;
import dev.turnstile.conformance.metrics.MetricReader;
import dev.turnstile.conformance.metrics.StageApiName;
import dev.turnstile.stage.clients.StageClients;
import dev.turnstile.stage.profile.StageProfile;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Supplier;

/**
 * Compares the CloudWatch metrics of a run's minutes with what its ledger sent (docs/aws-behaviour.md §8.6):
 * <ul>
 *   <li>{@code AWS/ApiGateway Count} per minute, {@code 4XXError} and {@code 5XXError} summed over the run's minutes,
 *       dimensions {@code ApiName, Stage}, on the stage's clock (where its access log is);</li>
 *   <li>{@code AWS/Lambda Invocations} of the writer against the accepted requests, and its {@code Throttles}, on
 *       Lambda's clock (where its function log is).</li>
 * </ul>
 * Metrics count every request the stage served, the run's and anyone else's in the same minutes (another test
 * class, a warm-up, a direct invocation). So the ledger gives the floor and the stage's own records of all its
 * traffic — access-log lines by {@code requestTimeEpoch}, {@code START} lines of the writer's log — give the ceiling;
 * when the run was the only traffic both meet and the comparison is exact. Without an access log the run is taken
 * to be the only traffic, and the report says so. Counts, never request ids, are compared, so the check holds
 * whichever id the ledger joins on.
 *
 * <p>A request is placed in a minute only when its whole answer interval, widened by a margin for clock reading error
 * and skew ({@link #LOCAL_MARGIN}, {@link #AWS_MARGIN}), lies in that minute; otherwise it may count in either of the minutes it touches. The stage
 * clock a test moved is followed through the run's {@link StageTimeline}. On AWS metrics arrive minutes late: the
 * check polls until it holds or the cross-check deadline passes.
 *
 * @param profile the stage
 * @param metrics where the metrics are read
 * @param logs    where the access log and the writer's log are read
 * @param apiName the {@code ApiName} dimension, asked for once per run (on AWS a {@code GetRestApis} call)
 * @param timing  the deadline, poll interval and timestamp margin
 */
public record MetricsCrossCheck(StageProfile profile, MetricReader metrics, LogReader logs, Supplier<String> apiName,
                                Timing timing) {

    /** How far a timestamp may be off between the client and a deployed stage (clock skew). */
    public static final Duration AWS_MARGIN = Duration.ofSeconds(1);
    /** On the local stage: only the error of reading its clock, the client and the stage share a machine. */
    public static final Duration LOCAL_MARGIN = Duration.ofMillis(100);
    /** Access-log events are stamped when the answer is ready; the slowest answer is the 29 s integration timeout. */
    private static final long ANSWER_TAIL_MS = 35_000;
    private static final long MINUTE = 60_000;
    private static final String WRITER = "WriterFunction";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How long to wait for metrics and how far timestamps may disagree.
     *
     * @param deadline     poll until the metrics agree or this has passed (the cross-check deadline)
     * @param pollInterval between reads
     * @param margin       how far a client's and the stage's timestamps may disagree
     */
    public record Timing(Duration deadline, Duration pollInterval, Duration margin) { }

    /** The check through a stage's SDK clients: CloudWatch metrics, CloudWatch Logs, the API Gateway control plane. */
    public static MetricsCrossCheck forStage(StageProfile profile, StageClients clients) {
        return new MetricsCrossCheck(profile, new CloudWatchMetricReader(clients.cloudWatch()),
                CloudWatchLogReader.forStage(profile, clients.logs()), () -> StageApiName.of(clients.apiGateway(), profile.restApiId()),
                new Timing(CrossCheck.deadlineFor(profile),
                        profile.isLocal() ? Duration.ofMillis(200) : Duration.ofSeconds(10),
                        profile.isLocal() ? LOCAL_MARGIN : AWS_MARGIN));
    }

    /** Checks the metrics of {@code entries} (one run's ledger); {@code timeline} maps wall to stage time. */
    public MetricsCheckReport run(List<LedgerEntry> entries, StageTimeline timeline) {
        return run(LedgerSource.of(entries), timeline);
    }

    /** The same check over a ledger streamed once: per-minute counts, never the entries. */
    public MetricsCheckReport run(LedgerSource entries, StageTimeline timeline) {
        Ledger ledger = new Ledger(timeline, marginMs());
        entries.forEach(ledger::add);
        if (ledger.answered == 0) {
            return new MetricsCheckReport(null, List.of(), List.of("no answered request to compare"), null);
        }
        String name;
        try {
            name = apiName.get();
        } catch (RuntimeException e) {
            return new MetricsCheckReport(null, List.of(), List.of(), "cannot name the API: " + e.getMessage());
        }
        long stop = System.nanoTime() + timing.deadline().toNanos();
        while (true) {
            MetricsCheckReport report;
            try {
                report = compare(name, ledger);
            } catch (RuntimeException e) {
                report = new MetricsCheckReport(name, List.of(), List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (report.failures().isEmpty() || System.nanoTime() >= stop) {
                return report;
            }
            pause();
        }
    }

    // ---- what the ledger and the logs say -----------------------------------------------------------------------

    /**
     * Time intervals (already widened by the margin), counted as certainly inside a window or touching it. Windows
     * are whole minutes, so an interval is kept only as the pair (minute of its start, minute of its end): a few
     * counters a minute, whatever the number of requests.
     */
    private static final class Intervals {
        /** (start minute, end minute) → intervals. */
        private final Map<Long, Map<Long, Long>> byMinutes = new HashMap<>();
        private final long margin;

        Intervals(long margin) {
            this.margin = margin;
        }

        void add(long from, long to) {
            byMinutes.computeIfAbsent(floorMinute(from - margin), k -> new HashMap<>())
                    .merge(floorMinute(to + margin), 1L, Long::sum);
        }

        /** Intervals inside the minute-aligned window {@code [from, to)}. */
        long certainIn(long from, long to) {
            return count((a, b) -> a >= from && b < to);
        }

        /** Intervals that touch the minute-aligned window {@code [from, to)}. */
        long touching(long from, long to) {
            return count((a, b) -> b >= from && a < to);
        }

        private long count(java.util.function.BiPredicate<Long, Long> which) {
            long n = 0;
            for (Map.Entry<Long, Map<Long, Long>> a : byMinutes.entrySet()) {
                for (Map.Entry<Long, Long> b : a.getValue().entrySet()) {
                    if (which.test(a.getKey(), b.getKey())) {
                        n += b.getValue();
                    }
                }
            }
            return n;
        }

        long from() {
            return byMinutes.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        }

        long to() {
            return byMinutes.values().stream().flatMap(m -> m.keySet().stream()).mapToLong(Long::longValue).max()
                    .orElseThrow() + MINUTE;
        }
    }

    /** The run's requests: on the stage's axis for API Gateway, on wall time for Lambda. */
    private static final class Ledger {
        final StageTimeline timeline;
        final Intervals gateway;
        final Intervals wall;
        long answered;
        long accepted;
        long clientErrors;
        long serverErrors;
        /** 500 InternalServerErrorException: what a Lambda throttle looks like to the client (docs/aws-behaviour.md §1.2). */
        long lambdaThrottled;

        Ledger(StageTimeline timeline, long margin) {
            this.timeline = timeline;
            gateway = new Intervals(margin);
            wall = new Intervals(margin);
        }

        void add(LedgerEntry e) {
            if (e.status() == 0) {
                return;
            }
            answered++;
            gateway.add(timeline.stageTime(e.timeMs()), timeline.stageTime(e.timeMs() + e.latencyMs()));
            wall.add(e.timeMs(), e.timeMs() + e.latencyMs());
            if (e.accepted()) {
                accepted++;
            }
            if (e.status() >= 400 && e.status() < 500) {
                clientErrors++;
            } else if (e.status() >= 500 && e.status() < 600) {
                serverErrors++;
            }
            if (e.status() == 500 && "InternalServerErrorException".equals(e.errorType())) {
                lambdaThrottled++;
            }
        }
    }

    /** The stage's own record of every request it served: access-log lines by {@code requestTimeEpoch}. */
    private record AccessLog(Intervals all, Intervals clientErrors, Intervals serverErrors, Intervals status500) { }

    // ---- the comparison --------------------------------------------------------------------------------------------

    private MetricsCheckReport compare(String name, Ledger ledger) {
        List<Check> checks = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, String> stage = Map.of("ApiName", name, "Stage", profile.stageName());
        long from = ledger.gateway.from();
        long to = ledger.gateway.to();
        AccessLog access = accessLog(from, to);
        if (access == null) {
            notes.add("the stage has no access log: the run is taken to be its only traffic");
        }

        NavigableMap<Long, Double> count = metrics.read("AWS/ApiGateway", "Count", stage, "Sum", 60, from, to);
        for (long m = from; m < to; m += MINUTE) {
            long runCertain = ledger.gateway.certainIn(m, m + MINUTE);
            long runPossible = ledger.gateway.touching(m, m + MINUTE);
            if (runPossible == 0 && count.getOrDefault(m, 0.0) == 0) {
                continue; // a gap in the run: nothing sent, nothing published
            }
            long min = access == null ? runCertain : Math.max(runCertain, access.all().certainIn(m, m + MINUTE));
            long max = access == null ? runPossible : access.all().touching(m, m + MINUTE);
            checks.add(new Check("AWS/ApiGateway Count", minute(m), count.getOrDefault(m, 0.0), min, max,
                    "this run's ledger " + range(runCertain, runPossible) + (access == null ? ""
                            : ", the access log " + range(access.all().certainIn(m, m + MINUTE), max))));
        }
        String span = span(from, to);
        checks.add(sum("AWS/ApiGateway 4XXError", span, total(metrics.read("AWS/ApiGateway", "4XXError", stage, "Sum", 60,
                from, to)), ledger.clientErrors, access == null ? null : access.clientErrors(), from, to));
        checks.add(sum("AWS/ApiGateway 5XXError", span, total(metrics.read("AWS/ApiGateway", "5XXError", stage, "Sum", 60,
                from, to)), ledger.serverErrors, access == null ? null : access.serverErrors(), from, to));

        if (!profile.functions().containsKey(WRITER)) {
            notes.add("the stage profile names no " + WRITER + ": Lambda metrics not compared");
        } else {
            lambda(ledger, access == null ? null : access.status500(), from, to, checks);
        }
        return new MetricsCheckReport(name, checks, notes, null);
    }

    private void lambda(Ledger ledger, Intervals status500, long stageFrom, long stageTo, List<Check> checks) {
        String function = profile.functionName(WRITER);
        Map<String, String> dims = Map.of("FunctionName", function);
        long from = ledger.wall.from();
        long to = ledger.wall.to();
        String span = span(from, to);
        Intervals starts = new Intervals(marginMs());
        logs.forEach(profile.functionLogGroup(WRITER), from - marginMs(), to + marginMs(), e -> {
            if (e.message().startsWith("START RequestId:")) {
                starts.add(e.timestamp(), e.timestamp());
            }
        });
        long startsCertain = starts.certainIn(from, to);
        long startsPossible = starts.touching(from, to);
        double invocations = total(metrics.read("AWS/Lambda", "Invocations", dims, "Sum", 60, from, to));
        checks.add(new Check("AWS/Lambda Invocations (" + function + ")", span, invocations,
                Math.max(ledger.accepted, startsCertain), Math.max(ledger.accepted, startsPossible),
                "this run's accepted requests " + ledger.accepted + ", START lines in the writer's log "
                        + range(startsCertain, startsPossible)));
        double throttles = total(metrics.read("AWS/Lambda", "Throttles", dims, "Sum", 60, from, to));
        long most = status500 == null ? ledger.lambdaThrottled
                : Math.max(ledger.lambdaThrottled, status500.touching(stageFrom, stageTo));
        checks.add(new Check("AWS/Lambda Throttles (" + function + ")", span, throttles, ledger.lambdaThrottled, most,
                "this run's 500 InternalServerErrorException " + ledger.lambdaThrottled
                        + (status500 == null ? "" : ", 500s in the access log " + most)));
    }

    private static Check sum(String metric, String span, double observed, long runCount, Intervals access, long from,
                             long to) {
        if (access == null) {
            return new Check(metric, span, observed, runCount, runCount, "this run's ledger " + runCount);
        }
        long certain = access.certainIn(from, to);
        long possible = access.touching(from, to);
        return new Check(metric, span, observed, Math.max(runCount, certain), Math.max(runCount, possible),
                "this run's ledger " + runCount + ", the access log " + range(certain, possible));
    }

    /** Access-log lines placed at their {@code requestTimeEpoch}; null when the stage has no access log. */
    private AccessLog accessLog(long from, long to) {
        String group = profile.logGroups().access();
        if (group == null) {
            return null;
        }
        AccessLog access = new AccessLog(new Intervals(marginMs()), new Intervals(marginMs()), new Intervals(marginMs()),
                new Intervals(marginMs()));
        logs.forEach(group, from - marginMs(), to + ANSWER_TAIL_MS, e -> {
            JsonNode line;
            try {
                line = JSON.readTree(e.message());
            } catch (IOException notJson) {
                return; // the access-log check reports lines that are not the contract's JSON
            }
            if (line == null || !line.isObject()) {
                return;
            }
            long arrival = line.path("requestTimeEpoch").asLong(e.timestamp());
            int status = line.path("status").asInt(0);
            access.all().add(arrival, arrival);
            if (status >= 400 && status < 500) {
                access.clientErrors().add(arrival, arrival);
            } else if (status >= 500 && status < 600) {
                access.serverErrors().add(arrival, arrival);
            }
            if (status == 500) {
                access.status500().add(arrival, arrival);
            }
        });
        return access;
    }

    private static double total(NavigableMap<Long, Double> series) {
        return series.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static String range(long min, long max) {
        return min == max ? Long.toString(min) : min + ".." + max;
    }

    private static long floorMinute(long millis) {
        return Math.floorDiv(millis, MINUTE) * MINUTE;
    }

    private static String span(long from, long to) {
        return to - from == MINUTE ? minute(from) : minute(from) + ".." + minute(to - MINUTE);
    }

    private static String minute(long millis) {
        return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.MINUTES).toString().replace(":00Z", "Z");
    }

    private long marginMs() {
        return timing.margin().toMillis();
    }

    private void pause() {
        try {
            Thread.sleep(timing.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for CloudWatch metrics", e);
        }
    }
}
