package dev.turnstile.reports.analysis;

import dev.turnstile.reports.input.Arrival;
import dev.turnstile.reports.input.CapacityStep;
import dev.turnstile.reports.input.RunFolder;
import dev.turnstile.reports.model.CapacityReportData;
import dev.turnstile.reports.model.CapacityReportData.Finding;
import dev.turnstile.reports.model.CapacityReportData.KeyReport;
import dev.turnstile.reports.model.CapacityReportData.Outcomes;
import dev.turnstile.reports.model.CapacityReportData.PlanSummary;
import dev.turnstile.reports.model.CapacityReportData.ReplayCheck;
import dev.turnstile.reports.model.CapacityReportData.RouteTraffic;
import dev.turnstile.reports.model.CapacityReportData.Series;
import dev.turnstile.reports.model.CapacityReportData.Traffic;
import dev.turnstile.reports.model.CapacityReportData.Volume;
import dev.turnstile.stage.profile.SecretMask;
import dev.turnstile.stage.profile.StageProfile;
import dev.turnstile.stage.usageplan.QuotaPeriod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns arrivals, the stage's plans and the run folders into the report's numbers: per-key traffic, the
 * current plan's replay against the observed 429s, candidate settings, recommendations and findings.
 */
public final class CapacityAnalyzer {

    /** Charts get at most about this many points per series. */
    private static final int MAX_POINTS = 1500;

    private final PlanReplay replay;
    private final Recommender recommender;
    private final CapacityReportData.Settings settings;

    public CapacityAnalyzer(CapacityReportData.Settings settings) {
        this.replay = new PlanReplay();
        this.recommender = new Recommender(replay, settings.targetRejection(), settings.headroom());
        this.settings = settings;
    }

    /**
     * Analyzes one window.
     *
     * @param arrivals every arrival read for the window (those outside [from, to) are ignored)
     * @param source   label for where arrivals came from
     */
    public CapacityReportData analyze(StageProfile profile, Instant from, Instant to, String source,
                                      List<Arrival> arrivals, List<RunFolder> runs, Instant now) {
        List<Finding> findings = new ArrayList<>();
        CapacityReportData.Capacity capacity = capacity(runs);
        Double capacityRps = capacity == null || capacity.knee() == null ? null : capacity.knee().throughputRps();

        Map<String, StageProfile.UsagePlanInfo> planByKey = new HashMap<>();
        Map<String, StageProfile.ApiKeyInfo> keyById = new HashMap<>();
        List<PlanSummary> plans = new ArrayList<>();
        for (StageProfile.UsagePlanInfo plan : profile.usagePlans()) {
            List<StageProfile.ApiKeyInfo> keys = plan.apiKeys();
            for (StageProfile.ApiKeyInfo k : keys) {
                planByKey.put(k.id(), plan);
                keyById.put(k.id(), k);
            }
            plans.add(summary(plan, keys));
            planFindings(plan, keys.size(), capacityRps, findings);
        }
        if (capacityRps != null) {
            double combined = 0;
            for (StageProfile.UsagePlanInfo plan : profile.usagePlans()) {
                if (plan.throttle() != null) {
                    combined += plan.throttle().rateLimit() * plan.apiKeys().size();
                }
            }
            if (combined > capacityRps) {
                findings.add(new Finding("warning", "COMBINED_RATE_ABOVE_CAPACITY", "stage",
                        String.format(Locale.ROOT, "all keys at their plans' rates together may send %s req/s; the stage carried "
                                + "%s req/s at the capacity knee", num(combined), num(capacityRps))));
            }
        }

        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        Map<String, List<Arrival>> byKey = new TreeMap<>();
        for (Arrival a : arrivals) {
            if (a.metered() && a.timeMillis() >= fromMs && a.timeMillis() < toMs) {
                byKey.computeIfAbsent(a.apiKeyId(), k -> new ArrayList<>()).add(a);
            }
        }
        List<KeyReport> keys = new ArrayList<>();
        for (Map.Entry<String, List<Arrival>> e : byKey.entrySet()) {
            keys.add(key(e.getKey(), e.getValue(), planByKey.get(e.getKey()), keyById.get(e.getKey()),
                    fromMs, toMs, capacityRps, findings));
        }

        List<CapacityReportData.RunSummary> runSummaries = new ArrayList<>();
        for (RunFolder run : runs) {
            runSummaries.add(new CapacityReportData.RunSummary(run.runId(), run.requests(), run.verdicts(),
                    run.steps().size()));
            run.verdicts().stream().filter(v -> !v.pass()).forEach(v -> findings.add(new Finding("error",
                    "RUN_FAILED", "run " + run.runId(), "simulation " + v.simulation() + " failed: expected "
                    + v.expected() + ", observed " + v.observed())));
        }
        if (capacity == null) {
            findings.add(new Finding("info", "NO_CAPACITY_DATA", "stage", "no run folder had "
                    + RunFolder.CAPACITY_STEPS + ": recommended rates are not capped by measured capacity"));
        } else if (capacity.knee() == null) {
            findings.add(new Finding("warning", "NO_CAPACITY_KNEE", "stage", "no Capacity step kept p99 under "
                    + num(settings.latencyThresholdMs()) + " ms without errors"));
        }
        findings.sort(Comparator.comparingInt(f -> List.of("error", "warning", "info").indexOf(f.severity())));
        String stage = profile.restApiId() + "/" + profile.stageName();
        return new CapacityReportData(now.toString(), from.toString(), to.toString(), stage, source, settings, plans,
                keys, capacity, runSummaries, findings, null, null);
    }

    private KeyReport key(String keyId, List<Arrival> arrivals, StageProfile.UsagePlanInfo plan,
                          StageProfile.ApiKeyInfo key, long fromMs, long toMs, Double capacityRps,
                          List<Finding> findings) {
        arrivals.sort(Comparator.comparingLong(Arrival::timeMillis));
        long[] times = arrivals.stream().mapToLong(Arrival::timeMillis).toArray();
        ArrivalStats stats = ArrivalStats.of(times, fromMs, toMs);
        String masked = mask(keyId);

        Map<String, List<Arrival>> byRoute = new TreeMap<>();
        arrivals.forEach(a -> byRoute.computeIfAbsent(a.route(), r -> new ArrayList<>()).add(a));
        List<RouteTraffic> routes = new ArrayList<>();
        byRoute.forEach((route, list) -> routes.add(new RouteTraffic(route, traffic(ArrivalStats.of(
                list.stream().mapToLong(Arrival::timeMillis).toArray(), fromMs, toMs)))));

        Outcomes observed = new Outcomes(count(arrivals, Arrival.Outcome.ADMITTED),
                count(arrivals, Arrival.Outcome.THROTTLED), count(arrivals, Arrival.Outcome.QUOTA_EXCEEDED));

        QuotaPeriod period = QuotaPeriod.DAY;
        ReplayCheck check = null;
        List<Double> extraRates = new ArrayList<>();
        List<Integer> extraBursts = new ArrayList<>();
        if (plan == null) {
            findings.add(new Finding("warning", "KEY_WITHOUT_PLAN", "key " + masked,
                    "the stage profile has no usage plan with this key"));
        } else {
            PlanReplay.Quota quota = null;
            if (plan.quota() != null) {
                period = plan.quota().period();
                quota = new PlanReplay.Quota(plan.quota().limit(), period);
            }
            if (plan.throttle() != null) {
                StageProfile.ThrottleInfo t = plan.throttle();
                extraRates.add(t.rateLimit());
                extraBursts.add(t.burstLimit());
                PlanReplay.Result r = replay.replay(times, t.rateLimit(), t.burstLimit(), quota);
                Outcomes replayed = new Outcomes(r.admitted(), r.throttled(), r.quotaExceeded());
                long tolerance = Math.max(1, Math.round(0.01 * times.length));
                boolean agrees = Math.abs(replayed.throttled() - observed.throttled()) <= tolerance
                        && Math.abs(replayed.quotaExceeded() - observed.quotaExceeded()) <= tolerance;
                check = new ReplayCheck(t.rateLimit(), t.burstLimit(), quota == null ? null : quota.limit(),
                        quota == null ? null : period.name(), replayed, observed, agrees);
                if (!agrees) {
                    findings.add(new Finding("warning", "REPLAY_DISAGREES", "key " + masked, String.format(Locale.ROOT,
                            "replaying the current plan (rate %s, burst %d%s) throttles %d and stops %d over quota; "
                                    + "the stage throttled %d and stopped %d over quota (the replay starts each quota "
                                    + "period unused, so usage before the window also shows here)",
                            num(t.rateLimit()), t.burstLimit(), quota == null ? "" : ", quota " + quota.limit() + "/"
                                    + period, replayed.throttled(), replayed.quotaExceeded(), observed.throttled(),
                            observed.quotaExceeded())));
                }
            }
        }
        Recommender.Recommendation rec = recommender.recommend(times, stats, period, fromMs, toMs, capacityRps);
        if (rec.cappedByCapacity()) {
            findings.add(new Finding("warning", "RECOMMENDATION_CAPPED", "key " + masked, String.format(Locale.ROOT,
                    "the traffic needs %d req/s with headroom but the stage carried only %s req/s at the knee; "
                            + "the rate is capped and %.2f %% of this traffic would be throttled",
                    (long) Math.ceil(rec.rawRate() * (1 + settings.headroom())), num(capacityRps),
                    rec.replayedShare() * 100)));
        }
        if (rec.quotaWindowNeeded() != null) {
            findings.add(new Finding("info", "QUOTA_NEEDS_LONGER_WINDOW", "key " + masked, rec.quotaWindowNeeded()));
        }
        List<Recommender.Candidate> candidates = recommender.candidates(times, stats, rec, extraRates, extraBursts);
        return new KeyReport(masked, key == null ? null : key.name(), plan == null ? null : plan.id(),
                plan == null ? null : plan.name(), traffic(stats), routes, observed, check, candidates, rec,
                series(arrivals, stats));
    }

    private static Series series(List<Arrival> sorted, ArrivalStats stats) {
        long seconds = stats.activeSeconds();
        int bin = (int) Math.max(1, (seconds + MAX_POINTS - 1) / MAX_POINTS);
        int n = (int) ((seconds + bin - 1) / bin);
        long[] peak = new long[n];
        long[] admitted = new long[n];
        long[] throttled = new long[n];
        long[] quota = new long[n];
        long second = -1;
        long inSecond = 0;
        for (Arrival a : sorted) {
            long s = (a.timeMillis() - stats.firstMillis()) / 1000;
            inSecond = s == second ? inSecond + 1 : 1;
            second = s;
            int i = (int) (s / bin);
            peak[i] = Math.max(peak[i], inSecond);
            switch (a.outcome()) {
                case THROTTLED -> throttled[i]++;
                case QUOTA_EXCEEDED -> quota[i]++;
                default -> admitted[i]++;
            }
        }
        return new Series(stats.firstMillis(), bin, peak, admitted, throttled, quota);
    }

    private static Traffic traffic(ArrivalStats s) {
        Map<String, List<Volume>> volumes = new LinkedHashMap<>();
        s.volumes().forEach((p, list) -> volumes.put(p.name(), list.stream()
                .map(v -> new Volume(Instant.ofEpochMilli(v.startMillis()).toString(), v.requests(), v.complete()))
                .toList()));
        return new Traffic(s.requests(), Instant.ofEpochMilli(s.firstMillis()).toString(),
                Instant.ofEpochMilli(s.lastMillis()).toString(), s.p50(), s.p95(), s.p99(), s.maxPerSecond(),
                s.peak1s(), s.peak100ms(), volumes);
    }

    private CapacityReportData.Capacity capacity(List<RunFolder> runs) {
        Optional<RunFolder> last = runs.stream().filter(r -> !r.steps().isEmpty()).reduce((a, b) -> b);
        if (last.isEmpty()) {
            return null;
        }
        List<CapacityStep> steps = last.get().steps().stream()
                .sorted(Comparator.comparingDouble(CapacityStep::offeredRps)).toList();
        return new CapacityReportData.Capacity(settings.latencyThresholdMs(), steps,
                CapacityKnee.find(steps, settings.latencyThresholdMs()).orElse(null), last.get().runId());
    }

    private static PlanSummary summary(StageProfile.UsagePlanInfo plan, List<StageProfile.ApiKeyInfo> keys) {
        StageProfile.ThrottleInfo t = plan.throttle();
        StageProfile.QuotaInfo q = plan.quota();
        return new PlanSummary(plan.id(), plan.name(), t == null ? null : t.rateLimit(),
                t == null ? null : t.burstLimit(), q == null ? null : q.limit(), q == null ? null : q.period().name(),
                q == null ? null : q.offset(), keys.stream().map(k -> mask(k.id())).toList());
    }

    private static void planFindings(StageProfile.UsagePlanInfo plan, int keyCount, Double capacityRps,
                                     List<Finding> findings) {
        String subject = "plan " + plan.name() + " (" + plan.id() + ")";
        StageProfile.ThrottleInfo t = plan.throttle();
        if (t != null && t.burstLimit() < t.rateLimit()) {
            findings.add(new Finding("warning", "BURST_BELOW_RATE", subject, String.format(Locale.ROOT,
                    "burst %d is below the rate %s req/s: a client can never send one second's worth of "
                            + "requests at once", t.burstLimit(), num(t.rateLimit()))));
        }
        if (t != null && plan.quota() != null && t.rateLimit() > 0) {
            QuotaPeriod period = plan.quota().period();
            double secondsToExhaust = plan.quota().limit() / t.rateLimit();
            if (secondsToExhaust < period.nominalSeconds()) {
                findings.add(new Finding("warning", "QUOTA_EXHAUSTED_BEFORE_PERIOD_END", subject, String.format(Locale.ROOT,
                        "a steady client at the plan's rate (%s req/s) spends the %d-request %s quota in %s",
                        num(t.rateLimit()), plan.quota().limit(), period, duration(secondsToExhaust))));
            }
        }
        if (t != null && capacityRps != null && t.rateLimit() > capacityRps) {
            findings.add(new Finding("error", "RATE_ABOVE_CAPACITY", subject, String.format(Locale.ROOT,
                    "the plan admits %s req/s per key but the stage carried %s req/s at the capacity knee",
                    num(t.rateLimit()), num(capacityRps))));
        }
        if (!plan.methodThrottle().isEmpty()) {
            findings.add(new Finding("info", "METHOD_THROTTLE_NOT_REPLAYED", subject,
                    "per-method throttles " + plan.methodThrottle().keySet() + " are not part of the replay"));
        }
        if (keyCount == 0) {
            findings.add(new Finding("info", "PLAN_WITHOUT_KEYS", subject, "the plan has no API keys"));
        }
    }

    private static long count(List<Arrival> arrivals, Arrival.Outcome outcome) {
        return arrivals.stream().filter(a -> a.outcome() == outcome).count();
    }

    /** Key ids masked like key values: the last 4 characters. */
    public static String mask(String keyId) {
        return SecretMask.mask(keyId);
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
