package dev.turnstile.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.turnstile.conformance.http.StageRequest;
import dev.turnstile.conformance.junit.TurnstileStage;
import dev.turnstile.conformance.run.StageRun;
import dev.turnstile.stage.profile.StageProfile.AuthorizerInfo;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Authorizer result cache (docs/aws-behaviour.md §4.6, §12): within {@code ReauthorizeEvery} the TOKEN authorizer runs once per
 * token, a Deny is cached like an Allow, and past the TTL it runs again. Needs the local stage clock (or, on AWS, a TTL
 * of at most 60 s, waited out for real).
 */
@ExtendWith(TurnstileStage.class)
class AuthorizerCacheIT {

    private AuthorizerInfo token;

    @BeforeEach
    void needsAClockOrAShortTtl(StageRun run) {
        token = run.profile().authorizers().stream().filter(a -> "TOKEN".equals(a.type())).findFirst().orElseThrow();
        assumeTrue(run.clock().available() || token.ttlSeconds() <= 60,
                "the TOKEN authorizer TTL is " + token.ttlSeconds() + " s and this stage has no clock to advance");
        assumeTrue(token.ttlSeconds() > 0, "caching is disabled (TTL 0)");
        pastTtl(run);
    }

    private void pastTtl(StageRun run) {
        if (run.clock().available()) {
            run.clock().advance(Duration.ofSeconds(token.ttlSeconds() + 1L));
        } else {
            sleep(Duration.ofSeconds(token.ttlSeconds() + 1L));
        }
    }

    private long send(StageRun run, String tokenValue, int times, int status) {
        String group = run.profile().functionLogGroup(token.function());
        long before = StageRun.starts(run.events(group));
        for (int i = 0; i < times; i++) {
            assertThat(run.send(StageRequest.to("POST", "/items").apiKey(run.profile().key("-standard")).token(tokenValue)
                    .json("{\"cache\":" + i + "}").scenario("authorizer-cache").build()).status()).isEqualTo(status);
        }
        return StageRun.starts(run.awaitEvents(group, events -> StageRun.starts(events) > before)) - before;
    }

    @Test
    void repeatedAllowInvokesOnceThenAgainPastTheTtl(StageRun run, TestReporter reporter) {
        long first = send(run, "allow", 3, 200);
        pastTtl(run);
        long second = send(run, "allow", 2, 200);
        reporter.publishEntry("expected", "3 allow → 1 invocation; past TTL 2 allow → 1 invocation");
        reporter.publishEntry("observed", first + " then " + second + " invocations");
        assertThat(first).as("invocations for 3 calls within the TTL").isEqualTo(1);
        assertThat(second).as("invocations after the TTL").isEqualTo(1);
    }

    @Test
    void denyIsCachedLikeAllow(StageRun run, TestReporter reporter) {
        long invocations = send(run, "deny", 3, 403);
        reporter.publishEntry("expected", "3 deny → 1 invocation");
        reporter.publishEntry("observed", invocations + " invocations");
        assertThat(invocations).isEqualTo(1);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
