package dev.turnstile.reports.analysis;

import dev.turnstile.reports.input.CapacityStep;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The knee of the Capacity simulation's throughput-versus-latency curve: the highest offered step whose p99
 * stays under the latency threshold with no errors. Its throughput caps any recommended rate.
 */
public final class CapacityKnee {

    private CapacityKnee() {
    }

    /** The knee step, or empty when no step qualifies (or there are no steps). */
    public static Optional<CapacityStep> find(List<CapacityStep> steps, double p99ThresholdMs) {
        if (!(p99ThresholdMs > 0)) {
            throw new IllegalArgumentException("latency threshold must be > 0 ms, got " + p99ThresholdMs);
        }
        return steps.stream()
                .filter(s -> s.p99Ms() < p99ThresholdMs && s.errorShare() == 0.0)
                .max(Comparator.comparingDouble(CapacityStep::offeredRps));
    }
}
