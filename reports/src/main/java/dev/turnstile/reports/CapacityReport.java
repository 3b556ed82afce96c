package dev.turnstile.reports;

import dev.turnstile.reports.analysis.CapacityAnalyzer;
import dev.turnstile.reports.input.AccessLogParser;
import dev.turnstile.reports.input.AccessLogSource;
import dev.turnstile.reports.input.Arrival;
import dev.turnstile.reports.input.CloudWatchAccessLogs;
import dev.turnstile.reports.input.LedgerArrivals;
import dev.turnstile.reports.input.RunFolder;
import dev.turnstile.reports.model.CapacityReportData;
import dev.turnstile.reports.render.HtmlReport;
import dev.turnstile.reports.render.MarkdownReport;
import dev.turnstile.reports.render.ReportJson;
import dev.turnstile.stage.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The capacity report for usage-plan tuning: reads arrivals for a window (access logs or run ledgers), the
 * stage's plans and the run folders, and writes {@code capacity-report.html}, {@code .json} and {@code .md}.
 *
 * <pre>{@code
 * ReportFiles files = CapacityReport.generate(ReportRequest.builder(profile, from, to)
 *         .run(runDir).outDir(outDir).build());
 * }</pre>
 */
public final class CapacityReport {

    /** File names written into the output folder. */
    public static final String HTML = "capacity-report.html";
    /** JSON for automation. */
    public static final String JSON = "capacity-report.json";
    /** Markdown for pull requests. */
    public static final String MARKDOWN = "capacity-report.md";

    private CapacityReport() {
    }

    /** Generates the three files and returns their paths. */
    public static ReportFiles generate(ReportRequest request) {
        return write(analyze(request, Instant.now()), request.outDir());
    }

    /** The report's numbers without writing files. */
    public static CapacityReportData analyze(ReportRequest request, Instant now) {
        List<RunFolder> runs = request.runs().stream().map(RunFolder::read).toList();
        String accessGroup = request.profile().logGroups().access();
        boolean noAccessLog = request.accessLogs() == null && (accessGroup == null || accessGroup.isBlank());
        boolean fromMetrics = request.source() == ReportRequest.Source.METRICS
                || (request.source() == ReportRequest.Source.ACCESS_LOG && noAccessLog);
        List<Arrival> arrivals = request.source() == ReportRequest.Source.LEDGER ? fromLedgers(runs)
                : fromMetrics ? List.of() : fromAccessLog(request);
        CapacityAnalyzer analyzer = new CapacityAnalyzer(new CapacityReportData.Settings(
                request.targetRejection(), request.headroom(), request.latencyThresholdMs()));
        String source = request.source() == ReportRequest.Source.LEDGER ? "ledger" : fromMetrics ? "metrics" : "access-log";
        CapacityReportData data = analyzer.analyze(request.profile(), request.from(), request.to(), source, arrivals,
                runs, now);
        return ReportMetrics.add(data, request, fromMetrics);
    }

    /** Writes the three renderings of {@code data} into {@code outDir}. */
    public static ReportFiles write(CapacityReportData data, Path outDir) {
        Path html = outDir.resolve(HTML);
        Path json = outDir.resolve(JSON);
        Path md = outDir.resolve(MARKDOWN);
        writeAtomically(json, ReportJson.pretty(data));
        writeAtomically(md, new MarkdownReport().render(data));
        writeAtomically(html, new HtmlReport().render(data));
        return new ReportFiles(html, json, md);
    }

    /**
     * The window's arrivals, each line parsed as it is read (the lines are never held); key ids and routes repeat
     * on every line, so each distinct one is kept once.
     */
    private static List<Arrival> fromAccessLog(ReportRequest request) {
        AccessLogParser parser = new AccessLogParser();
        List<Arrival> out = new ArrayList<>();
        Map<String, String> distinct = new HashMap<>();
        Consumer<String> parse = line -> {
            Arrival a = parser.parse(line);
            out.add(new Arrival(a.timeMillis(), a.apiKeyId() == null ? null
                    : distinct.computeIfAbsent(a.apiKeyId(), k -> k), distinct.computeIfAbsent(a.route(), k -> k),
                    a.status(), a.outcome()));
        };
        AccessLogSource source = request.accessLogs();
        if (source != null) {
            source.forEach(request.from(), request.to(), parse);
        } else {
            try (CloudWatchAccessLogs logs = CloudWatchAccessLogs.forProfile(request.profile())) {
                logs.forEach(request.from(), request.to(), parse);
            }
        }
        return out;
    }

    private static List<Arrival> fromLedgers(List<RunFolder> runs) {
        List<Arrival> out = new ArrayList<>();
        runs.forEach(r -> r.ledger().forEach(e -> out.add(LedgerArrivals.of(e))));
        return out;
    }

    private static void writeAtomically(Path file, String text) {
        try {
            AtomicFile.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
