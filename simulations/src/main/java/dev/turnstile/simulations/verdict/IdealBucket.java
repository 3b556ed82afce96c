package dev.turnstile.simulations.verdict;

import dev.turnstile.conformance.ledger.PackedSort;

/**
 * The usage plan's token bucket as the documentation states it (docs/aws-behaviour.md §3.3): {@code burst} tokens,
 * full at the first request, refilled at {@code rate} per second, one token per admitted request. Replayed over the
 * times the stage itself received a run's requests, it gives what a correct bucket admits of exactly those arrivals —
 * also when they came in stalls and floods, where {@code burst + rate × T} is wrong (a bucket that is full while
 * nothing arrives refills nothing). Written here, apart from the local stage's bucket, so a judge never checks the
 * stage's arithmetic against itself.
 */
final class IdealBucket {

    private IdealBucket() {
    }

    /**
     * Which of the arrivals at {@code timesMs} (in any order) a bucket of {@code burst} refilling at {@code rate}/s
     * admits; index i of the result answers {@code timesMs[i]}. Arrivals of the same millisecond are taken in index
     * order.
     */
    static boolean[] admits(double rate, int burst, long[] timesMs) {
        int[] order = PackedSort.order(timesMs, timesMs.length); // primitives: a million arrivals in milliseconds
        boolean[] admitted = new boolean[timesMs.length];
        double tokens = burst;
        long previous = order.length == 0 ? 0 : timesMs[order[0]];
        for (int i : order) {
            tokens = Math.min(burst, tokens + rate * (timesMs[i] - previous) / 1000.0);
            previous = timesMs[i];
            if (tokens >= 1) {
                tokens -= 1;
                admitted[i] = true;
            }
        }
        return admitted;
    }
}
