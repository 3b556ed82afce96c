package dev.turnstile.conformance.suite;

import dev.turnstile.conformance.http.StageRequest;
import dev.turnstile.conformance.junit.TurnstileStage;
import dev.turnstile.conformance.run.StageRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Routing (docs/aws-behaviour.md §1.2, §2 step 1): a path with no resource, and a resource without the requested method, both
 * answer 403 {@code MissingAuthenticationTokenException} {@code {"message":"Missing Authentication Token"}} — before
 * any authorizer or API key check.
 */
@ExtendWith(TurnstileStage.class)
class RoutingIT {

    @Test
    void unknownPathIsMissingAuthenticationToken(StageRun run, TestReporter reporter) {
        Expect.response(reporter, run.send(StageRequest.to("POST", "/no-such-resource").apiKey(run.profile().key("-standard"))
                .token("allow").json("{}").scenario("routing-unknown-path").build()),
                403, "MissingAuthenticationTokenException", Expect.MISSING_TOKEN);
    }

    @Test
    void getOnAPostOnlyRouteIsMissingAuthenticationToken(StageRun run, TestReporter reporter) {
        Expect.response(reporter, run.send(StageRequest.to("GET", "/items").apiKey(run.profile().key("-standard"))
                .token("allow").scenario("routing-wrong-method").build()),
                403, "MissingAuthenticationTokenException", Expect.MISSING_TOKEN);
    }

    @Test
    void unknownPathWithoutKeyOrTokenIsStillMissingAuthenticationToken(StageRun run, TestReporter reporter) {
        Expect.response(reporter, run.send(StageRequest.to("DELETE", "/items/1").scenario("routing-bare").build()),
                403, "MissingAuthenticationTokenException", Expect.MISSING_TOKEN);
    }
}
