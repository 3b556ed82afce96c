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
    /** Per injector index: {@code [count, first send, last send]}. */
    private final Map<Integer, long[]> injectors = new TreeMap<>();

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
            long[] own = injectors.computeIfAbsent(e.injector(), i -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
            own[0]++;
            own[1] = Math.min(own[1], e.timeMs());
            own[2] = Math.max(own[2], e.timeMs());
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
     * The arrival rate the injectors actually offered: for each injector, {@code n − 1} intervals over the span of its
     * own send times (the client's clock, the right one here: what is measured is the load generator), summed. Per
     * injector, because injectors are separate processes (pods) that start seconds apart: over the union of their
     * spans two injectors that each kept exactly to their share would look short by the start offset, and the run
     * would be called NOT JUDGED for a skew that says nothing about whether the machine could generate the load
     * (a 2-injector run offering 2 × 20 req/s for 30 s, started 1.6 s apart, measured 37.9 req/s over the union).
     */
    double offeredRps() {
        return injectors.values().stream().mapToDouble(LedgerCounts::rate).sum();
    }

    private static double rate(long[] injector) {
        long n = injector[0];
        long span = injector[2] - injector[1];
        return n < 2 || span == 0 ? 0 : (n - 1) * 1000.0 / span;
    }

    /** Injectors that sent at least one request. */
    int injectorCount() {
        return injectors.size();
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
        if (injectorCount() > 1) {
            verdict.observed("injectors", injectorCount());
        }
        boolean enough = offered >= needed;
        verdict.check(enough, String.format(Locale.ROOT, "NOT JUDGED: the %s offered %.1f req/s of the %.1f "
                        + "asked (%.0f %%, at least %.0f %% needed); this machine could not generate the load %s needs, "
                        + "so a verdict on the usage plan would describe the load generator, not the stage. Run it on a "
                        + "bigger machine, with several injectors (-Dturnstile.injectors), or against a smaller plan "
                        + "(-Dturnstile.params=ThrottleRate=20,ThrottleBurst=40)",
                injectorCount() > 1 ? injectorCount() + " injectors" : "injector", offered, asked,
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
