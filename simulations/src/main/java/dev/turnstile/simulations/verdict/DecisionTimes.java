package dev.turnstile.simulations.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.conformance.clock.StageTimeline;
import dev.turnstile.conformance.crosscheck.LogEvent;
import dev.turnstile.conformance.crosscheck.LogReader;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.stage.profile.StageProfile;
import java.io.IOException;
import java.util.HashMap;
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

    private final Map<String, Long> requestTimeById;
    private final Map<String, Long> latestDecisionById;

    private DecisionTimes(Map<String, Long> requestTimeById, Map<String, Long> latestDecisionById) {
        this.requestTimeById = Map.copyOf(requestTimeById);
        this.latestDecisionById = Map.copyOf(latestDecisionById);
    }

    /** No stage-side times: every entry is judged at its answer time. */
    public static DecisionTimes answered() {
        return new DecisionTimes(Map.of(), Map.of());
    }

    /** The stage's {@code requestTimeEpoch} by request id. */
    public static DecisionTimes of(Map<String, Long> requestTimeById) {
        return new DecisionTimes(requestTimeById, requestTimeById);
    }

    /**
     * Reads access-log lines (the template's one-line JSON format): {@code requestId} → {@code requestTimeEpoch};
     * lines without both, or not JSON, are skipped (the cross-check reports them).
     */
    public static DecisionTimes fromAccessLog(List<String> lines) {
        Map<String, Long> times = new HashMap<>();
        Map<String, Long> latest = new HashMap<>();
        for (String line : lines) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                continue;
            }
            if (node == null || !node.hasNonNull("requestId") || !node.hasNonNull("requestTimeEpoch")) {
                continue;
            }
            String id = node.get("requestId").asText();
            long arrived;
            try {
                arrived = Long.parseLong(node.get("requestTimeEpoch").asText());
            } catch (NumberFormatException e) {
                continue; // "-" or a formatted time: not a decision time this class can use
            }
            times.put(id, arrived);
            latest.put(id, arrived + Math.max(0, millis(node, "responseLatency") - millis(node, "integrationLatency")));
        }
        return new DecisionTimes(times, latest);
    }

    /**
     * The access log's times of the answered {@code entries}, read from {@code logs} over the run's window on both
     * the wall clock and the stage's (a local stage's clock may have been moved); none when the stage has no access
     * log. Read after the cross-check, which waits until the log holds every request.
     */
    public static DecisionTimes read(StageProfile profile, LogReader logs, StageTimeline timeline,
                                     List<LedgerEntry> entries) {
        String group = profile.logGroups().access();
        List<LedgerEntry> answered = entries.stream().filter(e -> e.requestId() != null).toList();
        if (group == null || answered.isEmpty()) {
            return answered();
        }
        long first = answered.stream().mapToLong(LedgerEntry::timeMs).min().orElseThrow();
        long last = answered.stream().mapToLong(e -> e.timeMs() + e.latencyMs()).max().orElseThrow();
        long from = Math.min(first, timeline.stageTime(first)) - 1_000;
        long to = Math.max(last, timeline.stageTime(last)) + 10_000;
        return fromAccessLog(logs.read(group, from, to).stream().map(LogEvent::message).toList());
    }

    /** The time source for {@code judged}: the stage's when it has every one of them, else the answer time. */
    public Resolved resolve(List<LedgerEntry> judged) {
        boolean all = !judged.isEmpty() && judged.stream()
                .allMatch(e -> e.requestId() != null && requestTimeById.containsKey(e.requestId()));
        if (all) {
            return new Resolved(e -> requestTimeById.get(e.requestId()),
                    e -> latestDecisionById.getOrDefault(e.requestId(), requestTimeById.get(e.requestId())), ACCESS_LOG);
        }
        ToLongFunction<LedgerEntry> answeredAt = e -> e.timeMs() + e.latencyMs();
        return new Resolved(answeredAt, answeredAt, ANSWERED);
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
}
