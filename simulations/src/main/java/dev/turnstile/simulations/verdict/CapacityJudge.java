package dev.turnstile.simulations.verdict;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.reports.ReportRequest;
import dev.turnstile.reports.analysis.CapacityKnee;
import dev.turnstile.reports.input.CapacityStep;
import dev.turnstile.simulations.RunSpec;
import dev.turnstile.simulations.capacity.CapacitySteps;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Capacity: a measurement, not a conformance check — it passes when the stage was reached, at least one step
 * produced numbers, and every step it reports as carried was offered at its rate; the per-step table
 * ({@code capacity-steps.json}) and the knee are its result. The knee is the highest step under the capacity report's
 * p99 threshold without errors ({@link CapacityKnee}); the step above it, when one ran, is where the stage's limit
 * showed. A knee step the injectors sent well below its rate would describe the load generator, so the run says so.
 * The run's cross-check (every 2xx stored and logged once) still applies.
 */
final class CapacityJudge implements Judge {

    @Override
    public Verdict judge(RunSpec spec, List<LedgerEntry> entries) {
        Verdict.Builder verdict = new Verdict.Builder(spec.simulation(), spec.runId());
        LedgerCounts counts = new LedgerCounts(entries);
        verdict.observed("requests", counts.total()).observed("byOutcome", counts.byOutcome());
        verdict.check(counts.admitted() > 0, "no request was admitted: the simulation could not use the stage");
        List<CapacityStep> steps = CapacitySteps.of(entries);
        verdict.expected("steps", spec.capacitySteps()).observed("steps", steps);
        verdict.check(!steps.isEmpty(), "no capacity step was recorded");
        double threshold = ReportRequest.DEFAULT_LATENCY_THRESHOLD_MS;
        Optional<CapacityStep> knee = CapacityKnee.find(steps, threshold);
        verdict.observed("knee", knee.map(CapacityJudge::describe).orElse("none: no step stayed under p99 "
                + (long) threshold + " ms without errors"));
        Optional<CapacityStep> above = steps.stream()
                .filter(s -> knee.isEmpty() || s.offeredRps() > knee.get().offeredRps()).findFirst();
        verdict.observed("limit", above.map(s -> "showed at " + describe(s))
                .orElse("not reached: every step up to " + (steps.isEmpty() ? 0 : (long) steps.get(steps.size() - 1)
                        .offeredRps()) + " req/s stayed under p99 " + (long) threshold + " ms; raise "
                        + "-Dturnstile.capacity.steps to find it"));
        if (spec.offeredShare() > 0) {
            for (CapacityStep s : steps) {
                if (knee.isPresent() && s.offeredRps() <= knee.get().offeredRps() && s.sentRps() > 0
                        && s.sentRps() < spec.offeredShare() * s.offeredRps()) {
                    verdict.check(false, String.format(Locale.ROOT, "NOT MEASURED: the step at %.0f req/s was sent at "
                            + "%.1f req/s; this machine could not generate the load, so the knee would describe the "
                            + "load generator, not the stage — run the injector on another machine or with several "
                            + "injectors (-Dturnstile.injectors)", s.offeredRps(), s.sentRps()));
                }
            }
        }
        return verdict.build();
    }

    /** {@code 400 req/s offered (sent 399.8): 398.1 carried, p50 …, p99 … ms, errors …%}. */
    static String describe(CapacityStep s) {
        return String.format(Locale.ROOT, "%.0f req/s offered (sent %.1f): %.1f carried, p50 %.0f ms, p99 %.0f ms, "
                + "errors %.1f %%", s.offeredRps(), s.sentRps(), s.throughputRps(), s.p50Ms(), s.p99Ms(),
                100 * s.errorShare());
    }
}
