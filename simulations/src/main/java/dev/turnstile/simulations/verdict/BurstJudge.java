package dev.turnstile.simulations.verdict;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.simulations.Band;
import dev.turnstile.simulations.Outcome;
import dev.turnstile.simulations.RunSpec;
import java.util.List;
import java.util.Locale;

/**
 * Burst: after an idle period that refills the bucket, 2 × burst requests at once. The bucket admits its burst plus
 * what refills while the gateway is deciding the spike; that refill is bounded by the rate times the spike's observed
 * duration: with the stage's access log, from its first arrival at the gateway ({@code requestTimeEpoch})
 * up to the latest its decisions can have been (arrival plus the non-integration part of {@code responseLatency});
 * without it, first request sent to last rejection answered — every usage-plan decision falls inside it; with no
 * rejection at all, the spread of the sends. The admitted
 * count must lie in {@code [burst − tolerance, burst + rate × spike + tolerance]}; every rejection is 429
 * {@code TooManyRequestsException}; nothing is 5xx. Only the spike's requests ({@code Burst:spike…}) are counted; the
 * warm-up request that fills the authorizer cache is not.
 */
final class BurstJudge implements Judge {

    @Override
    public Verdict judge(RunSpec spec, List<LedgerEntry> all) {
        return judge(spec, all, DecisionTimes.answered());
    }

    /**
     * With the stage's own times (the access log's {@code requestTimeEpoch} and {@code responseLatency}) the spike
     * lasts from its first arrival at the gateway to its latest possible decision: a client that opens hundreds of connections at once on a busy machine delivers
     * them over seconds, and its send times would hide that (docs/aws-behaviour.md §3.3). Without them, from the
     * first send to the last rejection answered.
     */
    @Override
    public Verdict judge(RunSpec spec, List<LedgerEntry> all, DecisionTimes times) {
        List<LedgerEntry> spike = all.stream().filter(e -> e.scenario() != null && e.scenario().contains(":spike"))
                .toList();
        Verdict.Builder verdict = new Verdict.Builder(spec.simulation(), spec.runId());
        LedgerCounts counts = new LedgerCounts(spike);
        counts.basics(verdict);
        DecisionTimes.Resolved decided = times.resolve(spike);
        long start;
        long lastDecision;
        if (DecisionTimes.ACCESS_LOG.equals(decided.source())) {
            // from the first arrival to the latest any decision can have been: the usage-plan check follows the
            // arrival after the authorizer, and on a busy stage that wait is not negligible against the spike
            start = spike.stream().mapToLong(decided::of).min().orElse(0);
            lastDecision = spike.stream().mapToLong(decided::latestOf).max().orElse(0);
        } else {
            start = counts.firstSendMs();
            // a 429 is answered right after its decision, so the last one bounds the decisions; with none, the
            // gateway decided on arrival, and the sends' own spread is the window (an admitted answer also waits
            // for Lambda)
            lastDecision = spike.stream().filter(e -> !e.accepted()).mapToLong(e -> e.timeMs() + e.latencyMs())
                    .max().orElse(counts.lastSendMs());
        }
        verdict.observed("spikeTimes", decided.source());
        double spikeSeconds = (lastDecision - start) / 1000.0;
        int burst = spec.burstLimit();
        double refill = spec.rateLimit() * spikeSeconds;
        Band low = spec.band(burst);
        Band high = spec.band(Math.min(counts.total(), burst + refill));
        Band band = new Band(burst + refill / 2, low.min(), high.max());
        long admitted = counts.admitted();
        verdict.expected("plan", "rate " + spec.rateLimit() + "/s, burst " + burst)
                .expected("spikeRequests", 2L * burst)
                .expected("admitted", band.toString())
                .observed("spikeSeconds", ThrottleRateJudge.round(spikeSeconds))
                .observed("admitted", admitted);
        // a spike decided so slowly that the refill alone could have admitted all of it says nothing of the burst:
        // any count would pass, so the run is not judged rather than passed (a busy machine; rerun on a quieter one)
        verdict.check(burst + refill < counts.total(), String.format(Locale.ROOT,
                "NOT JUDGED: the stage decided the %d-request spike over %.3f s, in which the bucket refills %.1f of "
                        + "rate %.1f/s on top of burst %d: any admitted count would fit, so the spike shows nothing of "
                        + "the burst (an overloaded machine; run it again on a quieter one)",
                counts.total(), spikeSeconds, refill, spec.rateLimit(), burst));
        verdict.check(admitted > 0 && band.contains(admitted), String.format(Locale.ROOT,
                "admitted %d of a %d-request spike, expected burst %d + up to rate × spike = %.1f × %.3f s, i.e. [%d, %d]",
                admitted, counts.total(), burst, spec.rateLimit(), spikeSeconds, band.min(), band.max()));
        long otherRejections = counts.rejectedOtherThan(Outcome.TOO_MANY_REQUESTS);
        verdict.observed("rejectedOtherThan429TooManyRequests", otherRejections).observed("5xx", counts.serverErrors());
        verdict.check(otherRejections == 0, otherRejections + " rejections were not 429 TooManyRequestsException "
                + "(observed " + counts.byOutcome() + ")");
        verdict.check(counts.serverErrors() == 0, counts.serverErrors() + " requests got a 5xx");
        return verdict.build();
    }
}
