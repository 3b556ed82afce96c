package dev.turnstile.reports;

import dev.turnstile.reports.analysis.MetricsRecommender;
import dev.turnstile.reports.input.StageMetrics;
import dev.turnstile.reports.model.CapacityReportData;
import dev.turnstile.reports.model.CapacityReportData.Finding;
import dev.turnstile.reports.model.CapacityReportData.Metrics;
import dev.turnstile.reports.model.CapacityReportData.MetricsRecommendation;
import dev.turnstile.stage.clients.StageClients;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The metric part of a capacity report: the stage's CloudWatch series for the charts, and — when the report has no
 * access log to work from — the stage-wide recommendation from metrics alone. A stage whose metrics cannot be read
 * still gets its report, with a finding saying why the charts are missing.
 */
final class ReportMetrics {

    private ReportMetrics() {
    }

    static CapacityReportData add(CapacityReportData data, ReportRequest request, boolean recommendFromMetrics) {
        List<Finding> findings = new ArrayList<>();
        Metrics metrics = null;
        StageProfile profile = request.profile();
        if (request.metrics() != null) {
            metrics = read(request.metrics(), request, findings);
        } else if (StageMetrics.available(profile)) {
            try (StageClients clients = new StageClients(profile)) {
                metrics = read(StageMetrics.of(profile, clients), request, findings);
            } catch (RuntimeException e) {
                findings.add(unavailable(e));
            }
        } else {
            findings.add(new Finding("info", "NO_METRICS", "stage", "the stage profile names no cloudwatch endpoint "
                    + "(a stage.json older than the metrics face): no metric charts"));
        }
        MetricsRecommendation recommendation = null;
        if (recommendFromMetrics) {
            if (metrics == null) {
                findings.add(new Finding("error", "NOTHING_TO_RECOMMEND_FROM", "stage", "the stage has no access log "
                        + "and no CloudWatch metrics in the window: no recommendation can be made"));
            } else {
                recommendation = new MetricsRecommender(request.headroom()).recommend(metrics, quotaPeriod(profile),
                        request.from().toEpochMilli(), request.to().toEpochMilli());
                findings.add(new Finding("info", "RECOMMENDED_FROM_METRICS", "stage", recommendation.note()));
                if (recommendation.quotaWindowNeeded() != null) {
                    findings.add(new Finding("info", "QUOTA_NEEDS_LONGER_WINDOW", "stage",
                            recommendation.quotaWindowNeeded()));
                }
            }
        }
        return data.withMetrics(metrics, recommendation, findings);
    }

    private static Metrics read(StageMetrics source, ReportRequest request, List<Finding> findings) {
        try {
            Metrics m = source.read(request.from(), request.to());
            if (m == null) {
                findings.add(new Finding("info", "NO_METRICS", "stage", "CloudWatch has no AWS/ApiGateway Count for the "
                        + "stage in the window"));
            }
            return m;
        } catch (RuntimeException e) {
            findings.add(unavailable(e));
            return null;
        }
    }

    private static Finding unavailable(RuntimeException e) {
        return new Finding("warning", "METRICS_UNAVAILABLE", "stage", "CloudWatch metrics could not be read: "
                + e.getMessage());
    }

    /** The plans' common quota period, else DAY. */
    private static QuotaPeriod quotaPeriod(StageProfile profile) {
        List<QuotaPeriod> periods = profile.usagePlans().stream().map(p -> p.quota() == null ? null : p.quota().period())
                .filter(Objects::nonNull).distinct().toList();
        return periods.size() == 1 ? periods.get(0) : QuotaPeriod.DAY;
    }
}
