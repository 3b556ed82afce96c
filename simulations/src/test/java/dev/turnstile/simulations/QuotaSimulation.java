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
    /** Today's used count right after the reset, before the run. */
    private long usedBefore;
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
        // a deployed stage's throttle is best effort: its gateway nodes each hold a share of the bucket, and at 80 % of
        // the rate a node that receives more than its share answers 429 TooManyRequests in a quota test; at 40 % the
        // throttle stays out of it (docs/aws-behaviour.md §15.3)
        double share = run.profile().isLocal() ? 0.8 : 0.4;
        Duration interval = Duration.ofMillis((long) Math.ceil(1000 / (share * plan.throttle().rateLimit())));
        run.usage().setRemaining(plan, key, quota);
        List<Long> before = run.usage().today(plan, key);
        usedBefore = before.get(0);
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
        return value.withUsageAfter(run.profile().isLocal() ? run.usage().today(plan, key) : settledUsage());
    }

    /**
     * GetUsage on a deployed stage once it has settled: AWS documents no freshness for it (docs/aws-behaviour.md §15.2),
     * so it is read every 5 s until it shows at least the quota used since the reset and then holds still for one read,
     * up to {@code -Dturnstile.usage.deadline} (PT2M).
     */
    private List<Long> settledUsage() {
        Duration deadline = Duration.parse(System.getProperty("turnstile.usage.deadline", "PT2M"));
        long stop = System.nanoTime() + deadline.toNanos();
        long quota = plan.quota().limit();
        List<Long> last = run.usage().today(plan, key);
        while (System.nanoTime() < stop && last.get(0) - usedBefore < quota) {
            pause();
            last = run.usage().today(plan, key);
        }
        while (System.nanoTime() < stop) {
            pause();
            List<Long> next = run.usage().today(plan, key);
            if (next.equals(last)) {
                return next;
            }
            last = next;
        }
        return last;
    }

    private static void pause() {
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for GetUsage", e);
        }
    }
}
