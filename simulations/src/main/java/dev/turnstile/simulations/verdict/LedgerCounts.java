package dev.turnstile.simulations.verdict;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.conformance.ledger.LedgerSource;
import dev.turnstile.simulations.Outcome;
import dev.turnstile.simulations.RunSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Counts over ledger entries that every judge needs: by outcome, answered or not, 5xx, time span. Taken in one pass
 * over a streamed ledger ({@link LedgerSource}) and kept as counters per outcome, so a run of a million requests
 * costs a few numbers; {@link #count} takes one more pass for a judge's own question.
 */
final class LedgerCounts {

    private final LedgerSource entries;
    private final Map<Outcome, Long> outcomes = new HashMap<>();
    private long total;
    private long firstSend = Long.MAX_VALUE;
    private long lastSend = Long.MIN_VALUE;

    LedgerCounts(List<LedgerEntry> entries) {
        this(LedgerSource.of(entries));
    }

    LedgerCounts(LedgerSource entries) {
        this.entries = entries;
        entries.forEach(e -> {
            total++;
            outcomes.merge(Outcome.of(e), 1L, Long::sum);
            firstSend = Math.min(firstSend, e.timeMs());
            lastSend = Math.max(lastSend, e.timeMs());
        });
    }

    long total() {
        return total;
    }

    /** Entries {@code which} accepts (one more pass over the ledger). */
    long count(Predicate<LedgerEntry> which) {
        long[] n = {0};
        entries.forEach(e -> {
            if (which.test(e)) {
                n[0]++;
            }
        });
        return n[0];
    }

    private long outcomes(Predicate<Outcome> which) {
        return outcomes.entrySet().stream().filter(o -> which.test(o.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    long admitted() {
        return outcomes(o -> o.status() >= 200 && o.status() < 300);
    }

    long unreachable() {
        return outcomes(o -> o.status() == 0);
    }

    long serverErrors() {
        return outcomes(o -> o.status() >= 500);
    }

    /** Rejections that are not {@code allowed} (e.g. every non-2xx must be 429 TooManyRequestsException). */
    long rejectedOtherThan(Outcome allowed) {
        return outcomes(o -> !(o.status() >= 200 && o.status() < 300) && !allowed.equals(o));
    }

    /** {@code "status errorType" → count}, sorted, for the verdict's observations. */
    Map<String, Long> byOutcome() {
        Map<String, Long> out = new TreeMap<>();
        outcomes.forEach((o, n) -> out.merge(o.toString(), n, Long::sum));
        return out;
    }

    long firstSendMs() {
        return total == 0 ? 0 : firstSend;
    }

    long lastSendMs() {
        return total == 0 ? 0 : lastSend;
    }

    /**
     * The arrival rate the injectors actually offered: {@code n − 1} intervals over the span of the send times (the
     * client's own clock, the right one here: what is measured is the load generator).
     */
    double offeredRps() {
        if (total < 2 || lastSendMs() == firstSendMs()) {
            return 0;
        }
        return (total - 1) * 1000.0 / (lastSendMs() - firstSendMs());
    }

    /**
     * Whether the load was offered as asked: at least {@code spec.offeredShare()} of {@code spec.offeredRps()}. When it
     * was not, the machine could not generate the load the simulation needs; the verdict fails with one plain line
     * saying so, and the caller skips its rate checks, which would describe the injector rather than the stage.
     * Runs that asked for no rate (or whose spec predates the check) pass.
     */
    boolean offeredLoad(Verdict.Builder verdict, RunSpec spec) {
        double asked = spec.offeredRps();
        if (asked <= 0 || spec.offeredShare() <= 0 || total < 2) {
            return true;
        }
        double offered = offeredRps();
        double needed = asked * spec.offeredShare();
        verdict.expected("offeredRpsAtLeast", Math.round(needed * 10) / 10.0)
                .observed("offeredRps", Math.round(offered * 10) / 10.0);
        boolean enough = offered >= needed;
        verdict.check(enough, String.format(Locale.ROOT, "NOT JUDGED: the injector offered %.1f req/s of the %.1f "
                        + "asked (%.0f %%, at least %.0f %% needed); this machine could not generate the load %s needs, "
                        + "so a verdict on the usage plan would describe the load generator, not the stage. Run it on a "
                        + "bigger machine, with several injectors (-Dturnstile.injectors), or against a smaller plan "
                        + "(-Dturnstile.params=ThrottleRate=20,ThrottleBurst=40)", offered, asked,
                100 * offered / asked, 100 * spec.offeredShare(), spec.simulation()));
        return enough;
    }

    /**
     * The checks that hold for every simulation: something was sent, and the stage answered all of it. A simulation
     * that could not reach the stage never passes.
     */
    void basics(Verdict.Builder verdict) {
        verdict.observed("requests", total()).observed("byOutcome", byOutcome());
        verdict.check(total() > 0, "no request was recorded: the simulation could not reach the stage or sent nothing");
        verdict.check(unreachable() == 0, unreachable() + " of " + total()
                + " requests got no answer (stage unreachable or client timeout)");
    }
}
