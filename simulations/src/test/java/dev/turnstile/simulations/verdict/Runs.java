package dev.turnstile.simulations.verdict;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.simulations.RunSpec;
import java.util.List;

/** Synthetic specs and ledger entries for the judges' tests. */
final class Runs {

    private Runs() {
    }

    static RunSpec spec(String simulation, double rate, int burst, long quota, double offered, String kind) {
        return new RunSpec(simulation, "run", 1, 0, kind, "p-standard", "key", rate, burst, quota, offered, 30_000,
                0.02, 2, 0, 0, null, null, null, 0, null, 0.95);
    }

    static LedgerEntry entry(String scenario, int status, String errorType, long timeMs, long latencyMs) {
        return new LedgerEntry("run", "r" + timeMs + "-" + status + "-" + Math.abs(scenario.hashCode()) + "-"
                + Math.random(), "POST /items", "key", "allow", status, errorType, latencyMs, timeMs, 0, scenario);
    }

    /** {@code e} as sent by injector {@code injector} of a multi-injector run. */
    static LedgerEntry from(int injector, LedgerEntry e) {
        return new LedgerEntry(e.runId(), e.requestId(), e.extendedRequestId(), e.route(), e.apiKeyId(),
                e.tokenClass(), e.status(), e.errorType(), e.latencyMs(), e.timeMs(), injector, e.scenario());
    }

    static LedgerEntry ok(String scenario, long timeMs) {
        return entry(scenario, 200, null, timeMs, 10);
    }

    static LedgerEntry throttled(String scenario, long timeMs) {
        return entry(scenario, 429, "TooManyRequestsException", timeMs, 2);
    }

    static List<String> failures(Verdict v) {
        return v.failures();
    }
}
