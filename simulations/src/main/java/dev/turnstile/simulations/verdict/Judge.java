package dev.turnstile.simulations.verdict;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.conformance.ledger.LedgerSource;
import dev.turnstile.simulations.RunSpec;
import java.util.List;

/**
 * Turns a run's spec and ledger into its verdict. Judges are pure functions of what was recorded, so the same judge
 * decides a single injector's run and the merge of several injectors' ledgers.
 */
public interface Judge {

    /** The scenario suffix of rehearsal requests: recorded and cross-checked, never judged. */
    String REHEARSAL = ":rehearsal";

    /** The entries a verdict judges: all but the rehearsal's. */
    static List<LedgerEntry> measured(List<LedgerEntry> entries) {
        return entries.stream().filter(e -> e.scenario() == null || !e.scenario().endsWith(REHEARSAL)).toList();
    }

    /** The entries a verdict judges, of a streamed ledger. */
    static LedgerSource measured(LedgerSource entries) {
        return entries.filter(e -> e.scenario() == null || !e.scenario().endsWith(REHEARSAL));
    }

    /** The verdict of {@code entries} (the whole run's ledger) under {@code spec}. */
    Verdict judge(RunSpec spec, List<LedgerEntry> entries);

    /**
     * The verdict with the stage's decision times at hand (the access log's, read after the cross-check); judges
     * whose rules are not about time ignore them.
     */
    default Verdict judge(RunSpec spec, List<LedgerEntry> entries, DecisionTimes times) {
        return judge(spec, entries);
    }

    /**
     * The verdict of a streamed ledger: ThrottleRate, whose runs reach millions of requests, judges it in passes
     * keeping counters and one number a request; the other simulations' runs are small by design (a Burst spike, a
     * Quota, a Smoke pass, Capacity steps), and their judges read the list.
     */
    default Verdict judge(RunSpec spec, LedgerSource entries, DecisionTimes times) {
        return judge(spec, entries.toList(), times);
    }

    /** The judge of a simulation by name. */
    static Judge forSimulation(String simulation) {
        return switch (simulation) {
            case "Smoke" -> new OutcomeJudge(true);
            case "AuthorizerMix" -> new OutcomeJudge(false);
            case "ThrottleRate" -> new ThrottleRateJudge();
            case "Burst" -> new BurstJudge();
            case "Quota" -> new QuotaJudge();
            case "Capacity" -> new CapacityJudge();
            default -> throw new IllegalArgumentException("no verdict rules for simulation '" + simulation
                    + "' (known: Smoke, ThrottleRate, Burst, Quota, AuthorizerMix, Capacity)");
        };
    }
}
