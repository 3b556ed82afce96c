package dev.turnstile.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.conformance.http.StageRequest;
import dev.turnstile.conformance.http.StageResponse;
import dev.turnstile.conformance.junit.TurnstileStage;
import dev.turnstile.conformance.run.StageRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * REQUEST authorizer on {@code POST /tenant-items} (identity: header {@code authorizationToken} + query {@code tenant},
 * docs/aws-behaviour.md §4.1): an allowed tenant is 200, a tenant not allowed is 403 explicit deny, and a missing identity source
 * is 401 {@code {"message":"Unauthorized"}} without invoking the function — the class's cross-check counts the
 * authorizer's {@code START} lines and fails if that request invoked it.
 */
@ExtendWith(TurnstileStage.class)
class RequestAuthorizerIT {

    private static StageRequest.Builder tenantItems(StageRun run, String tenant) {
        StageRequest.Builder b = StageRequest.to("POST", "/tenant-items").apiKey(run.profile().key("-standard")).json("{\"t\":1}");
        return tenant == null ? b : b.query("tenant=" + tenant);
    }

    @Test
    void allowedTenantIsAccepted(StageRun run, TestReporter reporter) {
        StageResponse r = run.send(tenantItems(run, "tenant-a").token("allow").tokenClass("allow/tenant-a")
                .scenario("request-allowed").build());
        Expect.status(reporter, r, 200, null);
        assertThat(Items.get(run, r.extendedRequestId())).containsKey("payload");
    }

    @Test
    void tenantNotAllowedIsExplicitDeny(StageRun run, TestReporter reporter) {
        Expect.response(reporter, run.send(tenantItems(run, "tenant-zzz").token("allow").tokenClass("allow/tenant-zzz")
                .scenario("request-tenant-denied").build()), 403, "AccessDeniedException", Expect.EXPLICIT_DENY);
    }

    @Test
    void missingTenantIsUnauthorizedWithoutInvocation(StageRun run, TestReporter reporter) {
        String group = run.profile().functionLogGroup("RequestAuthorizerFunction");
        long before = StageRun.starts(run.events(group));
        Expect.response(reporter, run.send(tenantItems(run, null).token("allow").tokenClass("allow/missing")
                .scenario("request-missing-tenant").build()), 401, "UnauthorizedException", Expect.UNAUTHORIZED);
        if (run.profile().isLocal()) {
            // locally logs are immediate: no new START line may appear (on AWS the cross-check's bound covers it)
            assertThat(StageRun.starts(run.events(group))).as("REQUEST authorizer invocations").isEqualTo(before);
        }
    }
}
