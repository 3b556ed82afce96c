package dev.turnstile.simulations.verdict;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.conformance.ledger.LedgerSource;
import dev.turnstile.conformance.ledger.LongList;
import dev.turnstile.simulations.Band;
import dev.turnstile.simulations.Outcome;
import dev.turnstile.simulations.RunSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * ThrottleRate: one key offered k × its plan's rate. A token bucket that starts full (size = burst, refill = rate)
 * admits {@code burst + rate × T} of the arrivals in T seconds, T being the span from the first to the last decision
 * (never more than were sent). The admitted count must be inside the tolerance band, every rejection must be 429
 * {@code TooManyRequestsException}, and nothing may be 5xx. Once the burst has drained — observed as the first 429 —
 * and a second later, the admitted rate must be the plan's rate, within the same band.
 *
 * <p>Times are the stage's decision times ({@link DecisionTimes}: the access log's {@code requestTimeEpoch}, else the
 * answer time), never the client's send times: a request that waited in the client or on the network before the
 * stage decided it would otherwise start the steady window while the bucket still held tokens. With the stage's own
 * times the expected counts are a replay of exactly those arrivals through the plan's bucket ({@link IdealBucket}):
 * a stage or client that stalled for seconds and then delivered a flood makes the bucket lose the refill above its
 * burst, which {@code burst + rate × T} does not know. The offered rate is
 * the client's: the load must have been offered at the asked rate ({@link LedgerCounts#offeredLoad}), or the verdict
 * says so instead of judging the plan.
 */
final class ThrottleRateJudge implements Judge {

    @Override
    public Verdict judge(RunSpec spec, List<LedgerEntry> entries) {
        return judge(spec, entries, DecisionTimes.answered());
    }

    @Override
    public Verdict judge(RunSpec spec, List<LedgerEntry> entries, DecisionTimes times) {
        return judge(spec, LedgerSource.of(entries), times);
    }

    /**
     * Three passes over the ledger (counts, the time source, the decision times), keeping one {@code long} a request
     * (its decision time, with a bit for admitted and one for 429) and counters, never the entries.
     */
    @Override
    public Verdict judge(RunSpec spec, LedgerSource entries, DecisionTimes times) {
        Verdict.Builder verdict = new Verdict.Builder(spec.simulation(), spec.runId());
        LedgerCounts counts = new LedgerCounts(entries);
        counts.basics(verdict);
        double rate = spec.rateLimit();
        int burst = spec.burstLimit();
        verdict.expected("plan", "rate " + rate + "/s, burst " + burst)
                .expected("offeredRps", spec.offeredRps())
                .expected("rejections", Outcome.TOO_MANY_REQUESTS.toString());
        if (!counts.offeredLoad(verdict, spec)) {
            return verdict.build();
        }
        if (counts.unreachable() > 0) {
            // a request without an answer has no decision to count: the bucket's counts would describe the overload
            verdict.check(false, "NOT JUDGED: " + counts.unreachable() + " of " + counts.total() + " requests got no "
                    + "answer, so the stage could not carry this load here; the usage-plan checks are skipped");
            return verdict.build();
        }
        DecisionTimes.Resolved decided = times.resolve(entries);
        LongList decisions = new LongList();
        long[] firstThrottledAt = {Long.MAX_VALUE};
        java.util.BitSet accepted = new java.util.BitSet();
        entries.forEach(e -> {
            long t = decided.of(e);
            if (e.accepted()) {
                accepted.set(decisions.size());
            }
            if (Outcome.TOO_MANY_REQUESTS.matches(e)) {
                firstThrottledAt[0] = Math.min(firstThrottledAt[0], t);
            }
            decisions.add(t);
        });
        long[] at = Arrays.copyOf(decisions.raw(), decisions.size());
        long first = Arrays.stream(at).min().orElse(0);
        long last = Arrays.stream(at).max().orElse(0);
        double spanSeconds = (last - first) / 1000.0;
        double closedForm = Math.min(counts.total(), burst + rate * spanSeconds);
        // on the stage's own times the expectation is a replay of exactly those arrivals; on the client's, the
        // closed form (which assumes arrivals above the rate all along)
        boolean[] ideal = DecisionTimes.ACCESS_LOG.equals(decided.source()) ? IdealBucket.admits(rate, burst, at) : null;
        Band band = spec.band(ideal == null ? closedForm : admittedBetween(ideal, at, first, last));
        long admitted = counts.admitted();
        verdict.expected("admitted", band.toString())
                .observed("decisionTimes", decided.source())
                .observed("spanSeconds", round(spanSeconds))
                .observed("admitted", admitted);
        if (ideal == null) {
            verdict.check(band.contains(admitted), String.format(Locale.ROOT,
                    "admitted %d, expected burst + rate × T = %d + %.1f × %.3f s = %s", admitted, burst, rate,
                    spanSeconds, band));
        } else {
            verdict.expected("burstPlusRateTimesT", round(closedForm))
                    .observed("stageArrivalRps", round(spanSeconds > 0 ? (at.length - 1) / spanSeconds : 0))
                    .observed("longestArrivalGapMs", longestGap(at));
            verdict.check(band.contains(admitted), String.format(Locale.ROOT,
                    "admitted %d, expected what the plan's bucket (burst %d, rate %.1f/s) admits of the %d arrivals "
                            + "at the stage's own times = %s (burst + rate × T = %.1f over %.3f s)", admitted, burst,
                    rate, at.length, band, closedForm, spanSeconds));
        }
        long otherRejections = counts.rejectedOtherThan(Outcome.TOO_MANY_REQUESTS);
        verdict.observed("rejectedOtherThan429TooManyRequests", otherRejections).observed("5xx", counts.serverErrors());
        verdict.check(otherRejections == 0, otherRejections + " rejections were not 429 TooManyRequestsException "
                + "(observed " + counts.byOutcome() + ")");
        verdict.check(counts.serverErrors() == 0, counts.serverErrors() + " requests got a 5xx");

        // the bucket is empty when the first request is throttled; a second later the admitted rate is the refill
        // rate (observed, not computed from the offered rate, so injectors that started apart are judged right too)
        long firstThrottled = firstThrottledAt[0];
        if (firstThrottled != Long.MAX_VALUE) {
            long drainedAt = firstThrottled + 1000;
            if (last - drainedAt >= 2000) {
                double windowSeconds = (last - drainedAt) / 1000.0;
                long steady = 0;
                for (int i = accepted.nextSetBit(0); i >= 0; i = accepted.nextSetBit(i + 1)) {
                    if (at[i] >= drainedAt && at[i] <= last) {
                        steady++;
                    }
                }
                Band steadyBand = spec.band(ideal == null ? rate * windowSeconds
                        : admittedBetween(ideal, at, drainedAt, last));
                verdict.expected("steadyRate", rate).expected("steadyAdmitted", steadyBand.toString())
                        .observed("steadyRate", round(steady / windowSeconds)).observed("steadyAdmitted", steady)
                        .observed("steadyWindowSeconds", round(windowSeconds));
                verdict.check(steadyBand.contains(steady), String.format(Locale.ROOT,
                        "after the burst drained the stage admitted %d in %.3f s (%.1f/s), expected %s = %s",
                        steady, windowSeconds, steady / windowSeconds, ideal == null ? "rate × T"
                                : "what the plan's bucket admits of those arrivals", steadyBand));
            }
        }
        return verdict.build();
    }

    /** How many of the arrivals in {@code [from, to]} the ideal bucket admitted. */
    private static long admittedBetween(boolean[] ideal, long[] at, long from, long to) {
        long n = 0;
        for (int i = 0; i < at.length; i++) {
            if (ideal[i] && at[i] >= from && at[i] <= to) {
                n++;
            }
        }
        return n;
    }

    /** The longest time between consecutive arrivals, ms: a stall of the stage or the injector shows here. */
    private static long longestGap(long[] at) {
        long[] sorted = at.clone();
        Arrays.sort(sorted); // primitives: in place, no boxing
        long gap = 0;
        for (int i = 1; i < sorted.length; i++) {
            gap = Math.max(gap, sorted[i] - sorted[i - 1]);
        }
        return gap;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
