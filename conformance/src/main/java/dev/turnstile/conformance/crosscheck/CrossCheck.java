package dev.turnstile.conformance.crosscheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.conformance.clock.StageTimeline;
import dev.turnstile.conformance.ledger.KeyTable;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.conformance.ledger.LedgerSource;
import dev.turnstile.stage.clients.StageClients;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.profile.StageProfile.AuthorizerInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

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
    /** Offending ids named per kind of mismatch; the report counts the rest. */
    public static final int FIRST_IDS = 20;
    /** Item batches looked up at once. */
    static final int IN_FLIGHT = 4;
    /**
     * {@code -Dturnstile.crosscheck.items}: {@code batch} (BatchGetItem, the default on AWS) or {@code scan} (the
     * default on the local stage).
     */
    public static final String ITEMS_PROPERTY = "turnstile.crosscheck.items";

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
        return new CrossCheck(profile, itemsFor(profile, clients),
                CloudWatchLogReader.forStage(profile, clients.logs()), deadlineFor(profile),
                profile.isLocal() ? Duration.ofMillis(200) : Duration.ofSeconds(5),
                MetricsCrossCheck.forStage(profile, clients));
    }

    /**
     * How the run's items are checked (bench/README.md, "BatchGetItem or Scan"): on the local stage by a parallel
     * {@code Scan} of the run's items (its table holds little besides this machine's runs: 12 calls and 4.3 s against
     * 1,000 calls and 17 s for 100k requests); on AWS by {@code BatchGetItem} of 100 keys, whose cost follows the
     * run, where a scan's follows the table's whole history. {@code -Dturnstile.crosscheck.items} chooses.
     */
    static ItemLookup itemsFor(StageProfile profile, StageClients clients) {
        String mode = System.getProperty(ITEMS_PROPERTY, profile.isLocal() ? "scan" : "batch").trim();
        return switch (mode) {
            case "batch" -> new DynamoItemLookup(clients.dynamoDb(), profile.table());
            case "scan" -> new DynamoItemScan(clients.dynamoDb(), profile.table());
            default -> throw new IllegalArgumentException("-D" + ITEMS_PROPERTY + " must be batch or scan, got " + mode);
        };
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
        return run(runId, LedgerSource.of(entries), timeline);
    }

    /**
     * Cross-checks a run's ledger as it streams by: one pass keeps per request id a {@link KeyTable} slot (sends,
     * statuses, item found, access-log lines) and per authorizer identity its arrival times, while the items are
     * asked for in batches ({@link ItemLookup#batchSize()}, several batches in flight) or read by one scan of the
     * run's items ({@link RunItems}); the access log is then read page by page. Only the first
     * {@link #FIRST_IDS} offending ids of each kind are named (a second pass finds them, only when something failed);
     * the report counts all of them.
     */
    public CrossCheckReport run(String runId, LedgerSource entries, StageTimeline timeline) {
        Pass pass = new Pass(runId, timeline);
        try {
            entries.forEach(pass::add);
            pass.lookups.finish();
        } finally {
            pass.lookups.close();
        }
        if (items instanceof RunItems scan && !pass.runIds.isEmpty()) {
            scan.forEachItem(pass.runIds, pass::itemFound);
        }

        List<Window> windows = pass.windows();
        long stop = System.nanoTime() + deadline.toNanos();
        while (true) {
            pass.clearAccessLog();
            for (Window w : windows) {
                logs.forEach(profile.logGroups().access(), w.start(), w.end(), pass::accessLine);
            }
            if (pass.accessLogComplete() || System.nanoTime() >= stop) {
                break;
            }
            pause();
        }
        // Function logs are counted in every window, not only where the access log matched: the local stage stamps
        // access logs on its (advanceable) stage clock but function logs on wall time, as Lambda's own clock keeps
        // running. Both windows end at this run's last answer and the check runs before the next run sends anything.
        List<CrossCheckReport.AuthorizerCount> authorizers = new ArrayList<>();
        for (AuthorizerInfo authorizer : profile.authorizers()) {
            AuthorizerInvocations.Tally tally = pass.authorizers.get(authorizer.name());
            if (tally == null || !pass.guarded.contains(authorizer.name())) {
                continue;
            }
            AuthorizerInvocations.Range range = tally.range();
            String group = profile.functionLogGroup(authorizer.function());
            long observed;
            while (true) {
                observed = countStarts(group, windows);
                if (observed >= range.min() || System.nanoTime() >= stop) {
                    break; // more lines can only arrive, never leave: stop once the floor is reached
                }
                pause();
            }
            authorizers.add(new CrossCheckReport.AuthorizerCount(authorizer.name(), group, authorizer.ttlSeconds(),
                    range.min(), range.max(), observed));
        }
        MetricsCheckReport metricReport = metrics == null ? null : metrics.run(entries, timeline);
        return pass.report(entries, authorizers, metricReport);
    }

    /** A time window on the axis the stage's log events may use. */
    record Window(long start, long end) { }

    // packed per-request facts in a KeyTable value
    private static final long SENT = 1L;                 // bits 0-7: sends (saturating)
    private static final long LOGGED = 1L << 8;          // bits 8-15: access-log lines (saturating)
    private static final long ACCEPTED = 1L << 16;
    private static final long ITEM = 1L << 17;
    private static final long FOREIGN = 1L << 18;
    private static final long MULTI = 1L << 19;          // sent more than once: statuses kept aside
    private static final int SENT_STATUS_SHIFT = 20;     // bits 20-29: the status of the first send
    private static final int LOGGED_STATUS_SHIFT = 30;   // bits 30-39: the status of the first access-log line
    private static final int RUN_SHIFT = 40;             // bits 40-55: index of the run id the request was sent with
    private static final long STATUS_MASK = 0x3FF;
    private static final long NOT_A_STATUS = STATUS_MASK;

    private static int sends(long v) {
        return (int) (v & 0xFF);
    }

    private static int lines(long v) {
        return (int) ((v >>> 8) & 0xFF);
    }

    private static long saturatingAdd(long v, long unit, int shift) {
        return ((v >>> shift) & 0xFF) == 0xFF ? v : v + unit;
    }

    /** One cross-check's aggregates. */
    private final class Pass {
        final String runId;
        final StageTimeline timeline;
        final KeyTable table = new KeyTable(1 << 16);
        final Map<Integer, Long> statusCounts = new TreeMap<>();
        final List<String> runIds = new ArrayList<>();
        final Map<String, Integer> runIndex = new HashMap<>();
        final Map<String, Optional<String>> routeAuthorizer = new HashMap<>();
        final Map<String, AuthorizerInvocations.Tally> authorizers = new LinkedHashMap<>();
        final Set<String> guarded = new LinkedHashSet<>();
        /** Sent and logged statuses of ids sent more than once, by key. */
        final Map<Long, List<Integer>> multiSent = new HashMap<>();
        final Map<Long, List<String>> multiLogged = new HashMap<>();
        final Lookups lookups = new Lookups(this);
        long requests;
        long unreachable;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long unparseableTotal;
        final List<String> unparseable = new ArrayList<>();

        Pass(String runId, StageTimeline timeline) {
            this.runId = runId;
            this.timeline = timeline;
        }

        void add(LedgerEntry e) {
            requests++;
            statusCounts.merge(e.status(), 1L, Long::sum);
            String id = e.joinId();
            if (id == null) {
                unreachable++;
                return;
            }
            first = Math.min(first, e.timeMs());
            last = Math.max(last, e.timeMs() + e.latencyMs());
            String sentRun = e.runId() == null ? runId : e.runId();
            long key = KeyTable.hash(id);
            boolean firstSend;
            synchronized (table) {
                long old = table.get(key, 0);
                firstSend = old == 0;
                long v;
                if (firstSend) {
                    v = SENT | (e.accepted() ? ACCEPTED : 0) | ((long) (e.status() & STATUS_MASK) << SENT_STATUS_SHIFT)
                            | ((long) runIndex(sentRun) << RUN_SHIFT);
                } else {
                    v = saturatingAdd(old, SENT, 0) | (e.accepted() ? ACCEPTED : 0) | MULTI;
                    multiSent.computeIfAbsent(key, k -> new ArrayList<>(List.of(
                            (int) ((old >>> SENT_STATUS_SHIFT) & STATUS_MASK)))).add(e.status());
                }
                table.put(key, v);
            }
            if (firstSend && !(items instanceof RunItems)) {
                lookups.add(id, sentRun);
            }
            Optional<String> authorizer = routeAuthorizer.computeIfAbsent(e.route() == null ? "" : e.route(),
                    CrossCheck.this::authorizerOf);
            if (authorizer.isPresent()) {
                guarded.add(authorizer.get());
                authorizers.computeIfAbsent(authorizer.get(), name -> new AuthorizerInvocations.Tally(
                        ttlOf(name), timeline::stageTime)).add(e);
            }
        }

        int runIndex(String run) {
            Integer index = runIndex.get(run);
            if (index == null) {
                if (runIds.size() == 0xFFFF) {
                    throw new IllegalArgumentException("a cross-check takes at most 65,535 run ids");
                }
                index = runIds.size();
                runIds.add(run);
                runIndex.put(run, index);
            }
            return index;
        }

        /** An item found for {@code id} (by a lookup or a scan): present, and foreign unless its run id is the sent one. */
        void itemFound(String id, String itemRunId) {
            long key = KeyTable.hash(id);
            synchronized (table) {
                long v = table.get(key, 0);
                if (v == 0) {
                    return; // a scan's item of this run that no ledger entry names
                }
                String sent = runIds.get((int) ((v >>> RUN_SHIFT) & 0xFFFF));
                table.put(key, v | ITEM | (sent.equals(itemRunId) ? 0 : FOREIGN));
            }
        }

        List<Window> windows() {
            if (first == Long.MAX_VALUE) {
                return List.of();
            }
            Window wall = new Window(first, last + TAIL_MS);
            long stageFirst = timeline.stageTime(first);
            long stageLast = timeline.stageTime(last);
            if (stageFirst == first && stageLast == last) {
                return List.of(wall);
            }
            Window stage = new Window(stageFirst, stageLast + TAIL_MS);
            // disjoint, so that no event is read twice: one window when they overlap
            if (stage.start() <= wall.end() + 1 && wall.start() <= stage.end() + 1) {
                return List.of(new Window(Math.min(wall.start(), stage.start()), Math.max(wall.end(), stage.end())));
            }
            return wall.start() < stage.start() ? List.of(wall, stage) : List.of(stage, wall);
        }

        void clearAccessLog() {
            table.forEach((key, v) -> {
                if (lines(v) != 0) {
                    table.put(key, v & ~(0xFFL << 8) & ~(STATUS_MASK << LOGGED_STATUS_SHIFT));
                }
            });
            multiLogged.clear();
            unparseable.clear();
            unparseableTotal = 0;
        }

        void accessLine(LogEvent event) {
            JsonNode line;
            try {
                line = JSON.readTree(event.message());
            } catch (IOException e) {
                unparseable(event);
                return;
            }
            String id = line == null ? null : accessLogId(line);
            if (id == null || !line.hasNonNull("status")) {
                unparseable(event);
                return;
            }
            long key = KeyTable.hash(id);
            String status = line.get("status").asText();
            synchronized (table) {
                long v = table.get(key, 0);
                if (v == 0) {
                    return; // another run's request
                }
                if ((v & MULTI) != 0) {
                    multiLogged.computeIfAbsent(key, k -> new ArrayList<>()).add(status);
                }
                if (lines(v) == 0) {
                    v |= statusBits(status) << LOGGED_STATUS_SHIFT;
                }
                table.put(key, saturatingAdd(v, LOGGED, 8));
            }
        }

        private void unparseable(LogEvent event) {
            unparseableTotal++;
            if (unparseable.size() < FIRST_IDS) {
                unparseable.add(event.eventId());
            }
        }

        boolean accessLogComplete() {
            boolean[] complete = {true};
            table.forEach((key, v) -> {
                if (lines(v) < sends(v)) {
                    complete[0] = false;
                }
            });
            return complete[0];
        }

        /** The offending kinds of one request id. */
        private int offences(long key, long v) {
            int kinds = 0;
            boolean accepted = (v & ACCEPTED) != 0;
            boolean item = (v & ITEM) != 0;
            if (accepted && !item) {
                kinds |= 1;
            } else if (!accepted && item) {
                kinds |= 2;
            } else if (accepted && (v & FOREIGN) != 0) {
                kinds |= 4;
            }
            if (lines(v) < sends(v)) {
                kinds |= 8;
            } else if (lines(v) > sends(v)) {
                kinds |= 16;
            }
            if (lines(v) == sends(v) && !statusesMatch(key, v)) {
                kinds |= 32;
            }
            return kinds;
        }

        private boolean statusesMatch(long key, long v) {
            if ((v & MULTI) == 0) {
                return ((v >>> SENT_STATUS_SHIFT) & STATUS_MASK) == ((v >>> LOGGED_STATUS_SHIFT) & STATUS_MASK);
            }
            return sentSorted(key).equals(loggedSorted(key));
        }

        private List<String> sentSorted(long key) {
            return multiSent.get(key).stream().map(String::valueOf).sorted().toList();
        }

        private List<String> loggedSorted(long key) {
            return multiLogged.getOrDefault(key, List.of()).stream().sorted().toList();
        }

        CrossCheckReport report(LedgerSource entries, List<CrossCheckReport.AuthorizerCount> authorizerCounts,
                                MetricsCheckReport metricReport) {
            long[] totals = new long[6];
            table.forEach((key, v) -> {
                int kinds = offences(key, v);
                for (int k = 0; k < 6; k++) {
                    if ((kinds & (1 << k)) != 0) {
                        totals[k]++;
                    }
                }
            });
            List<List<String>> named = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                named.add(new ArrayList<>());
            }
            if (Arrays.stream(totals).anyMatch(t -> t > 0)) {
                // the second pass: the first offending ids of each kind, in ledger order
                Set<Long> done = new HashSet<>();
                entries.forEach(e -> {
                    String id = e.joinId();
                    if (id == null) {
                        return;
                    }
                    long key = KeyTable.hash(id);
                    long v = table.get(key, 0);
                    int kinds = offences(key, v);
                    if (kinds == 0 || !done.add(key)) {
                        return;
                    }
                    for (int k = 0; k < 6; k++) {
                        if ((kinds & (1 << k)) != 0 && named.get(k).size() < FIRST_IDS) {
                            named.get(k).add(k == 5 ? mismatch(id, key, v) : id);
                        }
                    }
                });
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            String[] names = {"missingItems", "unexpectedItems", "foreignItems", "missingAccessLogs",
                    "duplicateAccessLogs", "accessLogStatusMismatch"};
            for (int k = 0; k < 6; k++) {
                if (totals[k] > named.get(k).size()) {
                    counts.put(names[k], totals[k]);
                }
            }
            if (unparseableTotal > unparseable.size()) {
                counts.put("unparseableAccessLogs", unparseableTotal);
            }
            return new CrossCheckReport(runId, (int) requests, statusCounts, unreachable, named.get(0), named.get(1),
                    named.get(2), named.get(3), named.get(4), named.get(5), List.copyOf(unparseable),
                    authorizerCounts, metricReport, counts);
        }

        private String mismatch(String id, long key, long v) {
            if ((v & MULTI) != 0) {
                return id + " (sent " + sentSorted(key) + ", logged " + loggedSorted(key) + ")";
            }
            long logged = (v >>> LOGGED_STATUS_SHIFT) & STATUS_MASK;
            return id + " (sent [" + ((v >>> SENT_STATUS_SHIFT) & STATUS_MASK) + "], logged ["
                    + (logged == NOT_A_STATUS ? "not a status" : logged) + "])";
        }
    }

    private static long statusBits(String status) {
        try {
            int s = Integer.parseInt(status);
            return s >= 0 && s < NOT_A_STATUS ? s : NOT_A_STATUS;
        } catch (NumberFormatException e) {
            return NOT_A_STATUS;
        }
    }

    /**
     * The item lookups of one pass: batches of {@link ItemLookup#batchSize()} distinct ids, {@link #IN_FLIGHT} at a
     * time on their own threads while the ledger is still being read.
     */
    private final class Lookups implements AutoCloseable {
        private final Pass pass;
        private final int size = Math.max(1, items.batchSize());
        private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
        private final ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
            Thread t = new Thread(r, "turnstile-item-lookup");
            t.setDaemon(true);
            return t;
        });
        private final List<Future<?>> running = new ArrayList<>();
        private List<String> ids = new ArrayList<>();
        private List<String> sentRuns = new ArrayList<>();

        Lookups(Pass pass) {
            this.pass = pass;
        }

        void add(String id, String sentRun) {
            ids.add(id);
            sentRuns.add(sentRun);
            if (ids.size() == size) {
                submit();
            }
        }

        private void submit() {
            List<String> batch = ids;
            ids = new ArrayList<>();
            sentRuns = new ArrayList<>();
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking up items", e);
            }
            running.removeIf(f -> f.isDone() && join(f));
            running.add(pool.submit(() -> {
                try {
                    items.runIdsOf(batch).forEach(pass::itemFound);
                } finally {
                    inFlight.release();
                }
            }));
        }

        void finish() {
            if (!ids.isEmpty()) {
                submit();
            }
            running.forEach(this::join);
        }

        private boolean join(Future<?> f) {
            try {
                f.get();
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking up items", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    private Optional<String> authorizerOf(String route) {
        int space = route.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        return profile.route(route.substring(0, space), route.substring(space + 1))
                .map(r -> r.authorizer());
    }

    private int ttlOf(String authorizerName) {
        return profile.authorizers().stream().filter(a -> a.name().equals(authorizerName))
                .mapToInt(AuthorizerInfo::ttlSeconds).findFirst().orElse(0);
    }

    /** The line's extended request id (the join id), or its request id for a format without one. */
    private static String accessLogId(JsonNode line) {
        JsonNode id = line.hasNonNull("extendedRequestId") ? line.get("extendedRequestId") : line.get("requestId");
        return id == null || id.isNull() ? null : id.asText();
    }

    private long countStarts(String group, List<Window> windows) {
        long[] count = {0};
        for (Window w : windows) {
            logs.forEach(group, w.start(), w.end(), event -> {
                if (event.message().startsWith(START_LINE)) {
                    count[0]++;
                }
            });
        }
        return count[0];
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
