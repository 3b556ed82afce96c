package dev.turnstile.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.turnstile.simulations.verdict.Judge;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;

/**
 * Burst: a rehearsal spike on an unmetered route warms the client and the gateway, one warm-up request fills the
 * authorizer cache (so the spike is decided by the usage plan alone), then an
 * idle period long enough for the bucket to refill completely ({@code burst / rate} seconds plus one: on the local
 * stage its clock is moved forward instead of waiting), then 2 × burst requests at once. The verdict expects about
 * {@code burst} admitted, plus at most what refills during the observed spike. Its p99 allowance is {@code turnstile.p99}
 * plus {@code burst / rate} seconds, the time a backend that keeps the plan's rate needs for the burst it admits.
 */
public class BurstSimulation extends TurnstileSimulation {

    public BurstSimulation() {
        super("Burst");
        UsagePlanInfo plan = run.profile().plan("-standard");
        ApiKeyInfo key = run.profile().key("-standard");
        int burst = plan.throttle().burstLimit();
        Duration refill = Duration.ofMillis((long) Math.ceil(1000.0 * burst / plan.throttle().rateLimit()))
                .plusSeconds(1);
        QuotaHeadroom.ensure(run, plan, key, 2L * burst + 1);
        // one injector may move the local stage clock; several would each move it, so they wait like on AWS
        ChainBuilder idle = run.stage().clock().available() && run.share().alone()
                ? exec(session -> {
                    run.stage().clock().advance(refill);
                    return session;
                })
                : pause(refill);
        // a rehearsal of the spike's shape on a route no usage plan meters (403 before the authorizer): the first
        // 2 × burst concurrent connections cost the client and the gateway JIT and handshakes, which must not
        // spread the real spike's arrivals
        ScenarioBuilder rehearsal = scenario("Burst rehearsal")
                .exec(send(RequestClass.UNKNOWN_PATH, key, RequestClass.UNKNOWN_PATH.scenario("Burst") + Judge.REHEARSAL));
        ScenarioBuilder warmUp = scenario("Burst warm-up")
                .exec(send(RequestClass.KEY_ALLOW, key, RequestClass.KEY_ALLOW.scenario("Burst") + ":warm-up", 200))
                .exec(idle);
        ScenarioBuilder spike = scenario("Burst spike")
                .exec(send(RequestClass.KEY_ALLOW, key, RequestClass.KEY_ALLOW.scenario("Burst") + ":spike", 200, 429));
        spec(run.spec(plan, key, 0, refill.toMillis()));
        // the spike's admitted part arrives at once and queues for the writers: a backend that keeps the plan's
        // rate serves a full burst within burst / rate seconds, which the latency allowance adds to turnstile.p99
        int p99Allowance = run.settings().p99Ms() + (int) Math.ceil(1000.0 * burst / plan.throttle().rateLimit());
        int spikeUsers = (int) run.share().requests(2L * burst);
        setUp(rehearsal.injectOpen(atOnceUsers(spikeUsers))
                .andThen(warmUp.injectOpen(atOnceUsers(1)))
                .andThen(spike.injectOpen(atOnceUsers(spikeUsers))))
                .protocols(protocol)
                .maxDuration(refill.plusMinutes(2))
                .assertions(global().failedRequests().count().is(0L),
                        global().responseTime().percentile4().lt(p99Allowance));
    }
}
