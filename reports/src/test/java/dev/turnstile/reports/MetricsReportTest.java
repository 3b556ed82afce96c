package dev.turnstile.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.reports.analysis.MetricsRecommender;
import dev.turnstile.reports.model.CapacityReportData;
import dev.turnstile.reports.model.CapacityReportData.Metrics;
import dev.turnstile.reports.render.HtmlReport;
import dev.turnstile.reports.render.MarkdownReport;
import dev.turnstile.reports.render.ReportJson;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The capacity report's CloudWatch part: the per-minute series from the stage's metrics, and the stage-wide
 * recommendation from metrics alone when there is no access log — which says so, and gives a quota only from a
 * window holding a whole period.
 */
class MetricsReportTest {

    @Test
    void theReportCarriesThePerMinuteMetrics() throws Exception {
        CapacityReportData data = CapacityReport.analyze(ReportRequest.builder(ReportFixtures.profile(),
                ReportFixtures.FROM, ReportFixtures.TO).accessLogs((f, t) -> ReportFixtures.accessLog())
                .metrics(ReportFixtures.metrics()).build(), ReportFixtures.TO);

        Metrics m = data.metrics();
        // every fixture line but the one at TO (outside the window) arrives in 10:01
        assertThat(m.startMillis()).isEqualTo(Instant.parse("2026-01-01T10:01:00Z").toEpochMilli());
        assertThat(m.periodSeconds()).isEqualTo(60);
        assertThat(m.count()).containsExactly(241);
        assertThat(m.clientErrors()).containsExactly(81); // 80 throttled + 1 bad key
        assertThat(m.serverErrors()).containsExactly(0);
        assertThat(m.latencyP99()).containsExactly(7.0);
        assertThat(data.metricsRecommendation()).as("per-key recommendations come from the access log").isNull();

        JsonNode json = new ObjectMapper().readTree(ReportJson.pretty(data));
        assertThat(json.at("/metrics/apiName").asText()).isEqualTo("turnstile-api");
        assertThat(new MarkdownReport().render(data)).contains("| 2026-01-01T10:01:00Z | 241 | 81 | 0 | 7 / 7 / 7 | 5 |");
    }

    @Test
    void withoutAnAccessLogTheReportRecommendsFromMetricsAloneAndSaysSo() {
        StageProfile p = ReportFixtures.profile();
        StageProfile noAccessLog = new StageProfile(p.kind(), p.region(), p.invokeUrl(), p.restApiId(), p.stageName(),
                p.endpoints(), p.table(), new StageProfile.LogGroups(null, p.logGroups().execution(), java.util.Map.of()),
                p.functions(), p.routes(), p.authorizers(), p.usagePlans(), p.local());

        CapacityReportData data = CapacityReport.analyze(ReportRequest.builder(noAccessLog, ReportFixtures.FROM,
                ReportFixtures.TO).metrics(ReportFixtures.metrics()).build(), ReportFixtures.TO);

        assertThat(data.source()).isEqualTo("metrics");
        assertThat(data.keys()).isEmpty();
        CapacityReportData.MetricsRecommendation r = data.metricsRecommendation();
        assertThat(r.busiestRequests()).isEqualTo(241);
        assertThat(r.rateLimit()).isEqualTo(5); // 241 per 60 s = 4.02 req/s, +20 % → 4.82 → 5
        assertThat(r.quotaLimit()).isNull();
        assertThat(r.quotaWindowNeeded()).contains("this window is 60 min");
        assertThat(data.findings()).extracting(CapacityReportData.Finding::code)
                .contains("RECOMMENDED_FROM_METRICS", "QUOTA_NEEDS_LONGER_WINDOW");
        String html = new HtmlReport().render(data);
        assertThat(html).contains("From CloudWatch metrics alone").contains("the stage&#39;s access log was not available")
                .contains("rate 5 (stage-wide), burst: not derivable from metrics");
    }

    @Test
    void aQuotaFromMetricsNeedsWholePeriods() {
        long day = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
        long[] hourly = new long[48];
        Arrays.fill(hourly, 0, 24, 100);   // day 1: 2,400
        Arrays.fill(hourly, 24, 48, 150);  // day 2: 3,600, busiest hour 150
        Double[] none = new Double[48];
        Metrics m = new Metrics("api", 3600, day, hourly, new long[48], new long[48], none, none, none, none);

        CapacityReportData.MetricsRecommendation r = new MetricsRecommender(0.2).recommend(m, QuotaPeriod.DAY, day,
                day + 2 * 86_400_000L);

        assertThat(r.quotaLimit()).isEqualTo(4320); // the busiest whole day, +20 %
        assertThat(r.rateLimit()).isEqualTo(1);     // 150 per hour
        assertThat(r.quotaWindowNeeded()).isNull();
    }
}
