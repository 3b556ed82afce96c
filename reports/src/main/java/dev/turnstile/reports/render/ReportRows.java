package dev.turnstile.reports.render;

import dev.turnstile.reports.analysis.Recommender;
import dev.turnstile.reports.model.CapacityReportData;
import dev.turnstile.reports.model.CapacityReportData.KeyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's tables as rows of display text, shared by the HTML and Markdown renderers so both say the
 * same thing. Escaping is the renderer's job.
 */
public final class ReportRows {

    private ReportRows() {
    }

    /** One row of the recommendations table. */
    public record Recommendation(String keyId, String keyName, String plan, String current, String observedPerSecond,
                                 String peaks, String recommended, String quota, String replayedShare, String note) { }

    /** One row of the current-plan replay table. */
    public record Replay(String keyId, String plan, String replayed, String observed, String verdict) { }

    /** One row of the traffic-by-route table. */
    public record Route(String keyId, String route, String requests, String perSecond, String peaks, String daily) { }

    /** One row of the capacity table. */
    public record Step(String offered, String throughput, String p50, String p95, String p99, String errors,
                       String requests, String knee) { }

    /** One period of the stage's CloudWatch metrics. */
    public record MetricRow(String period, String count, String clientErrors, String serverErrors, String latency,
                            String integrationLatency) { }

    /** The stage-wide recommendation from metrics alone, as text. */
    public record MetricsRecommendation(String busiest, String recommended, String quota, String note) { }

    /** One configured plan. */
    public record Plan(String name, String id, String throttle, String quota, String keys) { }

    /** Recommendation rows, one per key. */
    public static List<Recommendation> recommendations(CapacityReportData d) {
        List<Recommendation> rows = new ArrayList<>();
        for (KeyReport k : d.keys()) {
            Recommender.Recommendation r = k.recommendation();
            CapacityReportData.ReplayCheck c = k.currentPlan();
            String current = c == null ? "—" : "rate " + num(c.rateLimit()) + ", burst " + c.burstLimit()
                    + (c.quotaLimit() == null ? "" : ", quota " + c.quotaLimit() + "/" + c.quotaPeriod());
            List<String> notes = new ArrayList<>();
            if (r.cappedByCapacity()) {
                notes.add("rate capped at the stage's capacity");
            }
            if (r.quotaWindowNeeded() != null) {
                notes.add(r.quotaWindowNeeded());
            }
            rows.add(new Recommendation(k.keyId(), orDash(k.keyName()), orDash(k.planName()), current,
                    "p50 " + k.traffic().p50PerSecond() + " · p95 " + k.traffic().p95PerSecond() + " · p99 "
                            + k.traffic().p99PerSecond() + " · max " + k.traffic().maxPerSecond(),
                    k.traffic().peak1s() + " / " + k.traffic().peak100ms(),
                    "rate " + r.rateLimit() + ", burst " + r.burstLimit(),
                    quota(r), pct(r.replayedShare()), String.join("; ", notes)));
        }
        return rows;
    }

    /** The recommended quota, or why there is none. */
    public static String quota(Recommender.Recommendation r) {
        return r.quotaLimit() == null ? "none (needs a whole " + r.quotaPeriod() + ")" : r.quotaLimit() + "/" + r.quotaPeriod();
    }

    /** Replay-check rows for keys with a throttled plan. */
    public static List<Replay> replays(CapacityReportData d) {
        List<Replay> rows = new ArrayList<>();
        for (KeyReport k : d.keys()) {
            CapacityReportData.ReplayCheck c = k.currentPlan();
            if (c == null) {
                continue;
            }
            rows.add(new Replay(k.keyId(), "rate " + num(c.rateLimit()) + ", burst " + c.burstLimit()
                    + (c.quotaLimit() == null ? "" : ", quota " + c.quotaLimit() + "/" + c.quotaPeriod()),
                    outcomes(c.replayed()), outcomes(c.observed()), c.agrees() ? "agrees" : "DISAGREES"));
        }
        return rows;
    }

    /** Traffic rows per key and route. */
    public static List<Route> routes(CapacityReportData d) {
        List<Route> rows = new ArrayList<>();
        for (KeyReport k : d.keys()) {
            for (CapacityReportData.RouteTraffic r : k.routes()) {
                CapacityReportData.Traffic t = r.traffic();
                long daily = t.volumes().getOrDefault("DAY", List.of()).stream()
                        .mapToLong(CapacityReportData.Volume::requests).max().orElse(0);
                rows.add(new Route(k.keyId(), r.route(), Long.toString(t.requests()),
                        "p50 " + t.p50PerSecond() + " · p95 " + t.p95PerSecond() + " · p99 " + t.p99PerSecond()
                                + " · max " + t.maxPerSecond(),
                        t.peak1s() + " / " + t.peak100ms(), Long.toString(daily)));
            }
        }
        return rows;
    }

    /** Capacity steps, knee marked. */
    public static List<Step> steps(CapacityReportData d) {
        List<Step> rows = new ArrayList<>();
        if (d.capacity() == null) {
            return rows;
        }
        d.capacity().steps().forEach(s -> rows.add(new Step(num(s.offeredRps()), num(s.throughputRps()),
                num(s.p50Ms()), num(s.p95Ms()), num(s.p99Ms()), pct(s.errorShare()), Long.toString(s.requests()),
                s.equals(d.capacity().knee()) ? "knee" : "")));
        return rows;
    }

    /** Configured plans. */
    public static List<Plan> plans(CapacityReportData d) {
        return d.plans().stream().map(p -> new Plan(p.name(), p.id(),
                p.rateLimit() == null ? "none" : "rate " + num(p.rateLimit()) + ", burst " + p.burstLimit(),
                p.quotaLimit() == null ? "none" : p.quotaLimit() + "/" + p.quotaPeriod()
                        + (p.quotaOffset() == null || p.quotaOffset() == 0 ? "" : " (offset " + p.quotaOffset() + ")"),
                String.join(", ", p.keyIds()))).toList();
    }

    /** The metric periods (at most {@code limit}; the charts have them all). */
    public static List<MetricRow> metrics(CapacityReportData d, int limit) {
        List<MetricRow> rows = new ArrayList<>();
        CapacityReportData.Metrics m = d.metrics();
        if (m == null) {
            return rows;
        }
        for (int i = 0; i < m.count().length && i < limit; i++) {
            rows.add(new MetricRow(java.time.Instant.ofEpochMilli(m.startMillis() + i * m.periodSeconds() * 1000L).toString(),
                    Long.toString(m.count()[i]), Long.toString(m.clientErrors()[i]), Long.toString(m.serverErrors()[i]),
                    ms(m.latencyP50()[i]) + " / " + ms(m.latencyP90()[i]) + " / " + ms(m.latencyP99()[i]),
                    ms(m.integrationLatencyP99()[i])));
        }
        return rows;
    }

    /** The recommendation from metrics alone, or null when the report has one per key instead. */
    public static MetricsRecommendation metricsRecommendation(CapacityReportData d) {
        CapacityReportData.MetricsRecommendation r = d.metricsRecommendation();
        if (r == null) {
            return null;
        }
        return new MetricsRecommendation(r.busiestRequests() + " requests in the period from " + r.busiestPeriod(),
                "rate " + r.rateLimit() + " (stage-wide), burst: not derivable from metrics",
                r.quotaLimit() == null ? "none (needs a whole " + r.quotaPeriod() + ")" : r.quotaLimit() + "/" + r.quotaPeriod(),
                r.quotaWindowNeeded() == null ? r.note() : r.note() + "; " + r.quotaWindowNeeded());
    }

    private static String ms(Double v) {
        return v == null ? "—" : num(v);
    }

    static String outcomes(CapacityReportData.Outcomes o) {
        return o.admitted() + " admitted · " + o.throttled() + " throttled · " + o.quotaExceeded() + " over quota";
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.3f %%", share * 100);
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String orDash(String s) {
        return s == null ? "—" : s;
    }
}
