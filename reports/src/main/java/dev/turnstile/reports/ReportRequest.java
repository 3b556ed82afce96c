package dev.turnstile.reports;

import dev.turnstile.reports.input.AccessLogSource;
import dev.turnstile.reports.input.StageMetrics;
import dev.turnstile.stage.profile.StageProfile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to report on: a stage, a time window, optional run folders, and the tuning targets. Build one with
 * {@link #builder(StageProfile, Instant, Instant)}:
 *
 * <pre>{@code
 * ReportRequest request = ReportRequest.builder(profile, start, end)
 *         .run(Path.of("target/turnstile/runs", runId))
 *         .outDir(Path.of("target/turnstile/reports"))
 *         .build();
 * ReportFiles files = CapacityReport.generate(request);
 * }</pre>
 *
 * @param profile            the stage (plans, keys, log groups, endpoints)
 * @param from               window start, inclusive
 * @param to                 window end, exclusive
 * @param runs               run folders ({@code target/turnstile/runs/<run-id>}) to read verdicts, ledgers and capacity steps from
 * @param outDir             where the three files go (created if needed)
 * @param targetRejection    largest acceptable replayed rejection share for a recommendation (default 0.001)
 * @param headroom           fraction added to the minimal rate, burst and quota (default 0.2)
 * @param latencyThresholdMs p99 limit that defines the capacity knee (default 1000 ms)
 * @param source             where arrivals come from (default {@link Source#ACCESS_LOG})
 * @param accessLogs         access-log reader; null to read the profile's access log group through CloudWatch Logs
 * @param metrics            the stage's CloudWatch metrics; null to read them through the profile's clients (when it
 *                           says where CloudWatch is)
 */
public record ReportRequest(StageProfile profile, Instant from, Instant to, List<Path> runs, Path outDir,
                            double targetRejection, double headroom, double latencyThresholdMs, Source source,
                            AccessLogSource accessLogs, StageMetrics metrics) {

    /** Default replayed rejection share a recommendation must stay under. */
    public static final double DEFAULT_TARGET_REJECTION = 0.001;
    /** Default headroom over the minimal settings. */
    public static final double DEFAULT_HEADROOM = 0.2;
    /** Default p99 limit for the capacity knee. */
    public static final double DEFAULT_LATENCY_THRESHOLD_MS = 1000;

    /** Where arrivals come from. */
    public enum Source {
        /** The stage's access log (CloudWatch Logs): every request the stage saw, from every client. */
        ACCESS_LOG,
        /** The run folders' ledgers: only what Turnstile's own clients sent. */
        LEDGER,
        /**
         * CloudWatch metrics alone: a stage-wide recommendation for stages without access logs (also chosen when
         * {@link #ACCESS_LOG} is asked for and the profile names no access log group).
         */
        METRICS
    }

    public ReportRequest {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(source, "source");
        runs = List.copyOf(runs);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the window must start before it ends: from " + from + " to " + to);
        }
        if (!(targetRejection >= 0 && targetRejection < 1)) {
            throw new IllegalArgumentException("target rejection share must be in [0, 1), got " + targetRejection);
        }
        if (!(headroom >= 0)) {
            throw new IllegalArgumentException("headroom must be ≥ 0, got " + headroom);
        }
        if (!(latencyThresholdMs > 0)) {
            throw new IllegalArgumentException("latency threshold must be > 0 ms, got " + latencyThresholdMs);
        }
        if (source == Source.LEDGER && runs.isEmpty()) {
            throw new IllegalArgumentException("arrivals from the ledger need at least one run folder");
        }
    }

    /** A builder with the defaults; the window is [from, to). */
    public static Builder builder(StageProfile profile, Instant from, Instant to) {
        return new Builder(profile, from, to);
    }

    /** Builder for {@link ReportRequest}. */
    public static final class Builder {
        private final StageProfile profile;
        private final Instant from;
        private final Instant to;
        private final List<Path> runs = new ArrayList<>();
        private Path outDir = Path.of("target", "turnstile", "reports");
        private double targetRejection = DEFAULT_TARGET_REJECTION;
        private double headroom = DEFAULT_HEADROOM;
        private double latencyThresholdMs = DEFAULT_LATENCY_THRESHOLD_MS;
        private Source source = Source.ACCESS_LOG;
        private AccessLogSource accessLogs;
        private StageMetrics metrics;

        private Builder(StageProfile profile, Instant from, Instant to) {
            this.profile = profile;
            this.from = from;
            this.to = to;
        }

        /** Adds a run folder. */
        public Builder run(Path runDir) {
            runs.add(runDir);
            return this;
        }

        /** Output folder (default {@code target/turnstile/reports}). */
        public Builder outDir(Path dir) {
            this.outDir = dir;
            return this;
        }

        public Builder targetRejection(double share) {
            this.targetRejection = share;
            return this;
        }

        public Builder headroom(double fraction) {
            this.headroom = fraction;
            return this;
        }

        public Builder latencyThresholdMs(double ms) {
            this.latencyThresholdMs = ms;
            return this;
        }

        public Builder source(Source source) {
            this.source = source;
            return this;
        }

        /** Reads access logs from here instead of CloudWatch Logs (tests, or logs already fetched). */
        public Builder accessLogs(AccessLogSource logs) {
            this.accessLogs = logs;
            return this;
        }

        /** Reads metrics from here instead of the profile's CloudWatch (tests, or another account's reader). */
        public Builder metrics(StageMetrics value) {
            this.metrics = value;
            return this;
        }

        public ReportRequest build() {
            return new ReportRequest(profile, from, to, runs, outDir, targetRejection, headroom, latencyThresholdMs,
                    source, accessLogs, metrics);
        }
    }
}
