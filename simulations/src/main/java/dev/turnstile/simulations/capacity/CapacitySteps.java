package dev.turnstile.simulations.capacity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.reports.input.CapacityStep;
import dev.turnstile.reports.input.RunFolder;
import dev.turnstile.stage.stats.Percentiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Capacity simulation's per-step table, computed from its ledger: each request's scenario carries its step's
 * offered rate ({@code Capacity:key-allow:step=400}). Per step: requests, the rate they were really sent at, 2xx
 * throughput over the step's span,
 * nearest-rank p50/p95/p99 of client latency, and the share that was not 2xx. Written as
 * {@code capacity-steps.json} for the capacity report ({@link CapacityStep}).
 */
public final class CapacitySteps {

    /** The scenario marker before a step's offered rate. */
    public static final String STEP_MARKER = ":step=";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CapacitySteps() {
    }

    /** The scenario value of a request sent in the step offering {@code offeredRps}. */
    public static String scenario(String base, double offeredRps) {
        return base + STEP_MARKER + formatRate(offeredRps);
    }

    /** The steps found in {@code entries}, by ascending offered rate. */
    public static List<CapacityStep> of(List<LedgerEntry> entries) {
        Map<Double, List<LedgerEntry>> bySteps = new TreeMap<>();
        for (LedgerEntry e : entries) {
            if (e.scenario() == null) {
                continue;
            }
            int at = e.scenario().lastIndexOf(STEP_MARKER);
            if (at < 0) {
                continue;
            }
            double offered = Double.parseDouble(e.scenario().substring(at + STEP_MARKER.length()));
            bySteps.computeIfAbsent(offered, k -> new ArrayList<>()).add(e);
        }
        List<CapacityStep> steps = new ArrayList<>();
        bySteps.forEach((offered, list) -> steps.add(step(offered, list)));
        return steps;
    }

    static CapacityStep step(double offered, List<LedgerEntry> list) {
        long first = list.stream().mapToLong(LedgerEntry::timeMs).min().orElseThrow();
        long last = list.stream().mapToLong(LedgerEntry::timeMs).max().orElseThrow();
        // the span of n evenly spaced arrivals is (n − 1) intervals; add one interval so a step's span is its hold
        double seconds = (last - first) / 1000.0 + 1.0 / offered;
        long ok = list.stream().filter(LedgerEntry::accepted).count();
        Percentiles latency = Percentiles.of(
                list.stream().filter(e -> e.status() != 0).mapToLong(LedgerEntry::latencyMs).toArray());
        return new CapacityStep(offered, round(ok / seconds), latency.value(50), latency.value(95), latency.value(99), round((list.size() - ok) / (double) list.size()), list.size(),
                round(list.size() / seconds));
    }

    /** Writes {@code capacity-steps.json} into the run folder. */
    public static Path write(Path runDir, List<CapacityStep> steps) {
        Path file = runDir.resolve(RunFolder.CAPACITY_STEPS);
        try {
            JSON.writeValue(file.toFile(), steps);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String formatRate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    /** For tests and logs: the offered rates of {@code steps}. */
    public static double[] offered(List<CapacityStep> steps) {
        return steps.stream().mapToDouble(CapacityStep::offeredRps).toArray();
    }

}
