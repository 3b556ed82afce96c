package dev.turnstile.simulations.verdict;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.simulations.Outcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Counts over ledger entries that every judge needs: by outcome, answered or not, 5xx, time span. */
final class LedgerCounts {

    private final List<LedgerEntry> entries;

    LedgerCounts(List<LedgerEntry> entries) {
        this.entries = entries;
    }

    long total() {
        return entries.size();
    }

    long count(Predicate<LedgerEntry> which) {
        return entries.stream().filter(which).count();
    }

    long admitted() {
        return count(LedgerEntry::accepted);
    }

    long unreachable() {
        return count(e -> e.status() == 0);
    }

    long serverErrors() {
        return count(e -> e.status() >= 500);
    }

    /** Rejections that are not {@code allowed} (e.g. every non-2xx must be 429 TooManyRequestsException). */
    long rejectedOtherThan(Outcome allowed) {
        return count(e -> !e.accepted() && !allowed.matches(e));
    }

    /** {@code "status errorType" → count}, sorted, for the verdict's observations. */
    Map<String, Long> byOutcome() {
        return entries.stream().collect(Collectors.groupingBy(e -> Outcome.of(e).toString(), TreeMap::new,
                Collectors.counting()));
    }

    long firstSendMs() {
        return entries.stream().mapToLong(LedgerEntry::timeMs).min().orElse(0);
    }

    long lastSendMs() {
        return entries.stream().mapToLong(LedgerEntry::timeMs).max().orElse(0);
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
