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

    /** What {@link #resolve} chose: the time of each entry and where it came from (for the verdict's observations). */
    public record Resolved(ToLongFunction<LedgerEntry> time, String source) {

        public long of(LedgerEntry entry) {
            return time.applyAsLong(entry);
        }
    }

    static final String ACCESS_LOG = "stage: access log requestTimeEpoch";
    static final String ANSWERED = "client: send time + latency";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Long> requestTimeById;

    private DecisionTimes(Map<String, Long> requestTimeById) {
        this.requestTimeById = Map.copyOf(requestTimeById);
    }

    /** No stage-side times: every entry is judged at its answer time. */
    public static DecisionTimes answered() {
        return new DecisionTimes(Map.of());
    }

    /** The stage's {@code requestTimeEpoch} by request id. */
    public static DecisionTimes of(Map<String, Long> requestTimeById) {
        return new DecisionTimes(requestTimeById);
    }

    /**
     * Reads access-log lines (the template's one-line JSON format): {@code requestId} → {@code requestTimeEpoch};
     * lines without both, or not JSON, are skipped (the cross-check reports them).
     */
    public static DecisionTimes fromAccessLog(List<String> lines) {
        Map<String, Long> times = new HashMap<>();
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
            try {
                times.put(node.get("requestId").asText(), Long.parseLong(node.get("requestTimeEpoch").asText()));
            } catch (NumberFormatException e) {
                // "-" or a formatted time: not a decision time this class can use
            }
        }
        return new DecisionTimes(times);
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
            return new Resolved(e -> requestTimeById.get(e.requestId()), ACCESS_LOG);
        }
        return new Resolved(e -> e.timeMs() + e.latencyMs(), ANSWERED);
    }
}
