package dev.turnstile.simulations.verdict;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.simulations.Band;
import dev.turnstile.simulations.Outcome;
import dev.turnstile.simulations.RunSpec;
import java.util.List;

/**
 * Quota: with the key's remaining quota reset to the limit through {@code UpdateUsage}, quota + extra requests below
 * the throttle rate. Exactly {@code quota} are admitted on the local stage (within the tolerance band on AWS), every
 * other answer is 429 {@code LimitExceededException}, and {@code GetUsage} agrees: the day's {@code used} grew by the
 * admitted count and nothing {@code remaining}.
 */
final class QuotaJudge implements Judge {

    @Override
    public Verdict judge(RunSpec spec, List<LedgerEntry> entries) {
        Verdict.Builder verdict = new Verdict.Builder(spec.simulation(), spec.runId());
        LedgerCounts counts = new LedgerCounts(entries);
        counts.basics(verdict);
        long quota = spec.quotaLimit();
        Band band = "local".equals(spec.stageKind()) ? Band.exactly(quota) : spec.band(quota);
        long admitted = counts.admitted();
        verdict.expected("quota", quota).expected("admitted", band.toString())
                .expected("rejections", Outcome.LIMIT_EXCEEDED.toString()).observed("admitted", admitted);
        verdict.check(band.contains(admitted), "admitted " + admitted + " of " + counts.total()
                + " requests, expected the quota " + band);
        long otherRejections = counts.rejectedOtherThan(Outcome.LIMIT_EXCEEDED);
        verdict.observed("rejectedOtherThan429LimitExceeded", otherRejections);
        verdict.check(otherRejections == 0, otherRejections + " rejections were not 429 LimitExceededException "
                + "(observed " + counts.byOutcome() + ")");
        List<Long> before = spec.usageBefore();
        List<Long> after = spec.usageAfter();
        verdict.observed("getUsageBefore", before).observed("getUsageAfter", after);
        if (before == null || after == null || before.size() != 2 || after.size() != 2) {
            verdict.check(false, "GetUsage [used, remaining] was not read before and after the load");
        } else {
            verdict.expected("getUsageAfter", List.of(before.get(0) + admitted, 0L));
            verdict.check(after.get(0) - before.get(0) == admitted && after.get(1) == 0,
                    "GetUsage disagrees: [used, remaining] went from " + before + " to " + after + " for " + admitted
                            + " admitted requests (expected [" + (before.get(0) + admitted) + ", 0])");
        }
        return verdict.build();
    }
}
