package dev.turnstile.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.List;

/**
 * Quota: on the small plan, the key's remaining quota is reset to the limit through {@code UpdateUsage}, then
 * quota + extra ({@code turnstile.quota.extra}, default 10) requests are paced at 80 % of the plan's rate, below its
 * throttle. Exactly {@code quota} must be admitted on the local stage, the rest 429 {@code LimitExceededException},
 * and {@code GetUsage} must agree. One injector only: a quota is one counter, and splitting its reset across
 * processes would race.
 */
public class QuotaSimulation extends TurnstileSimulation {

    private final UsagePlanInfo plan;
    private final ApiKeyInfo key;

    public QuotaSimulation() {
        super("Quota");
        if (!run.share().alone()) {
            throw new IllegalArgumentException("Quota runs on one injector (-Dturnstile.injectors=1): its reset and "
                    + "its exact count are one usage-plan counter");
        }
        plan = run.profile().plan("-small");
        key = run.profile().key("-small");
        long quota = plan.quota().limit();
        long requests = quota + run.settings().quotaExtra();
        Duration interval = Duration.ofMillis((long) Math.ceil(1000 / (0.8 * plan.throttle().rateLimit())));
        run.usage().setRemaining(plan, key, quota);
        List<Long> before = run.usage().today(plan, key);
        ScenarioBuilder quotaRun = scenario("Quota").repeat((int) requests).on(pace(interval)
                .exec(send(RequestClass.KEY_ALLOW, key, RequestClass.KEY_ALLOW.scenario("Quota"), 200, 429)));
        spec(run.spec(plan, key, 1000.0 / interval.toMillis(), interval.toMillis() * requests).withUsageBefore(before));
        setUp(rehearsal(8, Duration.ofSeconds(2)).andThen(quotaRun.injectOpen(atOnceUsers(1))))
                .protocols(protocol)
                .maxDuration(interval.multipliedBy(requests).plusMinutes(2))
                .assertions(global().failedRequests().count().is(0L));
    }

    @Override
    protected RunSpec completeSpec(RunSpec value) {
        return value.withUsageAfter(run.usage().today(plan, key));
    }
}
