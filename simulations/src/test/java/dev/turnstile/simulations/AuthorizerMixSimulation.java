package dev.turnstile.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AuthorizerMix: a weighted mix of {@code allow}, {@code deny}, {@code unauthorized}, invalid and missing tokens on
 * {@code POST /items} and of allowed, unlisted and missing tenants on {@code POST /tenant-items}, at a steady rate
 * ({@code turnstile.mix.rate}, default half the plan rate, for {@code turnstile.mix.duration}, default 15 s) below the plan's
 * limits. Every class must get exactly its status and error type; the cross-check counts each authorizer's
 * invocations in its log group against the cache TTL (Allow and Deny cached, 401 and errors not).
 */
public class AuthorizerMixSimulation extends TurnstileSimulation {

    /** Weights in percent; they add up to 100. */
    static final Map<RequestClass, Double> MIX = new LinkedHashMap<>();

    static {
        MIX.put(RequestClass.KEY_ALLOW, 35.0);
        MIX.put(RequestClass.KEY_DENY, 15.0);
        MIX.put(RequestClass.KEY_UNAUTHORIZED, 10.0);
        MIX.put(RequestClass.KEY_INVALID_TOKEN, 10.0);
        MIX.put(RequestClass.KEY_MISSING_TOKEN, 5.0);
        MIX.put(RequestClass.TENANT_ALLOWED, 10.0);
        MIX.put(RequestClass.TENANT_NOT_ALLOWED, 5.0);
        MIX.put(RequestClass.TENANT_DENY_TOKEN, 5.0);
        MIX.put(RequestClass.TENANT_MISSING, 5.0);
    }

    public AuthorizerMixSimulation() {
        super("AuthorizerMix");
        UsagePlanInfo plan = run.profile().plan("-standard");
        ApiKeyInfo key = run.profile().key("-standard");
        double rate = run.settings().mixRate(plan.throttle().rateLimit());
        Duration duration = run.settings().mixDuration();
        if (rate >= plan.throttle().rateLimit()) {
            throw new IllegalArgumentException("-Dturnstile.mix.rate=" + rate + " must stay below plan " + plan.name()
                    + "'s rate " + plan.throttle().rateLimit() + ": AuthorizerMix proves authorizer outcomes, not throttling");
        }
        QuotaHeadroom.ensure(run, plan, key, Math.round(rate * duration.toMillis() / 1000.0) + 10);
        Choice.WithWeight[] choices = MIX.entrySet().stream()
                .map(e -> percent(e.getValue()).then(send(e.getKey(), key, e.getKey().scenario("AuthorizerMix"))))
                .toArray(Choice.WithWeight[]::new);
        ScenarioBuilder mix = scenario("AuthorizerMix").exec(randomSwitch().on(choices));
        spec(run.spec(plan, key, rate, duration.toMillis()));
        setUp(rehearsal(rate, Duration.ofSeconds(3))
                .andThen(mix.injectOpen(constantUsersPerSec(run.share().rate(rate)).during(duration))))
                .protocols(protocol)
                .maxDuration(duration.plusMinutes(2))
                .assertions(global().failedRequests().count().is(0L),
                        global().responseTime().percentile4().lt(run.settings().p99Ms()));
    }
}
