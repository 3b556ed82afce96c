package dev.turnstile.simulations.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.conformance.clock.StageTimeline;
import dev.turnstile.conformance.crosscheck.LogReader;
import dev.turnstile.conformance.ledger.KeyTable;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.conformance.ledger.LedgerSource;
import dev.turnstile.stage.profile.StageProfile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * When the stage decided each request, for judges whose rules are about time (a token bucket refills over time).
 * The ledger's send time is the client's: a request that waited in the client for a connection, or on the network,
 * counts as sent long before the stage saw it, and a judge reading it as decision time starts its windows too early
 * (docs/aws-behaviour.md §3.3). Two better sources, best first:
 *
 * <ol>
 *   <li>the stage's own clock: the access log's {@code $context.requestTimeEpoch}, the time API Gateway received the
 *       request, which the usage-plan check follows within the (cached) authorizer's milliseconds;</li>
 *   <li>the client's answer time, send time + latency: the decision came before the answer, and a 429 is sent the
 *       moment it is decided, so this is late by one response's trip at most — a window started from it never starts
 *       before the bucket really emptied.</li>
 * </ol>
 *
 * One source for all the entries a judge reads: times from two clocks are never mixed, so when the access log lacks
 * any judged request (or the stage writes no {@code requestTimeEpoch}), every entry uses the answer time.
 */
public final class DecisionTimes {

    /**
     * What {@link #resolve} chose: the time of each entry, the latest its usage-plan decision can have been, and
     * where they came from (for the verdict's observations).
     */
    public record Resolved(ToLongFunction<LedgerEntry> time, ToLongFunction<LedgerEntry> latest, String source) {

        public long of(LedgerEntry entry) {
            return time.applyAsLong(entry);
        }

        /**
         * The latest the stage can have decided {@code entry}: with the access log, its arrival plus the part of
         * {@code responseLatency} that was not the integration's (the authorizer, the usage-plan check and, for an
         * admitted request, the usage journal's sync); a 429 is answered the moment it is decided, so for it this is
         * the decision time. Without the access log the answer time, which bounds it too.
         */
        public long latestOf(LedgerEntry entry) {
            return latest.applyAsLong(entry);
        }
    }

    static final String ACCESS_LOG = "stage: access log requestTimeEpoch";
    static final String ANSWERED = "client: send time + latency";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ABSENT = Long.MIN_VALUE;

    /** {@code requestTimeEpoch} by the hash of the request id ({@link KeyTable}): 16 bytes a request. */
    private final KeyTable requestTimeById;
    /** The latest decision time ({@link Resolved#latestOf}) by the same hash. */
    private final KeyTable latestDecisionById;

    private DecisionTimes(KeyTable requestTimeById, KeyTable latestDecisionById) {
        this.requestTimeById = requestTimeById;
        this.latestDecisionById = latestDecisionById;
    }

    /** No stage-side times: every entry is judged at its answer time. */
    public static DecisionTimes answered() {
        return new DecisionTimes(new KeyTable(16), new KeyTable(16));
    }

    /** The stage's {@code requestTimeEpoch} by request id. */
    public static DecisionTimes of(Map<String, Long> requestTimeById) {
        KeyTable table = new KeyTable(requestTimeById.size());
        requestTimeById.forEach((id, time) -> table.put(KeyTable.hash(id), time));
        return new DecisionTimes(table, table);
    }

    /**
     * Reads access-log lines (the template's one-line JSON format): {@code requestId} → {@code requestTimeEpoch};
     * lines without both, or not JSON, are skipped (the cross-check reports them).
     */
    public static DecisionTimes fromAccessLog(List<String> lines) {
        KeyTable table = new KeyTable(lines.size());
        KeyTable latest = new KeyTable(lines.size());
        lines.forEach(line -> add(table, latest, line));
        return new DecisionTimes(table, latest);
    }

    private static void add(KeyTable table, KeyTable latest, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            return;
        }
        if (node == null || !node.hasNonNull("requestId") || !node.hasNonNull("requestTimeEpoch")) {
            return;
        }
        long arrived;
        try {
            arrived = Long.parseLong(node.get("requestTimeEpoch").asText());
        } catch (NumberFormatException e) {
            return; // "-" or a formatted time: not a decision time this class can use
        }
        long id = KeyTable.hash(node.get("requestId").asText());
        table.put(id, arrived);
        latest.put(id, arrived + Math.max(0, millis(node, "responseLatency") - millis(node, "integrationLatency")));
    }

    /** A latency field of an access-log line in ms; 0 when absent or {@code "-"} (a 429 has no integration). */
    private static long millis(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        try {
            return Long.parseLong(value.asText());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The access log's times of the answered {@code entries}, read from {@code logs} over the run's window on both
     * the wall clock and the stage's (a local stage's clock may have been moved); none when the stage has no access
     * log. Read after the cross-check, which waits until the log holds every request.
     */
    public static DecisionTimes read(StageProfile profile, LogReader logs, StageTimeline timeline,
                                     List<LedgerEntry> entries) {
        return read(profile, logs, timeline, LedgerSource.of(entries));
    }

    /** The same, over a streamed ledger (one pass for the run's span) and the log read page by page. */
    public static DecisionTimes read(StageProfile profile, LogReader logs, StageTimeline timeline,
                                     LedgerSource entries) {
        String group = profile.logGroups().access();
        if (group == null) {
            return answered();
        }
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE, 0};
        entries.forEach(e -> {
            if (e.requestId() != null) {
                span[0] = Math.min(span[0], e.timeMs());
                span[1] = Math.max(span[1], e.timeMs() + e.latencyMs());
                span[2]++;
            }
        });
        if (span[2] == 0) {
            return answered();
        }
        long from = Math.min(span[0], timeline.stageTime(span[0])) - 1_000;
        long to = Math.max(span[1], timeline.stageTime(span[1])) + 10_000;
        KeyTable table = new KeyTable((int) Math.min(Integer.MAX_VALUE / 4, span[2]));
        KeyTable latest = new KeyTable((int) Math.min(Integer.MAX_VALUE / 4, span[2]));
        logs.forEach(group, from, to, event -> add(table, latest, event.message()));
        return new DecisionTimes(table, latest);
    }

    /** The time source for {@code judged}: the stage's when it has every one of them, else the answer time. */
    public Resolved resolve(List<LedgerEntry> judged) {
        return resolve(LedgerSource.of(judged));
    }

    /** The same over a streamed ledger (one pass). */
    public Resolved resolve(LedgerSource judged) {
        boolean[] all = {true, false};
        judged.forEach(e -> {
            all[1] = true;
            if (all[0] && (e.requestId() == null || !requestTimeById.contains(KeyTable.hash(e.requestId())))) {
                all[0] = false;
            }
        });
        if (all[0] && all[1]) {
            return new Resolved(e -> requestTimeById.get(KeyTable.hash(e.requestId()), ABSENT), e -> {
                long id = KeyTable.hash(e.requestId());
                return latestDecisionById.get(id, requestTimeById.get(id, ABSENT));
            }, ACCESS_LOG);
        }
        ToLongFunction<LedgerEntry> answeredAt = e -> e.timeMs() + e.latencyMs();
        return new Resolved(answeredAt, answeredAt, ANSWERED);
    }
}
