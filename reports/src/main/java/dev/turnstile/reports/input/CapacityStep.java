package dev.turnstile.reports.input;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One load step of the Capacity simulation: an element of {@code capacity-steps.json} (a JSON array) in the
 * simulation's run folder. The simulations write it; the capacity report reads it. Unknown fields are ignored.
 *
 * <pre>
 * [{"offeredRps":100, "throughputRps":99.8, "p50Ms":4, "p95Ms":9, "p99Ms":15, "errorShare":0.0, "requests":6000,
 *   "sentRps":100.0}]
 * </pre>
 *
 * @param offeredRps    the step's target arrival rate (requests per second)
 * @param throughputRps requests per second actually answered with 2xx during the step
 * @param p50Ms         median client latency in milliseconds
 * @param p95Ms         95th percentile latency in milliseconds
 * @param p99Ms         99th percentile latency in milliseconds
 * @param errorShare    share (0..1) of the step's requests that were not 2xx or failed to connect
 * @param requests      requests sent in the step
 * @param sentRps       requests per second the injectors really sent during the step (0 when not measured): below
 *                      {@code offeredRps} the load generator, not the stage, limited the step
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CapacityStep(double offeredRps, double throughputRps, double p50Ms, double p95Ms, double p99Ms,
                           double errorShare, long requests, double sentRps) {

    /** A step whose sent rate was not measured (files written before it was). */
    public CapacityStep(double offeredRps, double throughputRps, double p50Ms, double p95Ms, double p99Ms,
                        double errorShare, long requests) {
        this(offeredRps, throughputRps, p50Ms, p95Ms, p99Ms, errorShare, requests, 0);
    }
}
