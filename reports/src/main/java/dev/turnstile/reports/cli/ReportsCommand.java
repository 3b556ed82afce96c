package dev.turnstile.reports.cli;

import dev.turnstile.reports.CapacityReport;
import dev.turnstile.reports.ReportFiles;
import dev.turnstile.reports.ReportRequest;
import dev.turnstile.reports.model.CapacityReportData;
import dev.turnstile.reports.render.ReportRows;
import dev.turnstile.stage.profile.StageProfile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The reports command line: {@code java -jar turnstile-reports.jar capacity --stage stage.json --from PT1H …}. */
@Command(name = "turnstile-reports", mixinStandardHelpOptions = true,
        description = "Turnstile reports.", subcommands = {ReportsCommand.Capacity.class})
public final class ReportsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a report, e.g. 'capacity'");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(Clock.systemUTC(), args));
    }

    /** Runs the command line on stdout/stderr; 0 on success, 2 for bad arguments, 1 when the report cannot be made. */
    public static int execute(Clock clock, String... args) {
        return execute(clock, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given output streams (for tests and embedding). */
    public static int execute(Clock clock, PrintWriter out, PrintWriter err, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == Capacity.class ? type.cast(new Capacity(clock)) : CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine cli = new CommandLine(new ReportsCommand(), factory).setOut(out).setErr(err);
        cli.registerConverter(Instant.class, new TimeArgument(clock));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // a report that cannot be made is one clear line, not a stack trace
            cmd.getErr().println("capacity report failed: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    /** {@code capacity}: the capacity report for usage-plan tuning. */
    @Command(name = "capacity", mixinStandardHelpOptions = true,
            description = "Writes capacity-report.html, .json and .md: observed traffic per key and route, the "
                    + "token-bucket replay of the current plan and of candidates, and recommended plans.")
    static final class Capacity implements Callable<Integer> {

        private final Clock clock;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Capacity(Clock clock) {
            this.clock = clock;
        }

        @Option(names = "--stage", required = true, paramLabel = "FILE", description = "stage profile (stage.json)")
        Path stage;

        @Option(names = "--from", required = true, paramLabel = "TIME",
                description = "window start: ISO-8601 instant or duration back from now (PT1H)")
        Instant from;

        @Option(names = "--to", paramLabel = "TIME", description = "window end (default: now)")
        Instant to;

        @Option(names = "--run", paramLabel = "DIR", description = "run folder (target/turnstile/runs/<run-id>); repeatable")
        List<Path> runs = new ArrayList<>();

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/turnstile/reports",
                description = "output folder (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--target-rejection", paramLabel = "SHARE", defaultValue = "0.001",
                description = "largest replayed rejection share a recommendation may have (default: ${DEFAULT-VALUE})")
        double targetRejection;

        @Option(names = "--headroom", paramLabel = "FRACTION", defaultValue = "0.2",
                description = "added to the minimal rate, burst and quota (default: ${DEFAULT-VALUE})")
        double headroom;

        @Option(names = "--latency-threshold-ms", paramLabel = "MS", defaultValue = "1000",
                description = "p99 limit that defines the capacity knee (default: ${DEFAULT-VALUE})")
        double latencyThresholdMs;

        @Option(names = "--source", paramLabel = "SOURCE", defaultValue = "access-log",
                description = "where arrivals come from: access-log (CloudWatch Logs), ledger (the --run folders) or "
                        + "metrics (CloudWatch metrics alone: a stage-wide recommendation, chosen by itself when the "
                        + "profile names no access log)")
        String source;

        @Override
        public Integer call() {
            ReportRequest.Source src = switch (source) {
                case "access-log" -> ReportRequest.Source.ACCESS_LOG;
                case "ledger" -> ReportRequest.Source.LEDGER;
                case "metrics" -> ReportRequest.Source.METRICS;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--source must be access-log, ledger or metrics, got '" + source + "'");
            };
            Instant end = to != null ? to : clock.instant();
            ReportRequest request;
            try {
                ReportRequest.Builder b = ReportRequest.builder(StageProfile.read(stage), from, end).outDir(out)
                        .targetRejection(targetRejection).headroom(headroom).latencyThresholdMs(latencyThresholdMs)
                        .source(src);
                runs.forEach(b::run);
                request = b.build();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            CapacityReportData data = CapacityReport.analyze(request, clock.instant());
            ReportFiles files = CapacityReport.write(data, out);
            PrintWriter w = spec.commandLine().getOut();
            for (CapacityReportData.KeyReport k : data.keys()) {
                w.printf("key %s: %d requests, peak %d/s → recommended rate %d, burst %d, quota %s%n", k.keyId(),
                        k.traffic().requests(), k.traffic().peak1s(), k.recommendation().rateLimit(),
                        k.recommendation().burstLimit(), ReportRows.quota(k.recommendation()));
            }
            if (data.metricsRecommendation() != null) {
                CapacityReportData.MetricsRecommendation m = data.metricsRecommendation();
                w.printf("stage (from CloudWatch metrics alone): busiest %d requests per %d s → recommended rate %d, "
                        + "quota %s%n", m.busiestRequests(), data.metrics().periodSeconds(), m.rateLimit(),
                        m.quotaLimit() == null ? "none (needs a whole " + m.quotaPeriod() + ")"
                                : m.quotaLimit() + "/" + m.quotaPeriod());
            }
            data.findings().stream().filter(f -> !"info".equals(f.severity()))
                    .forEach(f -> w.printf("%s %s: %s: %s%n", f.severity(), f.code(), f.subject(), f.message()));
            w.println("wrote " + files.html());
            w.println("wrote " + files.json());
            w.println("wrote " + files.markdown());
            w.flush();
            return 0;
        }
    }
}
