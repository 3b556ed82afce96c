package dev.turnstile.simulations.verdict;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.simulations.RunSpec;
import dev.turnstile.simulations.capacity.CapacitySteps;
import dev.turnstile.reports.input.CapacityStep;
import java.util.List;

/**
 * Capacity: a measurement, not a conformance check — it passes when the stage was reached and at least one step
 * produced numbers; the per-step table ({@code capacity-steps.json}) and the knee are its result. The run's
 * cross-check (every 2xx stored and logged once) still applies. Errors and slow answers in a step are findings of the
 * capacity report, and the step that shows them ends the stepping.
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
        return verdict.build();
    }
}
