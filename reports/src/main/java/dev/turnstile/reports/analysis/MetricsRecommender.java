package dev.turnstile.reports.analysis;

import dev.turnstile.reports.model.CapacityReportData.Metrics;
import dev.turnstile.reports.model.CapacityReportData.MetricsRecommendation;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.time.Instant;

/**
 * A stage-wide usage-plan recommendation from CloudWatch metrics alone, for a stage whose access log is not
 * available. Metrics have no API-key dimension and a period of a minute, so this is coarser than the per-key replay:
 * the rate is the busiest period's mean rate (every key and client together) plus headroom, no burst is derived
 * (a minute hides what a second does), and a quota comes only from complete calendar periods ({@link QuotaWindow}).
 */
public final class MetricsRecommender {

    private final double headroom;

    public MetricsRecommender(double headroom) {
        this.headroom = headroom;
    }

    public MetricsRecommendation recommend(Metrics m, QuotaPeriod quotaPeriod, long fromMs, long toMs) {
        int busiest = 0;
        for (int i = 1; i < m.count().length; i++) {
            if (m.count()[i] > m.count()[busiest]) {
                busiest = i;
            }
        }
        long peak = m.count()[busiest];
        long rate = Math.max(1, (long) Math.ceil((double) peak / m.periodSeconds() * (1 + headroom) - 1e-9));
        Long quota = null;
        String needed = null;
        if (QuotaWindow.holdsAPeriod(quotaPeriod, fromMs, toMs)) {
            long worst = 0;
            long periodMillis = m.periodSeconds() * 1000L;
            for (long start = firstWhole(quotaPeriod, fromMs); quotaPeriod.end(start) <= toMs; start = quotaPeriod.end(start)) {
                long sum = 0;
                for (int i = 0; i < m.count().length; i++) {
                    long t = m.startMillis() + i * periodMillis;
                    if (t >= start && t < quotaPeriod.end(start)) {
                        sum += m.count()[i];
                    }
                }
                worst = Math.max(worst, sum);
            }
            quota = (long) Math.ceil(worst * (1 + headroom) - 1e-9);
        } else {
            needed = QuotaWindow.needed(quotaPeriod, fromMs, toMs);
        }
        String note = "from CloudWatch metrics alone (the stage's access log was not available): Count of the whole stage "
                + "— every key and every client together — per " + m.periodSeconds() + " s; no burst is recommended, "
                + "since a " + m.periodSeconds() + " s period hides what happens within a second (keep the burst at "
                + "least at the rate, or report from access logs)";
        return new MetricsRecommendation(Instant.ofEpochMilli(m.startMillis() + busiest * m.periodSeconds() * 1000L)
                .toString(), peak, rate, quota, quotaPeriod.name(), needed, note);
    }

    private static long firstWhole(QuotaPeriod period, long fromMs) {
        return period.start(fromMs) == fromMs ? fromMs : period.end(fromMs);
    }
}
