package dev.turnstile.conformance.crosscheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.conformance.clock.StageTimeline;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.stage.clients.StageClients;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.AuthorizerInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Joins a run's ledger with what the stage recorded: the writer's DynamoDB items (exactly one per 2xx, none
 * otherwise, carrying the run id), the access log (exactly one line per request with the same status), the
 * authorizer functions' logs ({@code START RequestId} lines consistent with the cache TTL) and the CloudWatch
 * metrics of the run's minutes ({@link MetricsCrossCheck}).
 *
 * <p>CloudWatch is eventually consistent on AWS, so log lines are polled until complete or a deadline passes
 * ({@code -Dturnstile.crosscheck.deadline}, ISO-8601 duration; PT2M on AWS, PT10S locally). The log window is the
 * run's span on wall time and, when the local stage clock was moved, also on stage time — a stage may stamp its
 * events with either — and access-log lines are matched by id so the wider window cannot mislead.
 *
 * <p>Every join uses {@link LedgerEntry#joinId()}: API Gateway's extended request id ({@code x-amz-apigw-id}),
 * which no client can choose, never {@code x-amzn-RequestId}, which a client may (docs/aws-behaviour.md §1.1).
 */
public final class CrossCheck {

    /** System property overriding the polling deadline. */
    public static final String DEADLINE_PROPERTY = "turnstile.crosscheck.deadline";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String START_LINE = "START RequestId:";
    /** Grace after the last answer: log lines are written just after the response leaves. */
    private static final long TAIL_MS = 2_000;

    private final StageProfile profile;
    private final ItemLookup items;
    private final LogReader logs;
    private final Duration deadline;
    private final Duration pollInterval;
    private final MetricsCrossCheck metrics;

    /** A cross-check without the metric comparison (for stages or tests without CloudWatch metrics). */
    public CrossCheck(StageProfile profile, ItemLookup items, LogReader logs, Duration deadline, Duration pollInterval) {
        this(profile, items, logs, deadline, pollInterval, null);
    }

    /** A cross-check that also compares the stage's CloudWatch metrics ({@link MetricsCrossCheck}). */
    public CrossCheck(StageProfile profile, ItemLookup items, LogReader logs, Duration deadline, Duration pollInterval,
                      MetricsCrossCheck metrics) {
        this.profile = profile;
        this.items = items;
        this.logs = logs;
        this.deadline = deadline;
        this.pollInterval = pollInterval;
        this.metrics = metrics;
    }

    /** The cross-check of a stage through its SDK clients: DynamoDB items and CloudWatch Logs, polled as fits its kind. */
    public static CrossCheck forStage(StageProfile profile, StageClients clients) {
        return new CrossCheck(profile, new DynamoItemLookup(clients.dynamoDb(), profile.table()),
                new CloudWatchLogReader(clients.logs()), deadlineFor(profile),
                profile.isLocal() ? Duration.ofMillis(200) : Duration.ofSeconds(5),
                MetricsCrossCheck.forStage(profile, clients));
    }

    /** The deadline from {@code -Dturnstile.crosscheck.deadline}, else the default for the stage kind. */
    public static Duration deadlineFor(StageProfile profile) {
        String value = System.getProperty(DEADLINE_PROPERTY);
        if (value == null || value.isBlank()) {
            return profile.isLocal() ? Duration.ofSeconds(10) : Duration.ofMinutes(2);
        }
        try {
            return Duration.parse(value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("-D" + DEADLINE_PROPERTY + " must be an ISO-8601 duration like PT2M, got "
                    + value, e);
        }
    }

    /** Cross-checks {@code entries} (one run's ledger); {@code timeline} maps wall to stage time. */
    public CrossCheckReport run(String runId, List<LedgerEntry> entries, StageTimeline timeline) {
        Map<Integer, Long> statusCounts = entries.stream()
                .collect(Collectors.groupingBy(LedgerEntry::status, TreeMap::new, Collectors.counting()));
        List<LedgerEntry> answered = entries.stream().filter(e -> e.joinId() != null).toList();
        long unreachable = entries.size() - answered.size();

        List<String> missingItems = new ArrayList<>();
        List<String> unexpectedItems = new ArrayList<>();
        List<String> foreignItems = new ArrayList<>();
        Map<String, Boolean> acceptedById = new LinkedHashMap<>();
        // each request's item must carry the run id it was sent with: the entry's own (a merged run of several
        // injectors holds several), or the run's when an entry has none
        Map<String, String> sentRunId = new LinkedHashMap<>();
        answered.forEach(e -> {
            acceptedById.merge(e.joinId(), e.accepted(), Boolean::logicalOr);
            sentRunId.putIfAbsent(e.joinId(), e.runId() == null ? runId : e.runId());
        });
        acceptedById.forEach((id, accepted) -> {
            Optional<String> item = items.runIdOf(id);
            if (accepted && item.isEmpty()) {
                missingItems.add(id);
            } else if (!accepted && item.isPresent()) {
                unexpectedItems.add(id);
            } else if (accepted && !sentRunId.get(id).equals(item.get())) {
                foreignItems.add(id);
            }
        });

        List<Window> windows = windows(answered, timeline);
        long stop = System.nanoTime() + deadline.toNanos();
        AccessLogMatch access;
        while (true) {
            access = matchAccessLogs(answered, windows);
            if (access.complete() || System.nanoTime() >= stop) {
                break;
            }
            pause();
        }
        // Function logs are counted in every window, not only where the access log matched: the local stage stamps
        // access logs on its (advanceable) stage clock but function logs on wall time, as Lambda's own clock keeps
        // running. Both windows end at this run's last answer and the check runs before the next run sends anything.
        List<Window> functionWindows = windows;
        List<CrossCheckReport.AuthorizerCount> authorizers = new ArrayList<>();
        for (AuthorizerInfo authorizer : profile.authorizers()) {
            List<LedgerEntry> guarded = answered.stream().filter(e -> guardedBy(e.route(), authorizer.name())).toList();
            if (guarded.isEmpty()) {
                continue;
            }
            AuthorizerInvocations.Range range = AuthorizerInvocations.expected(guarded, authorizer.ttlSeconds(),
                    timeline::stageTime);
            String group = profile.functionLogGroup(authorizer.function());
            long observed;
            while (true) {
                observed = countStarts(group, functionWindows);
                if (observed >= range.min() || System.nanoTime() >= stop) {
                    break; // more lines can only arrive, never leave: stop once the floor is reached
                }
                pause();
            }
            authorizers.add(new CrossCheckReport.AuthorizerCount(authorizer.name(), group, authorizer.ttlSeconds(),
                    range.min(), range.max(), observed));
        }
        MetricsCheckReport metricReport = metrics == null ? null : metrics.run(entries, timeline);
        return new CrossCheckReport(runId, entries.size(), statusCounts, unreachable, missingItems, unexpectedItems,
                foreignItems, access.missing(), access.duplicate(), access.statusMismatch(), access.unparseable(),
                authorizers, metricReport);
    }

    /** A time window on the axis the stage's log events may use. */
    record Window(long start, long end) { }

    private record AccessLogMatch(List<String> missing, List<String> duplicate, List<String> statusMismatch,
                                  List<String> unparseable) {
        boolean complete() {
            return missing.isEmpty();
        }
    }

    static List<Window> windows(List<LedgerEntry> answered, StageTimeline timeline) {
        if (answered.isEmpty()) {
            return List.of();
        }
        long first = answered.stream().mapToLong(LedgerEntry::timeMs).min().orElseThrow();
        long last = answered.stream().mapToLong(e -> e.timeMs() + e.latencyMs()).max().orElseThrow();
        Set<Window> result = new LinkedHashSet<>();
        result.add(new Window(first, last + TAIL_MS));
        long stageFirst = timeline.stageTime(first);
        long stageLast = timeline.stageTime(last);
        if (stageFirst != first || stageLast != last) {
            result.add(new Window(stageFirst, stageLast + TAIL_MS));
        }
        return List.copyOf(result);
    }

    private AccessLogMatch matchAccessLogs(List<LedgerEntry> answered, List<Window> windows) {
        Map<String, List<Integer>> sentStatuses = new LinkedHashMap<>();
        answered.forEach(e -> sentStatuses.computeIfAbsent(e.joinId(), k -> new ArrayList<>()).add(e.status()));
        Map<String, List<String>> loggedStatuses = new LinkedHashMap<>();
        List<String> unparseable = new ArrayList<>();
        Set<String> seenEvents = new LinkedHashSet<>();
        for (Window w : windows) {
            for (LogEvent event : logs.read(profile.logGroups().access(), w.start(), w.end())) {
                if (!seenEvents.add(event.eventId())) {
                    continue;
                }
                JsonNode line;
                try {
                    line = JSON.readTree(event.message());
                } catch (IOException e) {
                    unparseable.add(event.eventId());
                    continue;
                }
                String id = line == null ? null : accessLogId(line);
                if (id == null || !line.hasNonNull("status")) {
                    unparseable.add(event.eventId());
                    continue;
                }
                if (sentStatuses.containsKey(id)) {
                    loggedStatuses.computeIfAbsent(id, k -> new ArrayList<>()).add(line.get("status").asText());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> duplicate = new ArrayList<>();
        List<String> mismatch = new ArrayList<>();
        sentStatuses.forEach((id, sent) -> {
            List<String> logged = loggedStatuses.getOrDefault(id, List.of());
            if (logged.size() < sent.size()) {
                missing.add(id);
            } else if (logged.size() > sent.size()) {
                duplicate.add(id);
            }
            List<String> expected = sent.stream().map(String::valueOf).sorted().toList();
            List<String> seen = logged.stream().sorted().toList();
            if (logged.size() == sent.size() && !expected.equals(seen)) {
                mismatch.add(id + " (sent " + expected + ", logged " + seen + ")");
            }
        });
        return new AccessLogMatch(missing, duplicate, mismatch, unparseable);
    }

    /** The line's extended request id (the join id), or its request id for a format without one. */
    private static String accessLogId(JsonNode line) {
        JsonNode id = line.hasNonNull("extendedRequestId") ? line.get("extendedRequestId") : line.get("requestId");
        return id == null || id.isNull() ? null : id.asText();
    }

    private long countStarts(String group, List<Window> windows) {
        Set<String> seen = new LinkedHashSet<>();
        long count = 0;
        for (Window w : windows) {
            for (LogEvent event : logs.read(group, w.start(), w.end())) {
                if (seen.add(event.eventId()) && event.message().startsWith(START_LINE)) {
                    count++;
                }
            }
        }
        return count;
    }

    private boolean guardedBy(String route, String authorizerName) {
        int space = route == null ? -1 : route.indexOf(' ');
        if (space < 0) {
            return false;
        }
        return profile.route(route.substring(0, space), route.substring(space + 1))
                .map(r -> authorizerName.equals(r.authorizer())).orElse(false);
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for CloudWatch", e);
        }
    }
}
