package dev.turnstile.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.turnstile.stage.profile.StageProfile.ApiKeyInfo;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Smoke: every route and every authorizer outcome once, one after another — {@code POST /items} with key and
 * {@code allow}/{@code deny}/{@code unauthorized}/invalid/missing token, without a key, with a wrong key, with a
 * malformed body; {@code GET /items} and an unknown path; {@code POST /tenant-items} with an allowed, an unlisted and a
 * missing tenant and a {@code deny} token. Each must get exactly its class's status and {@code x-amzn-ErrorType}.
 */
public class SmokeSimulation extends TurnstileSimulation {

    public SmokeSimulation() {
        super("Smoke");
        if (!run.share().alone()) {
            throw new IllegalArgumentException("Smoke sends each request class once: run it on one injector");
        }
        ApiKeyInfo key = run.profile().key("-standard");
        List<ChainBuilder> steps = Arrays.stream(RequestClass.values())
                .map(c -> send(c, key, c.scenario("Smoke"))).toList();
        ScenarioBuilder smoke = scenario("Smoke").exec(steps);
        spec(run.spec(run.profile().plan("-standard"), key, 0, 0));
        setUp(rehearsal(10, Duration.ofSeconds(2)).andThen(smoke.injectOpen(atOnceUsers(1)))).protocols(protocol)
                .maxDuration(Duration.ofMinutes(2))
                .assertions(global().failedRequests().count().is(0L));
    }
}
