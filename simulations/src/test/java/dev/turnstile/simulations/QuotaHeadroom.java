package dev.turnstile.simulations;

import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import java.util.List;

/**
 * Keeps a plan's quota out of a throttling simulation's way: when the key's remaining quota for today is below what
 * the run may admit, it is restored to the limit with {@code UpdateUsage} (and said so), because a 429
 * {@code LimitExceededException} in the middle of a throttle test would be a wrong verdict, not a finding.
 */
final class QuotaHeadroom {

    private QuotaHeadroom() {
    }

    static void ensure(SimulationRun run, UsagePlanInfo plan, ApiKeyInfo key, long needed) {
        if (plan.quota() == null || plan.quota().limit() <= 0) {
            return;
        }
        if (plan.quota().limit() < needed) {
            throw new IllegalStateException(run.simulation() + " may admit " + needed + " requests but plan "
                    + plan.name() + " has a quota of " + plan.quota().limit() + " per " + plan.quota().period()
                    + ": shorten the run or raise the quota");
        }
        List<Long> usage = run.usage().today(plan, key);
        if (usage.get(1) < needed) {
            run.usage().setRemaining(plan, key, plan.quota().limit());
            System.out.println("Turnstile " + run.simulation() + ": key " + key.id() + " had " + usage.get(1)
                    + " requests of quota left, fewer than the " + needed + " this run may admit; UpdateUsage restored "
                    + "it to " + plan.quota().limit());
        }
    }
}
