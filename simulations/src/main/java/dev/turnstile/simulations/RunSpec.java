package dev.turnstile.simulations;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a simulation run was asked to do and what it measured outside the ledger ({@code run.json} in the run
 * folder): enough for a verdict to be recomputed from the ledger alone, which is how the merge step judges several
 * injectors' runs together.
 *
 * @param simulation     simulation name ({@code ThrottleRate}, …)
 * @param runId          this run's id
 * @param injectors      how many injectors shared the load
 * @param injector       this run's injector index
 * @param stageKind      {@code local} or {@code aws}
 * @param planName       the usage plan under test (null when none)
 * @param keyId          its API key id (the value is never written)
 * @param rateLimit      the plan's throttle rate (requests per second)
 * @param burstLimit     the plan's burst
 * @param quotaLimit     the plan's quota limit (0 when none)
 * @param offeredRps     the whole run's offered arrival rate (all injectors together)
 * @param durationMs     the load's planned duration
 * @param tolerancePercent relative tolerance of count bands (0.02 = 2 %)
 * @param toleranceRequests absolute tolerance of count bands
 * @param startedMs      wall time the run started
 * @param endedMs        wall time the load ended
 * @param usageBefore    {@code GetUsage} [used, remaining] for the key before the load (Quota only)
 * @param usageAfter     the same after the load (Quota only)
 * @param capacitySteps  the Capacity steps' offered rates (Capacity only)
 * @param clockOffsetMs  stage clock minus wall clock at the end (0 for AWS; the local stage's may have been moved)
 * @param gatlingResults Gatling's results folder of this run, when known
 * @param offeredShare   least share of {@code offeredRps} the injectors must have offered for a rate verdict to stand
 *                       (0: no check, as in run folders written before it existed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunSpec(String simulation, String runId, int injectors, int injector, String stageKind,
                      String planName, String keyId, double rateLimit, int burstLimit, long quotaLimit,
                      double offeredRps, long durationMs, double tolerancePercent, long toleranceRequests,
                      long startedMs, long endedMs, List<Long> usageBefore, List<Long> usageAfter,
                      List<Double> capacitySteps, long clockOffsetMs, String gatlingResults, double offeredShare) {

    /** File name inside the run folder. */
    public static final String FILE = "run.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A count band around {@code expected} with this run's tolerance. */
    public Band band(double expected) {
        return Band.around(expected, tolerancePercent, toleranceRequests);
    }

    /** The spec once the load ended: end time, the usage read after it, the stage clock's offset, Gatling's folder. */
    public RunSpec ended(long endedMs, List<Long> usageAfter, long clockOffsetMs, String gatlingResults) {
        return new RunSpec(simulation, runId, injectors, injector, stageKind, planName, keyId, rateLimit, burstLimit,
                quotaLimit, offeredRps, durationMs, tolerancePercent, toleranceRequests, startedMs, endedMs,
                usageBefore, usageAfter, capacitySteps, clockOffsetMs, gatlingResults, offeredShare);
    }

    public RunSpec withUsageBefore(List<Long> usage) {
        return new RunSpec(simulation, runId, injectors, injector, stageKind, planName, keyId, rateLimit, burstLimit,
                quotaLimit, offeredRps, durationMs, tolerancePercent, toleranceRequests, startedMs, endedMs, usage,
                usageAfter, capacitySteps, clockOffsetMs, gatlingResults, offeredShare);
    }

    public RunSpec withUsageAfter(List<Long> usage) {
        return new RunSpec(simulation, runId, injectors, injector, stageKind, planName, keyId, rateLimit, burstLimit,
                quotaLimit, offeredRps, durationMs, tolerancePercent, toleranceRequests, startedMs, endedMs,
                usageBefore, usage, capacitySteps, clockOffsetMs, gatlingResults, offeredShare);
    }

    public RunSpec withCapacitySteps(List<Double> steps) {
        return new RunSpec(simulation, runId, injectors, injector, stageKind, planName, keyId, rateLimit, burstLimit,
                quotaLimit, offeredRps, durationMs, tolerancePercent, toleranceRequests, startedMs, endedMs,
                usageBefore, usageAfter, steps, clockOffsetMs, gatlingResults, offeredShare);
    }

    /** The same spec as the merged run {@code runId} of all injectors. */
    public RunSpec merged(String mergedRunId, long started, long ended) {
        return new RunSpec(simulation, mergedRunId, injectors, -1, stageKind, planName, keyId, rateLimit, burstLimit,
                quotaLimit, offeredRps, durationMs, tolerancePercent, toleranceRequests, started, ended, usageBefore,
                usageAfter, capacitySteps, clockOffsetMs, null, offeredShare);
    }

    public void write(Path runDir) {
        try {
            Files.createDirectories(runDir);
            JSON.writeValue(runDir.resolve(FILE).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve(FILE), e);
        }
    }

    public static RunSpec read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("not a simulation run folder (no " + FILE + "): " + runDir.toAbsolutePath());
        }
        try {
            return JSON.readValue(file.toFile(), RunSpec.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a run spec: " + e.getMessage(), e);
        }
    }
}
