package dev.turnstile.reports.render;

import dev.turnstile.reports.model.CapacityReportData;
import java.util.List;
import java.util.function.Function;

/** Renders {@code capacity-report.md} for pull requests: the same tables as the HTML, without charts. */
public final class MarkdownReport {

    /** Metric periods listed in the Markdown (pull requests stay readable; the HTML charts them all). */
    static final int METRIC_ROWS = 60;

    /** The Markdown text for the data. */
    public String render(CapacityReportData d) {
        StringBuilder md = new StringBuilder();
        md.append("# Capacity report — stage ").append(cell(d.stage())).append("\n\n");
        md.append("Window ").append(d.from()).append(" → ").append(d.to()).append(" · arrivals from ")
                .append(d.source()).append(" · target rejection ").append(ReportRows.pct(d.settings().targetRejection()))
                .append(" · headroom ").append(ReportRows.num(d.settings().headroom() * 100)).append(" %\n\n");

        md.append("## Recommendations\n\n");
        table(md, ReportRows.recommendations(d), List.of("key id", "key name", "plan", "current plan",
                "observed req/s", "peak 1 s / 100 ms", "recommended", "quota", "replayed rejection", "notes"),
                r -> List.of(r.keyId(), r.keyName(), r.plan(), r.current(), r.observedPerSecond(), r.peaks(),
                        "**" + r.recommended() + "**", r.quota(), r.replayedShare(), r.note()));

        ReportRows.MetricsRecommendation advice = ReportRows.metricsRecommendation(d);
        if (advice != null) {
            md.append("### From CloudWatch metrics alone\n\n");
            table(md, List.of(advice), List.of("busiest period", "recommended", "quota", "note"),
                    a -> List.of(a.busiest(), "**" + a.recommended() + "**", a.quota(), a.note()));
        }

        md.append("## Findings\n\n");
        table(md, d.findings(), List.of("severity", "finding", "subject", "detail"),
                f -> List.of(f.severity(), f.code(), f.subject(), f.message()));

        md.append("## Current plans\n\n");
        table(md, ReportRows.plans(d), List.of("plan", "id", "throttle", "quota", "keys"),
                p -> List.of(p.name(), p.id(), p.throttle(), p.quota(), p.keys()));
        table(md, ReportRows.replays(d), List.of("key id", "current plan", "replayed", "observed", "check"),
                r -> List.of(r.keyId(), r.plan(), r.replayed(), r.observed(), r.verdict()));

        md.append("## Traffic per key and route\n\n");
        table(md, ReportRows.routes(d), List.of("key id", "route", "requests", "req/s (1 s bins)",
                "peak 1 s / 100 ms", "busiest UTC day"),
                r -> List.of(r.keyId(), r.route(), r.requests(), r.perSecond(), r.peaks(), r.daily()));

        md.append("## CloudWatch metrics\n\n");
        if (d.metrics() == null) {
            md.append("None read (see the findings).\n\n");
        } else {
            md.append("AWS/ApiGateway, ApiName ").append(cell(d.metrics().apiName())).append(", per ")
                    .append(d.metrics().periodSeconds()).append(" s; the HTML report charts every period.\n\n");
            table(md, ReportRows.metrics(d, METRIC_ROWS), List.of("period", "Count", "4XXError", "5XXError",
                    "Latency p50 / p90 / p99 ms", "IntegrationLatency p99 ms"),
                    r -> List.of(r.period(), r.count(), r.clientErrors(), r.serverErrors(), r.latency(),
                            r.integrationLatency()));
            if (d.metrics().count().length > METRIC_ROWS) {
                md.append("… ").append(d.metrics().count().length - METRIC_ROWS).append(" more periods.\n\n");
            }
        }

        md.append("## Stage capacity\n\n");
        if (d.capacity() == null) {
            md.append("No run folder had capacity steps.\n\n");
        } else {
            table(md, ReportRows.steps(d), List.of("offered req/s", "throughput req/s", "p50 ms", "p95 ms",
                    "p99 ms", "errors", "requests", ""),
                    s -> List.of(s.offered(), s.throughput(), s.p50(), s.p95(), s.p99(), s.errors(), s.requests(),
                            s.knee()));
        }
        return md.toString();
    }

    private static <T> void table(StringBuilder md, List<T> rows, List<String> header, Function<T, List<String>> cells) {
        if (rows.isEmpty()) {
            md.append("None.\n\n");
            return;
        }
        md.append('|');
        header.forEach(h -> md.append(' ').append(h).append(" |"));
        md.append("\n|");
        header.forEach(h -> md.append("---|"));
        md.append('\n');
        for (T row : rows) {
            md.append('|');
            cells.apply(row).forEach(c -> md.append(' ').append(cell(c)).append(" |"));
            md.append('\n');
        }
        md.append('\n');
    }

    /** Keeps a value inside its table cell: pipes escaped, line breaks flattened. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
