package dev.turnstile.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;

/**
 * ThrottleRate: the standard plan's key, open model at k × the plan's rate (k = {@code turnstile.throttle.factor},
 * default 2) for T seconds ({@code turnstile.throttle.duration}, default 30 s). The verdict expects
 * {@code burst + rate × T} admitted within the tolerance band, only 429 {@code TooManyRequestsException}
 * rejections, no 5xx, and the plan's rate once the burst has drained. Before the load: a rehearsal on an unmetered
 * route at the load's rate, then one on the measured route below the plan's rate (both recorded, never judged).
 */
public class ThrottleRateSimulation extends TurnstileSimulation {

    public ThrottleRateSimulation() {
        super("ThrottleRate");
        UsagePlanInfo plan = run.profile().plan("-standard");
        ApiKeyInfo key = run.profile().key("-standard");
        double offered = run.settings().throttleFactor() * plan.throttle().rateLimit();
        Duration duration = run.settings().throttleDuration();
        // the measured route itself at 90 % of the plan's rate: it warms the authorizer cache, the gateway's
        // integration and the writers' proxy path, and never empties the bucket, which starts the load full
        double below = 0.9 * plan.throttle().rateLimit();
        Duration rehearsed = Duration.ofSeconds(3);
        QuotaHeadroom.ensure(run, plan, key, Math.round(plan.throttle().burstLimit()
                + plan.throttle().rateLimit() * duration.toMillis() / 1000.0
                + below * rehearsed.toMillis() / 1000.0) + 100);
        ScenarioBuilder load = scenario("ThrottleRate")
                .exec(send(RequestClass.KEY_ALLOW, key, RequestClass.KEY_ALLOW.scenario("ThrottleRate"), 200, 429));
        spec(run.spec(plan, key, offered, duration.toMillis()));
        setUp(rehearsal(offered, Duration.ofSeconds(2))
                // a deployed stage throttles best effort: its gateway nodes each hold a share of the bucket, and one
                // that receives more than its share may answer 429 below the plan's rate (docs/aws-behaviour.md §15.3)
                .andThen(run.profile().isLocal() ? rehearsal(RequestClass.KEY_ALLOW, key, below, rehearsed)
                        : rehearsal(RequestClass.KEY_ALLOW, key, below, rehearsed, 200, 429))
                .andThen(load.injectOpen(constantUsersPerSec(run.share().rate(offered)).during(duration))))
                .protocols(protocol)
                .maxDuration(duration.plusMinutes(2))
                .assertions(global().failedRequests().count().is(0L),
                        global().responseTime().percentile4().lt(run.settings().p99Ms()));
    }
}
