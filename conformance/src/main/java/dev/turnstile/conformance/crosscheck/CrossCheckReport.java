package dev.turnstile.conformance.crosscheck;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.turnstile.stage.io.AtomicFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The verdict of one run's cross-check ({@code crosscheck.json}): counts per status and, per kind of mismatch, the
 * offending request ids.
 *
 * @param runId                   the run
 * @param requests                ledger entries checked
 * @param statusCounts            ledger entries per HTTP status (0 = stage unreachable)
 * @param unreachable             count of requests that got no answer (no request id to check)
 * @param missingItems            2xx without a DynamoDB item
 * @param unexpectedItems         non-2xx with an item
 * @param foreignItems            2xx whose item carries another run id
 * @param missingAccessLogs       requests with fewer access-log lines than sends
 * @param duplicateAccessLogs     requests with more access-log lines than sends
 * @param accessLogStatusMismatch requests whose access-log status differs from the status seen
 * @param unparseableAccessLogs   event ids of access-log lines that are not the contract's JSON
 * @param authorizers             authorizer invocation counts against the expected range
 * @param metrics                 the CloudWatch metrics against the ledger; null when not compared
 * @param totals                  per list above that names only its first ids (a run of millions): how many there
 *                                were in all, by the list's name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrossCheckReport(String runId, int requests, Map<Integer, Long> statusCounts, long unreachable,
                               List<String> missingItems, List<String> unexpectedItems, List<String> foreignItems,
                               List<String> missingAccessLogs, List<String> duplicateAccessLogs,
                               List<String> accessLogStatusMismatch, List<String> unparseableAccessLogs,
                               List<AuthorizerCount> authorizers, MetricsCheckReport metrics,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> totals) {

    /** A report whose lists name every offending id. */
    public CrossCheckReport(String runId, int requests, Map<Integer, Long> statusCounts, long unreachable,
                            List<String> missingItems, List<String> unexpectedItems, List<String> foreignItems,
                            List<String> missingAccessLogs, List<String> duplicateAccessLogs,
                            List<String> accessLogStatusMismatch, List<String> unparseableAccessLogs,
                            List<AuthorizerCount> authorizers, MetricsCheckReport metrics) {
        this(runId, requests, statusCounts, unreachable, missingItems, unexpectedItems, foreignItems,
                missingAccessLogs, duplicateAccessLogs, accessLogStatusMismatch, unparseableAccessLogs, authorizers,
                metrics, Map.of());
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One authorizer's invocations in the run window.
     *
     * @param authorizer  authorizer name
     * @param logGroup    its function's log group
     * @param ttlSeconds  its cache TTL
     * @param expectedMin fewest invocations the ledger allows
     * @param expectedMax most invocations the ledger allows
     * @param observed    {@code START RequestId} lines found
     */
    public record AuthorizerCount(String authorizer, String logGroup, int ttlSeconds, long expectedMin,
                                  long expectedMax, long observed) {
        public boolean consistent() {
            return observed >= expectedMin && observed <= expectedMax;
        }
    }

    /** True when nothing mismatched. */
    public boolean passed() {
        return failures().isEmpty();
    }

    /** One line per kind of mismatch, naming the offending request ids. */
    public List<String> failures() {
        List<String> lines = new ArrayList<>();
        add(lines, "2xx without a DynamoDB item", missingItems, "missingItems");
        add(lines, "non-2xx with a DynamoDB item", unexpectedItems, "unexpectedItems");
        add(lines, "item with another run id", foreignItems, "foreignItems");
        add(lines, "missing access-log line", missingAccessLogs, "missingAccessLogs");
        add(lines, "more than one access-log line", duplicateAccessLogs, "duplicateAccessLogs");
        add(lines, "access-log status differs", accessLogStatusMismatch, "accessLogStatusMismatch");
        add(lines, "access-log line not JSON of the contract (event ids)", unparseableAccessLogs,
                "unparseableAccessLogs");
        for (AuthorizerCount a : authorizers) {
            if (!a.consistent()) {
                lines.add("authorizer " + a.authorizer() + " ran " + a.observed() + " times in " + a.logGroup()
                        + ", expected " + a.expectedMin() + ".." + a.expectedMax() + " (TTL " + a.ttlSeconds() + " s)");
            }
        }
        if (metrics != null) {
            lines.addAll(metrics.failures());
        }
        return lines;
    }

    /** Throws an AssertionError listing every mismatch when the cross-check failed. */
    public void assertPassed() {
        List<String> failures = failures();
        if (!failures.isEmpty()) {
            throw new AssertionError("cross-check of run " + runId + " failed:\n  " + String.join("\n  ", failures));
        }
    }

    /** Writes {@code crosscheck.json} into {@code runDir}. */
    public Path write(Path runDir) {
        return AtomicFile.writeJson(runDir.resolve("crosscheck.json"), JSON, this);
    }

    /** The number of offending ids of the list {@code name} (more than it names when the run was large). */
    public long total(String name, List<String> ids) {
        Long total = totals == null ? null : totals.get(name);
        return total == null ? ids.size() : total;
    }

    private void add(List<String> lines, String kind, List<String> ids, String name) {
        if (!ids.isEmpty()) {
            long total = total(name, ids);
            lines.add(kind + " (" + total + "): " + String.join(", ", ids)
                    + (total > ids.size() ? ", … (the first " + ids.size() + " named)" : ""));
        }
    }
}
