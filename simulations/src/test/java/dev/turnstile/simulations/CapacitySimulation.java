package dev.turnstile.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.turnstile.conformance.ledger.LedgerEntry;
import dev.turnstile.reports.input.CapacityStep;
import dev.turnstile.simulations.capacity.CapacitySteps;
import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import dev.turnstile.stage.profile.StageProfile.UsagePlanInfo;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Capacity: stepped open-model load ({@code turnstile.capacity.steps}, default 50, 100, 200, 400, 800 req/s, each
 * held {@code turnstile.capacity.hold}, default 10 s) of {@code allow} requests on a key whose plan does not throttle
 * at those rates — on the embedded local stage the standard plan's limits are raised by parameter override
 * ({@code ThrottleRate=100000, ThrottleBurst=50000, QuotaLimit=100000000} unless {@code -Dturnstile.params} is set);
 * on another stage name such a key with {@code -Dturnstile.capacity.key=<key id>}. Each step records throughput,
 * p50/p95/p99 and the error share; once a step's p99 exceeds {@code turnstile.capacity.p99} (1,000 ms) or its error
 * share {@code turnstile.capacity.errors} (1 %), later steps send nothing. The table goes to
 * {@code capacity-steps.json}, which the capacity report turns into its curve and knee.
 */
public class CapacitySimulation extends TurnstileSimulation {

    /**
     * Limits that do not throttle at the Capacity rates: the embedded stage's parameters unless
     * {@code -Dturnstile.params} is set (a running or deployed stage keeps its own).
     */
    static final String UNTHROTTLED = "ThrottleRate=100000,ThrottleBurst=50000,QuotaLimit=100000000";

    private final AtomicBoolean tripped = new AtomicBoolean();
    private final List<Double> stepRates;

    public CapacitySimulation() {
        super("Capacity", UNTHROTTLED);
        String keyId = run.settings().capacityKey().orElse(null);
        UsagePlanInfo plan = keyId == null ? run.profile().plan("-standard") : run.profile().planOfKey(keyId)
                .orElseThrow(() -> new IllegalArgumentException("-Dturnstile.capacity.key=" + keyId
                        + " is in no usage plan of the stage profile"));
        ApiKeyInfo key = keyId == null ? plan.firstKey()
                : plan.apiKeys().stream().filter(k -> k.id().equals(keyId)).findFirst().orElseThrow();
        double[] steps = run.settings().capacitySteps();
        Duration hold = run.settings().capacityHold();
        double top = steps[steps.length - 1];
        if (plan.throttle() != null && plan.throttle().rateLimit() < top) {
            throw new IllegalArgumentException("plan " + plan.name() + " throttles at " + plan.throttle().rateLimit()
                    + " req/s, below the top Capacity step " + top + ": use a key whose plan does not throttle "
                    + "(-Dturnstile.capacity.key) or lower -Dturnstile.capacity.steps");
        }
        List<PopulationBuilder> populations = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            double offered = steps[i];
            double previous = i == 0 ? 0 : steps[i - 1];
            String tag = CapacitySteps.scenario(RequestClass.KEY_ALLOW.scenario("Capacity"), offered);
            ScenarioBuilder step = scenario("Capacity " + CapacitySteps.scenario("", offered).substring(1))
                    .exec(exec(session -> {
                        if (previous > 0) {
                            judgePrevious(previous);
                        }
                        return session;
                    }))
                    .exec(doIf(session -> !tripped.get()).then(send(RequestClass.KEY_ALLOW, key, tag, 200)));
            populations.add(step.injectOpen(constantUsersPerSec(run.share().rate(offered)).during(hold)));
        }
        PopulationBuilder chain = rehearsal(steps[0], Duration.ofSeconds(3)).andThen(populations.get(0));
        for (PopulationBuilder next : populations.subList(1, populations.size())) {
            chain = chain.andThen(next);
        }
        spec(run.spec(plan, key, top, hold.toMillis() * steps.length));
        setUp(chain).protocols(protocol).maxDuration(hold.multipliedBy(steps.length).plusMinutes(2));
        this.stepRates = Arrays.stream(steps).boxed().toList();
    }

    /** Stops the stepping once a finished step broke the p99 or error-share threshold (checked once per step). */
    private void judgePrevious(double offered) {
        if (tripped.get()) {
            return;
        }
        List<LedgerEntry> previous = run.stage().ledger().entries().stream()
                .filter(e -> e.scenario() != null && e.scenario().endsWith(CapacitySteps.scenario("", offered)))
                .toList();
        if (previous.isEmpty()) {
            return;
        }
        CapacityStep step = CapacitySteps.of(previous).get(0);
        if (step.p99Ms() > run.settings().capacityP99Ms() || step.errorShare() > run.settings().capacityErrorShare()) {
            if (tripped.compareAndSet(false, true)) {
                System.out.println("Turnstile Capacity: step " + offered + " req/s had p99 " + step.p99Ms()
                        + " ms and error share " + step.errorShare() + "; no further steps");
            }
        }
    }

    @Override
    protected RunSpec completeSpec(RunSpec value) {
        List<CapacityStep> steps = CapacitySteps.of(run.stage().ledger().entries());
        CapacitySteps.write(run.stage().ledger().runDir(), steps);
        return value.withCapacitySteps(stepRates);
    }
}
